import {
  createWhatsAppClient,
  type OutboundMessage,
  WhatsAppAuthError,
  WhatsAppPermanentError,
  WhatsAppRateLimitError,
  WhatsAppTemplateError,
  WhatsAppTransientError,
} from "@papo/whatsapp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../clock.ts";
import { type SimHarness, startSimHarness } from "../testing/sim.test-utils.ts";
import { statusesFor, waitForStatus } from "../testing/statuses.test-utils.ts";

const LIA = "5511912345678";
const TO = `+${LIA}`;

let h: SimHarness;
const media: Record<string, string> = {};

beforeAll(async () => {
  h = await startSimHarness();
  h.sim.sendAsCustomer({ from: LIA, name: "Lia", type: "text", text: "Oi!" });
  const upload = async (mimeType: string, size = 64) =>
    (await h.client.uploadMedia({ data: new Uint8Array(size).fill(7), mimeType, filename: "f" })).id;
  media.image = await upload("image/jpeg");
  media.audio = await upload("audio/ogg; codecs=opus");
  media.video = await upload("video/mp4");
  media.document = await upload("application/pdf");
  media.sticker = await upload("image/webp");
});

afterAll(async () => {
  await h.close();
});

const id = (kind: string): string => media[kind] ?? "";

const sends: [string, () => OutboundMessage][] = [
  ["text", () => ({ type: "text", to: TO, body: "Olá, Lia! Ação confirmada ✅ https://loja.example.com/p/1", previewUrl: true })],
  ["image", () => ({ type: "image", to: TO, mediaId: id("image"), caption: "Seu cupom" })],
  ["image by link", () => ({ type: "image", to: TO, link: "https://cdn.example.com/a.png" })],
  ["voice note", () => ({ type: "audio", to: TO, mediaId: id("audio"), voice: true })],
  ["video", () => ({ type: "video", to: TO, mediaId: id("video"), caption: "Tutorial" })],
  ["document", () => ({ type: "document", to: TO, mediaId: id("document"), filename: "fatura-0426.pdf" })],
  ["sticker", () => ({ type: "sticker", to: TO, mediaId: id("sticker") })],
  ["location", () => ({ type: "location", to: TO, latitude: -23.5614, longitude: -46.6559, name: "Loja Paulista" })],
  [
    "contacts",
    () => ({
      type: "contacts",
      to: TO,
      contacts: [{ name: { formattedName: "Paula Reis" }, phones: [{ phone: "+55 11 3456-7890", type: "WORK" }] }],
    }),
  ],
  [
    "reply buttons",
    () => ({
      type: "buttons",
      to: TO,
      body: "Confirma amanhã 9h?",
      buttons: [
        { id: "ok", title: "Confirmar" },
        { id: "move", title: "Remarcar" },
      ],
    }),
  ],
  [
    "list",
    () => ({
      type: "list",
      to: TO,
      body: "Escolha",
      buttonText: "Ver opções",
      sections: [{ title: "Entrega", rows: [{ id: "exp", title: "Expressa" }] }],
    }),
  ],
  ["CTA URL", () => ({ type: "cta_url", to: TO, body: "Acompanhe", displayText: "Rastrear", url: "https://loja.example.com/r/1" })],
  ["flow", () => ({ type: "flow", to: TO, body: "Cadastro", flowId: "991122334455667", flowCta: "Preencher", screen: "CADASTRO" })],
  ["location request", () => ({ type: "location_request", to: TO, body: "Onde você está?" })],
  [
    "template with URL button",
    () => ({
      type: "template",
      to: TO,
      name: "lembrete_consulta",
      language: "pt_BR",
      components: [
        { type: "body", parameters: ["Lia", "Clínica Sol", "10/07 às 14h"] },
        { type: "button", subType: "url", index: 0, text: "A-1193" },
      ],
    }),
  ],
  [
    "named-parameter template",
    () => ({
      type: "template",
      to: TO,
      name: "pedido_enviado",
      language: "pt_BR",
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Lia", parameterName: "nome" },
            { type: "text", text: "#4721", parameterName: "pedido" },
            { type: "text", text: "sexta", parameterName: "prazo" },
          ],
        },
      ],
    }),
  ],
];

