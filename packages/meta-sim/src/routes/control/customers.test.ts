import { normalizeWebhookBody, verifySignature } from "@papo/whatsapp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CustomerMessageInput } from "../../inbound/customer-message.ts";
import { type SimHarness, startSimHarness, TEST_APP_SECRET } from "../../testing/sim.test-utils.ts";

const LIA = "5511912345678";
let h: SimHarness;

beforeAll(async () => {
  h = await startSimHarness();
});

beforeEach(() => {
  h.receiver.clear();
});

afterAll(async () => {
  await h.close();
});

async function postCustomerMessage(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${h.sim.url}/_sim/customers/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Sends through the control API, checks the signature, and returns the one normalised event with the webhook. */
async function deliverAndNormalize(input: CustomerMessageInput) {
  const { status, json } = await postCustomerMessage(input);
  expect(status).toBe(200);
  // Filter by wamid: status webhooks of earlier tests may still be arriving.
  const [hook] = await h.receiver.waitForCount(1, (r) => r.rawBody.includes(String(json.wamid)));
  if (!hook) throw new Error("no webhook");
  expect(
    verifySignature({ rawBody: hook.rawBody, header: hook.headers["x-hub-signature-256"] as string, appSecret: TEST_APP_SECRET }),
  ).toEqual({ valid: true });
  const result = normalizeWebhookBody(hook.rawBody);
  if (!result.ok) throw new Error(result.error.message);
  expect(result.events).toHaveLength(1);
  return { event: result.events[0], wamid: json.wamid, mediaId: json.mediaId, hook };
}

const base = { from: LIA, name: "Lia Prado" } as const;

const cases: [string, CustomerMessageInput, Record<string, unknown>][] = [
  ["text", { ...base, type: "text", text: "Olá! Tudo bem? 😀" }, { content: { type: "text", body: "Olá! Tudo bem? 😀" } }],
  [
    "image with caption",
    { ...base, type: "image", image: { caption: "comprovante" } },
    { content: { type: "image", media: { mimeType: "image/jpeg", caption: "comprovante" } } },
  ],
  [
    "voice note",
    { ...base, type: "audio", audio: { voice: true } },
    { content: { type: "audio", voice: true, media: { mimeType: "audio/ogg; codecs=opus" } } },
  ],
  ["audio file", { ...base, type: "audio", audio: { voice: false, mimeType: "audio/mpeg" } }, { content: { type: "audio", voice: false } }],
  [
    "video",
    { ...base, type: "video", video: { caption: "unboxing" } },
    { content: { type: "video", media: { mimeType: "video/mp4", caption: "unboxing" } } },
  ],
  [
    "document",
    { ...base, type: "document", document: { filename: "contrato assinado.pdf" } },
    { content: { type: "document", media: { filename: "contrato assinado.pdf" } } },
  ],
  ["static sticker", { ...base, type: "sticker" }, { content: { type: "sticker", animated: false, media: { mimeType: "image/webp" } } }],
  ["animated sticker", { ...base, type: "sticker", sticker: { animated: true } }, { content: { type: "sticker", animated: true } }],
  [
    "location",
    { ...base, type: "location", location: { latitude: -23.5614, longitude: -46.6559, name: "Av. Paulista" } },
    { content: { type: "location", latitude: -23.5614, longitude: -46.6559, name: "Av. Paulista" } },
  ],
  [
    "contacts",
    {
      ...base,
      type: "contacts",
      contacts: [
        {
          name: { formatted_name: "Paula Reis", first_name: "Paula" },
          phones: [{ phone: "+55 11 3456-7890", wa_id: "551134567890", type: "WORK" }],
        },
      ],
    },
    {
      content: {
        type: "contacts",
        contacts: [
          {
            name: { formattedName: "Paula Reis", firstName: "Paula" },
            phones: [{ phone: "+55 11 3456-7890", waId: "551134567890", type: "WORK" }],
          },
        ],
      },
    },
  ],
  [
    "button reply",
    { ...base, type: "interactive", interactive: { type: "button_reply", id: "ok_A-1193", title: "Confirmar" } },
    { content: { type: "interactive", reply: { type: "button_reply", id: "ok_A-1193", title: "Confirmar" } } },
  ],
  [
    "list reply",
    {
      ...base,
      type: "interactive",
      interactive: { type: "list_reply", id: "ship_express", title: "Expressa", description: "1-2 dias úteis" },
    },
    {
      content: { type: "interactive", reply: { type: "list_reply", id: "ship_express", title: "Expressa", description: "1-2 dias úteis" } },
    },
  ],
  [
    "flow completion",
    { ...base, type: "interactive", interactive: { type: "nfm_reply", response: { flow_token: "lead-2026-0042", nome: "Lia" } } },
    {
      content: {
        type: "interactive",
        reply: {
          type: "nfm_reply",
          responseJson: '{"flow_token":"lead-2026-0042","nome":"Lia"}',
          response: { flow_token: "lead-2026-0042", nome: "Lia" },
          flowToken: "lead-2026-0042",
        },
      },
    },
  ],
  [
    "template quick reply",
    { ...base, type: "button", button: { text: "Confirmar", payload: "confirm:A-1193" } },
    { content: { type: "button", text: "Confirmar", payload: "confirm:A-1193" } },
  ],
  [
    "reaction",
    { ...base, type: "reaction", reaction: { messageId: "wamid.HBgNNTUxMTkxMjM0NTY3OBUCABEYEjJEMTVEQUMyMzMzMDNGRTZCMgA=", emoji: "❤️" } },
    { content: { type: "reaction", emoji: "❤️" } },
  ],
  [
    "reaction removal",
    { ...base, type: "reaction", reaction: { messageId: "wamid.HBgNNTUxMTkxMjM0NTY3OBUCABEYEjJEMTVEQUMyMzMzMDNGRTZCMgA=" } },
    { content: { type: "reaction", emoji: null } },
  ],
  [
    "order",
    {
      ...base,
      type: "order",
      order: {
        catalogId: "1893747",
        text: "Quero estes",
        productItems: [{ productRetailerId: "SKU-1", quantity: 2, itemPrice: 49.9, currency: "BRL" }],
      },
    },
    {
      content: {
        type: "order",
        catalogId: "1893747",
        text: "Quero estes",
        items: [{ productRetailerId: "SKU-1", quantity: 2, itemPrice: 49.9, currency: "BRL" }],
      },
    },
  ],
  [
    "text from an ad",
    { ...base, type: "text", text: "Vi o anúncio", referral: true },
    { content: { type: "text" }, referral: { sourceType: "ad", ctwaClid: expect.any(String) } },
  ],
  ["request_welcome", { ...base, type: "request_welcome" }, { content: { type: "request_welcome" } }],
  [
    "number change",
    { ...base, type: "system", system: { newWaId: "5511987654321" } },
    { content: { type: "system", systemType: "user_changed_number", newWaId: "5511987654321" }, from: { waId: LIA } },
  ],
  [
    "unsupported message",
    { ...base, type: "unsupported", unsupported: { type: "poll_creation" } },
    { content: { type: "unsupported", unsupportedType: "poll_creation" }, errors: [expect.objectContaining({ code: 131051 })] },
  ],
  [
    "message from a username user",
    { userId: "BR.7730019284465512", name: "Anônima", type: "text", text: "oi" },
    { from: { userId: "BR.7730019284465512", name: "Anônima" } },
  ],
  [
    "forwarded message",
    { ...base, type: "text", text: "olha isso", forwarded: true },
    { context: { forwarded: true, frequentlyForwarded: false } },
  ],
  [
    "frequently forwarded message",
    { ...base, type: "text", text: "corrente", forwarded: "frequently" },
    { context: { frequentlyForwarded: true } },
  ],
  [
    "quoted reply",
    { ...base, type: "text", text: "sobre isso", context: { id: "wamid.quoted" } },
    { context: { replyTo: { wamid: "wamid.quoted", from: "5511955550000" } } },
  ],
];

describe("POST /_sim/customers/messages", () => {
  it.each(cases)(
    "when a customer sends a %s, a signed webhook arrives that normalises to the expected event",
    async (_name, input, expected) => {
      const { event, wamid } = await deliverAndNormalize(input);

      expect(event).toMatchObject({
        kind: "message",
        wamid,
        source: { phoneNumberId: h.sim.phoneNumberId, wabaId: h.sim.wabaId },
        ...expected,
      });
    },
  );

  it("when a customer sends an image, the webhook media id downloads through the Graph API", async () => {
    const { event, mediaId } = await deliverAndNormalize({
      ...base,
      type: "image",
      image: { data: Buffer.from("jpeg!").toString("base64") },
    });

    const download = await h.client.downloadMedia({ mediaId: String(mediaId) });

    expect(event).toMatchObject({ content: { media: { id: mediaId, url: expect.stringContaining("/_sim/lookaside/") } } });
    expect(Buffer.from(download.data).toString()).toBe("jpeg!");
  });

  it("when a customer taps a reply button, the context points at the business's interactive message", async () => {
    await deliverAndNormalize({ ...base, type: "text", text: "oi" });
    const { wamid: sent } = await h.client.sendButtons({ to: `+${LIA}`, body: "Confirma?", buttons: [{ id: "ok", title: "Sim" }] });
    h.receiver.clear();

    const [hook] = await (async () => {
      await postCustomerMessage({ ...base, type: "interactive", interactive: { type: "button_reply", id: "ok", title: "Sim" } });
      return h.receiver.waitForCount(1, (r) => r.rawBody.includes("button_reply"));
    })();

    const result = normalizeWebhookBody(hook?.rawBody ?? "");
    expect(result.ok && result.events[0]).toMatchObject({ context: { replyTo: { wamid: sent } } });
  });

  it("when a number change is delivered, the webhook carries no contacts array", async () => {
    const { hook } = await deliverAndNormalize({ ...base, type: "system", system: { newWaId: "5511987654321" } });

    expect(JSON.stringify(hook.json)).not.toContain('"contacts"');
  });

  it("when the type is missing, the answer is 400 naming the type field", async () => {
    const { status, json } = await postCustomerMessage({ from: LIA, text: "oi" });

    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: "invalid_request", field: "type", message: expect.stringContaining("type") } });
  });

  it("when neither from nor userId is given, the answer is 400 naming from", async () => {
    expect(await postCustomerMessage({ type: "text", text: "oi" })).toMatchObject({ status: 400, json: { error: { field: "from" } } });
  });

  it("when a location lacks its latitude, the answer is 400 naming location.latitude", async () => {
    expect(await postCustomerMessage({ from: LIA, type: "location", location: { longitude: 1 } })).toMatchObject({
      status: 400,
      json: { error: { field: "location.latitude" } },
    });
  });

  it("when the business number is unknown, the answer is 400 naming phoneNumberId", async () => {
    expect(await postCustomerMessage({ from: LIA, type: "text", text: "oi", phoneNumberId: "42" })).toMatchObject({
      status: 400,
      json: { error: { field: "phoneNumberId" } },
    });
  });
});

describe("GET /_sim/customers/:waId/messages", () => {
  it("when the business sent messages to a customer, they are listed with wire body and status", async () => {
    await postCustomerMessage({ from: "5511933332222", type: "text", text: "oi" });
    const { wamid } = await h.client.sendText({ to: "+5511933332222", body: "resposta" });

    const response = await fetch(`${h.sim.url}/_sim/customers/5511933332222/messages`);
    const view = (await response.json()) as { messages: { wamid: string; body: unknown }[]; received: unknown[] };

    expect(view.messages).toEqual([expect.objectContaining({ wamid, body: expect.objectContaining({ text: { body: "resposta" } }) })]);
    expect(view.received).toHaveLength(1);
  });
});