describe("POST /{phone-number-id}/messages", () => {
  it.each(sends)("when the business sends a %s inside the window, it is accepted and reaches read", async (_name, build) => {
    const result = await h.client.send(build());

    expect(result).toMatchObject({ waId: LIA, input: TO, messageStatus: "accepted" });
    expect(result.wamid).toMatch(/^wamid\.[A-Za-z0-9+/]+=*$/);
    await waitForStatus(h.receiver, result.wamid, "read");
    // A voice note may already have its `played` after `read`: only the order up to read is this test's concern.
    expect(
      statusesFor(h.receiver, result.wamid)
        .map((s) => s.status)
        .slice(0, 3),
    ).toEqual(["sent", "delivered", "read"]);
  });

  it("when the business reacts to the customer's message and then removes the reaction, both are accepted", async () => {
    const { wamid: inbound } = h.sim.sendAsCustomer({ from: LIA, type: "text", text: "Chegou!" });

    const added = await h.client.sendReaction({ to: TO, messageId: inbound, emoji: "👍" });
    const removed = await h.client.removeReaction({ to: TO, messageId: inbound });

    await waitForStatus(h.receiver, added.wamid, "delivered");
    await waitForStatus(h.receiver, removed.wamid, "delivered");
  });

  it("when a voice note is read, a played status follows", async () => {
    const { wamid } = await h.client.sendMedia({ type: "audio", to: TO, mediaId: id("audio"), voice: true });

    await waitForStatus(h.receiver, wamid, "played");
  });

  it("when a free-form message is sent inside the window, sent and delivered carry free service pricing", async () => {
    const { wamid } = await h.client.sendText({ to: TO, body: "preço?" });

    const sent = await waitForStatus(h.receiver, wamid, "sent");
    const delivered = await waitForStatus(h.receiver, wamid, "delivered");
    const read = await waitForStatus(h.receiver, wamid, "read");

    const pricing = { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" };
    expect(sent.pricing).toEqual(pricing);
    expect(delivered.pricing).toEqual(pricing);
    expect(read.pricing).toBeUndefined();
    expect(sent).toMatchObject({ recipient_id: LIA, timestamp: expect.stringMatching(/^\d{10}$/) });
  });

  it("when biz_opaque_callback_data is set, every status echoes it", async () => {
    const { wamid } = await h.client.sendText({ to: TO, body: "rastreável", bizOpaqueCallbackData: "crm:msg:3307" });

    expect((await waitForStatus(h.receiver, wamid, "sent")).biz_opaque_callback_data).toBe("crm:msg:3307");
  });

  it("when the customer never wrote, a free-form send is accepted and then fails with 131047 without a sent status", async () => {
    const { wamid } = await h.client.sendText({ to: "+5511988887777", body: "Oi?" });

    const failed = await waitForStatus(h.receiver, wamid, "failed");

    expect(failed.errors).toEqual([
      expect.objectContaining({ code: 131047, title: "Re-engagement message", error_data: { details: expect.any(String) } }),
    ]);
    expect(statusesFor(h.receiver, wamid).map((s) => s.status)).toEqual(["failed"]);
  });

  it("when the customer never wrote, a marketing template is delivered and billed as marketing", async () => {
    const { wamid } = await h.client.sendTemplate({
      to: "+5511977776666",
      name: "promo_relampago",
      language: "pt_BR",
      components: [
        { type: "header", parameters: [{ type: "image", link: "https://cdn.example.com/promo.jpg" }] },
        { type: "body", parameters: ["Lia", "30%"] },
      ],
    });

    const sent = await waitForStatus(h.receiver, wamid, "sent");

    expect(sent.pricing).toEqual({ billable: true, pricing_model: "PMP", type: "regular", category: "marketing" });
  });

  it("when the recipient's number ends in 0000, the message is sent and then fails with 131026", async () => {
    const { wamid } = await h.client.sendTemplate({ to: "+5511900000000", name: "hello_world", language: "en_US" });

    await waitForStatus(h.receiver, wamid, "failed");

    const statuses = statusesFor(h.receiver, wamid);
    expect(statuses.map((s) => s.status)).toEqual(["sent", "failed"]);
    expect(statuses[1]?.errors).toEqual([expect.objectContaining({ code: 131026 })]);
  });

  it("when the template name does not exist in that language, the send fails with 132001", async () => {
    const error = await h.client.sendTemplate({ to: TO, name: "hello_world", language: "pt_BR" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WhatsAppTemplateError);
    expect(error).toMatchObject({ code: 132001, httpStatus: 404 });
  });

  it("when the template is paused, the send fails with 132015", async () => {
    const error = await h.client
      .sendTemplate({ to: TO, name: "oferta_natal", language: "pt_BR", components: [{ type: "body", parameters: ["Lia"] }] })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 132015 });
  });

  it("when the body parameters do not match the template, the send fails with 132000", async () => {
    const error = await h.client
      .sendTemplate({ to: TO, name: "codigo_verificacao", language: "pt_BR", components: [{ type: "body", parameters: [] }] })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 132000 });
  });

  it("when the token is wrong, the call fails with 190 and HTTP 401", async () => {
    const intruder = createWhatsAppClient({ accessToken: "stolen", phoneNumberId: h.sim.phoneNumberId, baseUrl: h.sim.url });

    const error = await intruder.sendText({ to: TO, body: "x" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WhatsAppAuthError);
    expect(error).toMatchObject({ code: 190, httpStatus: 401 });
  });

  it("when no token is sent at all, the answer is Meta's 190 body with HTTP 401", async () => {
    const response = await fetch(`${h.sim.url}/v23.0/${h.sim.phoneNumberId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 190, type: "OAuthException", fbtrace_id: expect.any(String) } });
  });

  it("when the body breaks Meta's rules, the answer is error 100 naming the field", async () => {
    const response = await fetch(`${h.sim.url}/v23.0/${h.sim.phoneNumberId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${h.sim.accessToken}` },
      body: JSON.stringify({ messaging_product: "whatsapp", to: TO, type: "text", text: { body: "x".repeat(4097) } }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 100, message: "(#100) Invalid parameter", error_data: { details: expect.stringContaining("text.body") } },
    });
  });

  it("when the recipient is not a phone number, the answer is 131009", async () => {
    const response = await fetch(`${h.sim.url}/v23.0/${h.sim.phoneNumberId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${h.sim.accessToken}` },
      body: JSON.stringify({ messaging_product: "whatsapp", to: "lia", type: "text", text: { body: "x" } }),
    });

    expect((await response.json()) as unknown).toMatchObject({ error: { code: 131009 } });
  });

  it("when the phone number id is unknown, the answer is Meta's 'Unsupported post request' error 100", async () => {
    const error = await h.client.sendText({ to: TO, body: "x", phoneNumberId: "999" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WhatsAppPermanentError);
    expect(error).toMatchObject({
      code: 100,
      httpStatus: 400,
      message: expect.stringContaining("Unsupported post request. Object with ID '999' does not exist"),
    });
  });

  it("when the business writes to its own number, the send fails with 131021", async () => {
    const error = await h.client.sendTemplate({ to: "+55 11 95555-0000", name: "hello_world", language: "en_US" }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 131021 });
  });

  it("when a 503 fault is injected, the send fails as transient once and then succeeds", async () => {
    h.sim.setFaults([{ on: "send", httpStatus: 503, times: 1 }]);

    const error = await h.client.sendText({ to: TO, body: "1" }).catch((e: unknown) => e);
    const retried = await h.client.sendText({ to: TO, body: "1" });

    expect(error).toBeInstanceOf(WhatsAppTransientError);
    expect(error).toMatchObject({ code: 131000, httpStatus: 503 });
    expect(retried.wamid).toMatch(/^wamid\./);
  });

  it("when a fault is injected as a status, the send is accepted and fails later with that code", async () => {
    h.sim.setFaults([{ on: "send", code: 131049, as: "status", times: 1, to: TO }]);

    const { wamid } = await h.client.sendText({ to: TO, body: "promo" });

    expect((await waitForStatus(h.receiver, wamid, "failed")).errors).toEqual([expect.objectContaining({ code: 131049 })]);
  });

  it("when a number exceeds its throughput, the extra send fails with 130429", async () => {
    // A clock that stands still: on the wall clock, a stall of half a second between the sends would refill a token.
    const still = await startSimHarness({ clock: createManualClock(), throughputPerSecond: 2 });
    try {
      still.sim.sendAsCustomer({ from: LIA, name: "Lia", type: "text", text: "Oi!" });
      await still.client.sendText({ to: TO, body: "1" });
      await still.client.sendText({ to: TO, body: "2" });
      const error = await still.client.sendText({ to: TO, body: "3" }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(WhatsAppRateLimitError);
      expect(error).toMatchObject({ code: 130429, httpStatus: 400 });
    } finally {
      await still.close();
    }
  });

  it("when the pair rate is tightened, the second message to the same customer fails with 131056", async () => {
    h.sim.configure({ pairRate: { burst: 1, intervalMs: 60_000 } });
    try {
      await h.client.sendTemplate({ to: "+5511966665555", name: "hello_world", language: "en_US" });
      const error = await h.client.sendTemplate({ to: "+5511966665555", name: "hello_world", language: "en_US" }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(WhatsAppRateLimitError);
      expect(error).toMatchObject({ code: 131056 });
    } finally {
      h.sim.configure({ pairRate: { burst: 1_000, intervalMs: 10 } });
    }
  });

  it("when the reaction targets an unknown message, it is accepted and fails with 131009", async () => {
    const { wamid } = await h.client.sendReaction({ to: TO, messageId: "wamid.unknown", emoji: "👍" });

    expect((await waitForStatus(h.receiver, wamid, "failed")).errors).toEqual([expect.objectContaining({ code: 131009 })]);
  });

  it("when the media id was never uploaded, the send is accepted and fails with 131053", async () => {
    const { wamid } = await h.client.sendMedia({ type: "image", to: TO, mediaId: "123456789012345" });

    expect((await waitForStatus(h.receiver, wamid, "failed")).errors).toEqual([expect.objectContaining({ code: 131053 })]);
  });

  it("when the recipient is a username user (BSUID), the answer and statuses carry the user id", async () => {
    const user = "BR.7730019284465512";
    h.sim.sendAsCustomer({ userId: user, name: "Anônima", type: "text", text: "oi" });

    const result = await h.client.sendText({ recipient: user, body: "Olá!" });
    const sent = await waitForStatus(h.receiver, result.wamid, "sent");

    expect(result).toMatchObject({ userId: user, input: user });
    expect(sent).toMatchObject({ recipient_user_id: user });
    expect(sent.recipient_id).toBeUndefined();
  });

  it("when the business sends, the control view shows the wire body and the status history", async () => {
    const { wamid } = await h.client.sendText({ to: TO, body: "histórico" });
    await waitForStatus(h.receiver, wamid, "read");

    const view = h.sim.sentTo(LIA).find((m) => m.wamid === wamid);

    expect(view).toMatchObject({ type: "text", status: "read", body: { text: { body: "histórico" } } });
    expect(view?.statuses.map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
  });
});

describe("mark as read and typing indicator", () => {
  it("when the business marks a customer message read, the answer is success and the control view shows it read", async () => {
    const { wamid } = h.sim.sendAsCustomer({ from: LIA, type: "text", text: "lido?" });

    await expect(h.client.markAsRead({ messageId: wamid })).resolves.toEqual({ success: true });
    expect(h.sim.conversationWith(LIA).received.find((m) => m.wamid === wamid)?.read).toBe(true);
  });

  it("when the business shows the typing indicator, the answer is success", async () => {
    const { wamid } = h.sim.sendAsCustomer({ from: LIA, type: "text", text: "digitando?" });

    await expect(h.client.sendTypingIndicator({ messageId: wamid })).resolves.toEqual({ success: true });
  });

  it("when the message id is not one this number received, the answer is error 100", async () => {
    const error = await h.client.markAsRead({ messageId: "wamid.nope" }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 100 });
  });
});
