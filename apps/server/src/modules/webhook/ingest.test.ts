import { randomBytes } from "node:crypto";
import type { CustomerMessageInput } from "@papo/meta-sim";
import { createWhatsAppClient, serializeLikeMeta, signPayload } from "@papo/whatsapp";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { media as mediaTable, messages as messagesTable, webhookEvents } from "../../db/schema/index.ts";
import type { DomainEvent } from "../../events/bus.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import type { conversationSchema } from "../conversations/routes.ts";
import { wamidBlindIndex } from "../messages/repo.ts";
import type { MessageDto } from "../messages/schemas.ts";

type Page<T> = { data: T[]; nextCursor: string | null };
type Conversation = z.infer<typeof conversationSchema>;
type Contact = { id: string; name: string | null; phone: string | null; waId: string | null; userId: string | null };
type ChannelDto = { id: string; phoneNumberId: string };

const WABA = "102290129340398";
const FIRST_NUMBER = "106540352242922";
const SECOND_NUMBER = "106540352242977";
/** The simulator hosts two numbers of one WABA, so a batch can carry messages for both. */
const businessAccounts = [
  {
    wabaId: WABA,
    name: "Papo Demo",
    phoneNumbers: [
      { id: FIRST_NUMBER, displayPhoneNumber: "+55 11 95555-0000", verifiedName: "Papo Demo" },
      { id: SECOND_NUMBER, displayPhoneNumber: "+55 21 95555-1111", verifiedName: "Papo Filial" },
    ],
  },
];

let counter = 0;
/** A customer number no other test uses (never ending in 0000, which the simulator treats as undeliverable). */
const customerNumber = () => `55219${String(8_200_000 + ++counter * 13).padStart(8, "0")}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const STATUS_RANK: Record<string, number> = { queued: 0, sending: 1, accepted: 2, sent: 3, delivered: 4, read: 5, played: 6 };

describe.each(DATABASE_KINDS)("inbound messages end to end: simulator → webhook → processor → API (%s)", (kind) => {
  let t: TestPapo;
  let firstChannelId: string;
  let secondChannelId: string;
  const run = it.skipIf(!isAvailable(kind));

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    // Media retries back off from 5 s in production; 300 ms here keeps the "Meta unreachable" test short (and the
    // pending state observable for ~600 ms).
    t = await startTestPapo({ db: kind, start: { sandboxSim: { businessAccounts }, mediaRetryDelayMs: () => 300 } });
    firstChannelId = sandbox().channel.id;
    const second = await t.api<ChannelDto>("POST", "/api/v1/channels", {
      name: "Filial",
      phoneNumberId: SECOND_NUMBER,
      wabaId: WABA,
      accessToken: t.sim.accessToken,
      appSecret: appSecret(),
      apiUrl: t.sim.url,
    });
    if (second.status !== 201) throw new Error(`second channel: ${JSON.stringify(second.body)}`);
    secondChannelId = second.body.id;
  });
  afterAll(async () => t?.close());

  const sandbox = () => {
    if (!t.papo.sandbox) throw new Error("no sandbox");
    return t.papo.sandbox;
  };
  const appSecret = () => t.appSecret;
  const db = () => t.papo.deps.database.db;
  const wamidIndex = (wamid: string) => wamidBlindIndex(t.papo.deps.cipher, t.papo.bootstrap.workspaceId, wamid);
  /** Stored webhook bodies not processed yet. */
  const pendingBodies = async () =>
    (await db().select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.status, "pending"))).length;
  const graph = () => createWhatsAppClient({ accessToken: t.sim.accessToken, phoneNumberId: t.sim.phoneNumberId, baseUrl: t.sim.url });

  /** The message with this wamid as `GET /api/v1/messages/:id` shows it, checked to be the same in its conversation's list. */
  const received = async (wamid: string, probe: (m: MessageDto) => boolean = () => true): Promise<MessageDto> => {
    const message = await eventually(async () => {
      const [row] = await db()
        .select({ id: messagesTable.id })
        .from(messagesTable)
        .where(eq(messagesTable.waMessageIdBidx, wamidIndex(wamid)));
      if (!row) return undefined;
      const { status, body } = await t.api<MessageDto>("GET", `/api/v1/messages/${row.id}`);
      return status === 200 && probe(body) && body;
    }, `message ${wamid} in the API`);
    const list = await t.api<Page<MessageDto>>("GET", `/api/v1/conversations/${message.conversationId}/messages?limit=100`);
    expect(list.status).toBe(200);
    // The copilot's analysis (insights) lands in the background and may do so between the two reads.
    const withoutInsights = (m: MessageDto | undefined) => m && { ...m, insights: null };
    expect(withoutInsights(list.body.data.find((m) => m.id === message.id))).toEqual(withoutInsights(message));
    return message;
  };
  const say = (input: CustomerMessageInput) => t.sim.sendAsCustomer(input);
  const contactByPhone = async (phone: string) =>
    (await t.api<Page<Contact>>("GET", `/api/v1/contacts?phone=${encodeURIComponent(phone)}`)).body.data[0];
  const conversation = async (id: string) => (await t.api<Conversation>("GET", `/api/v1/conversations/${id}`)).body;
  const messagesOf = async (conversationId: string) =>
    (await t.api<Page<MessageDto>>("GET", `/api/v1/conversations/${conversationId}/messages?limit=100`)).body.data;
  const download = async (mediaId: string) => {
    const response = await fetch(`${t.papo.url}/api/v1/media/${mediaId}`, { headers: { authorization: `Bearer ${t.token}` } });
    return { status: response.status, contentType: response.headers.get("content-type"), bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const storedMedia = (wamid: string) => received(wamid, (m) => m.media?.status === "stored");
  /** What every customer message shows, whatever its type: direction, status, sender, wamid, channel and contact. */
  const expectInbound = async (message: MessageDto, from: string, wamid: string) => {
    expect(message).toMatchObject({
      direction: "inbound",
      status: "received",
      senderKind: "contact",
      senderUserId: null,
      waMessageId: wamid,
      channelId: firstChannelId,
      reactions: [],
      forwarded: false,
      frequentlyForwarded: false,
      statusTimestamps: { sentAt: null, deliveredAt: null, readAt: null, playedAt: null, failedAt: null },
    });
    expect(message.error).toBeUndefined();
    expect((await t.api<Contact>("GET", `/api/v1/contacts/${message.contactId}`)).body.waId).toBe(from);
  };

  describe("text and media", () => {
    run("when a customer writes text, the message shows with its text, sender, time and an open conversation", async () => {
      const from = customerNumber();
      const timestamp = nowSeconds() - 5;

      const { wamid } = say({ from, name: "Lia", type: "text", text: "Olá! Meu pedido já saiu? 😀 ação/entrega", timestamp });

      const message = await received(wamid);
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({
        type: "text",
        text: "Olá! Meu pedido já saiu? 😀 ação/entrega",
        createdAt: new Date(timestamp * 1000).toISOString(),
      });
      expect(message.content).toEqual({ content: { type: "text", body: "Olá! Meu pedido já saiu? 😀 ação/entrega" } });
      const contact = await contactByPhone(from);
      expect(contact).toMatchObject({ id: message.contactId, name: "Lia", waId: from, phone: `+${from}`, userId: null });
      expect(await conversation(message.conversationId)).toMatchObject({
        channelId: firstChannelId,
        contactId: message.contactId,
        status: "open",
        unreadCount: 1,
        windowOpen: true,
        windowExpiresAt: new Date((timestamp + 24 * 3600) * 1000).toISOString(),
      });
    });

    run("when a customer sends an image, it shows with its caption and the file Papo serves is Meta's, byte for byte", async () => {
      const from = customerNumber();

      const { wamid, mediaId } = say({ from, type: "image", image: { caption: "A nota fiscal" } });

      const message = await storedMedia(wamid);
      if (!mediaId) throw new Error("the simulator stored no media");
      const original = await graph().downloadMedia({ mediaId });
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({ type: "image", text: "A nota fiscal" });
      expect(message.media).toEqual({
        id: expect.any(String),
        mimeType: "image/jpeg",
        filename: null,
        size: original.data.byteLength,
        status: "stored",
      });
      const file = await download(message.media?.id ?? "");
      expect(file.status).toBe(200);
      expect(file.contentType).toBe("image/jpeg");
      expect(file.bytes.equals(Buffer.from(original.data))).toBe(true);
    });

    run("when a customer sends a video, it shows with its caption and the exact bytes sent", async () => {
      const from = customerNumber();
      const bytes = randomBytes(4096);

      const { wamid } = say({
        from,
        type: "video",
        video: { caption: "Olha isso", mimeType: "video/mp4", data: bytes.toString("base64") },
      });

      const message = await storedMedia(wamid);
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({ type: "video", text: "Olha isso" });
      expect(message.media).toEqual({ id: expect.any(String), mimeType: "video/mp4", filename: null, size: 4096, status: "stored" });
      expect((await download(message.media?.id ?? "")).bytes.equals(bytes)).toBe(true);
    });

    run("when a customer sends a document, it shows with its filename and caption and the exact bytes sent", async () => {
      const from = customerNumber();
      const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(2000)]);

      const { wamid } = say({
        from,
        type: "document",
        document: {
          caption: "Contrato assinado",
          filename: "contrato-ção.pdf",
          mimeType: "application/pdf",
          data: bytes.toString("base64"),
        },
      });

      const message = await storedMedia(wamid);
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({ type: "document", text: "Contrato assinado" });
      expect(message.media).toEqual({
        id: expect.any(String),
        mimeType: "application/pdf",
        filename: "contrato-ção.pdf",
        size: bytes.byteLength,
        status: "stored",
      });
      const file = await download(message.media?.id ?? "");
      expect(file.bytes.equals(bytes)).toBe(true);
    });

    run("when a customer sends an animated sticker, it shows as a sticker with animated: true", async () => {
      const from = customerNumber();
      const bytes = randomBytes(512);

      const { wamid } = say({ from, type: "sticker", sticker: { animated: true, mimeType: "image/webp", data: bytes.toString("base64") } });

      const message = await storedMedia(wamid);
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({ type: "sticker", text: "[figurinha]" });
      expect(message.media).toEqual({
        id: expect.any(String),
        mimeType: "image/webp",
        filename: null,
        size: 512,
        status: "stored",
        animated: true,
      });
      expect((await download(message.media?.id ?? "")).bytes.equals(bytes)).toBe(true);
    });

    run("when a customer records a voice note, it shows as audio with voice: true and the exact bytes sent", async () => {
      const from = customerNumber();
      const bytes = randomBytes(1500);

      const { wamid } = say({
        from,
        type: "audio",
        audio: { voice: true, mimeType: "audio/ogg; codecs=opus", data: bytes.toString("base64") },
      });

      const message = await storedMedia(wamid);
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({ type: "audio", text: "[mensagem de voz]" });
      expect(message.media).toEqual({
        id: expect.any(String),
        mimeType: "audio/ogg; codecs=opus",
        filename: null,
        size: 1500,
        status: "stored",
        voice: true,
      });
      expect((await download(message.media?.id ?? "")).bytes.equals(bytes)).toBe(true);
    });

    run("when a customer sends an audio file (not a voice note), it shows with voice: false", async () => {
      const from = customerNumber();

      const { wamid } = say({ from, type: "audio", audio: { voice: false } });

      const message = await storedMedia(wamid);
      expect(message.media).toMatchObject({ mimeType: "audio/mpeg", status: "stored", voice: false });
    });

    run("when Meta's media download fails twice, the message shows at once with media pending, then stored after retries", async () => {
      const from = customerNumber();
      const bytes = randomBytes(3000);
      const updates: DomainEvent[] = [];
      const unsubscribe = t.papo.deps.events.on((event) => updates.push(event));
      t.sim.setFaults([{ on: "media_download", httpStatus: 500, times: 2 }]);
      try {
        const { wamid } = say({ from, type: "image", image: { caption: "foto", mimeType: "image/png", data: bytes.toString("base64") } });

        const pending = await received(wamid);
        expect(pending.text).toBe("foto");
        expect(pending.media).toEqual({ id: expect.any(String), mimeType: "image/png", filename: null, size: null, status: "pending" });
        expect((await download(pending.media?.id ?? "")).status).toBe(409);

        const stored = await storedMedia(wamid);
        expect(stored.media).toEqual({ id: pending.media?.id, mimeType: "image/png", filename: null, size: 3000, status: "stored" });
        expect(t.sim.faults()).toEqual([]);
        const [row] = await db()
          .select()
          .from(mediaTable)
          .where(eq(mediaTable.id, pending.media?.id ?? ""));
        expect(row?.attempts).toBe(3);
        expect(row?.error).toBeNull();
        expect((await download(stored.media?.id ?? "")).bytes.equals(bytes)).toBe(true);
        // Whoever renders the conversation learns the file arrived.
        expect(updates).toContainEqual({
          type: "message.updated",
          workspaceId: expect.any(String),
          conversationId: stored.conversationId,
          messageId: stored.id,
        });
      } finally {
        unsubscribe();
        t.sim.setFaults([]);
      }
    });
  });

  describe("structured content", () => {
    run("when a customer shares a location, it shows as a location with a readable summary", async () => {
      const from = customerNumber();
      const location = {
        latitude: -23.561414,
        longitude: -46.655881,
        name: "MASP",
        address: "Av. Paulista, 1578",
        url: "https://masp.org.br",
      };

      const { wamid } = say({ from, type: "location", location });

      const message = await received(wamid);
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({ type: "location", text: "MASP — Av. Paulista, 1578", location });
    });

    run("when a customer shares contact cards, they show parsed into camelCase cards", async () => {
      const from = customerNumber();

      const { wamid } = say({
        from,
        type: "contacts",
        contacts: [
          {
            name: { formatted_name: "Ana Souza", first_name: "Ana", last_name: "Souza" },
            phones: [{ phone: "+55 11 98888-7777", wa_id: "5511988887777", type: "CELL" }],
            emails: [{ email: "ana@example.com", type: "WORK" }],
            org: { company: "Clínica Sol" },
          },
        ],
      });

      const message = await received(wamid);
      await expectInbound(message, from, wamid);
      expect(message.type).toBe("contacts");
      expect(message.text).toBe("Ana Souza");
      expect(message.contacts).toEqual([
        {
          name: { formattedName: "Ana Souza", firstName: "Ana", lastName: "Souza" },
          phones: [{ phone: "+55 11 98888-7777", waId: "5511988887777", type: "CELL" }],
          emails: [{ email: "ana@example.com", type: "WORK" }],
          addresses: [],
          urls: [],
          org: { company: "Clínica Sol" },
        },
      ]);
    });

    run("when a customer taps a reply button, it shows as interactive button_reply with the button id and title", async () => {
      const from = customerNumber();

      const { wamid } = say({ from, type: "interactive", interactive: { type: "button_reply", id: "confirmar", title: "Confirmar" } });

      const message = await received(wamid);
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({ type: "interactive", text: "Confirmar" });
      expect(message.interactive).toEqual({ type: "button_reply", id: "confirmar", title: "Confirmar" });
    });

    run("when a customer picks a list row, it shows as interactive list_reply with its description", async () => {
      const from = customerNumber();

      const { wamid } = say({
        from,
        type: "interactive",
        interactive: { type: "list_reply", id: "seg-14h", title: "Segunda 14h", description: "Dra. Ana" },
      });

      const message = await received(wamid);
      expect(message).toMatchObject({ type: "interactive", text: "Segunda 14h" });
      expect(message.interactive).toEqual({ type: "list_reply", id: "seg-14h", title: "Segunda 14h", description: "Dra. Ana" });
    });

    run("when a customer completes a Flow, it shows as nfm_reply with the response parsed", async () => {
      const from = customerNumber();

      const { wamid } = say({
        from,
        type: "interactive",
        interactive: { type: "nfm_reply", name: "flow", body: "Enviado", response: { nome: "Lia", cpf: "123.456.789-00", aceite: true } },
      });

      const message = await received(wamid);
      expect(message).toMatchObject({ type: "interactive", text: "Enviado" });
      expect(message.interactive).toEqual({
        type: "nfm_reply",
        name: "flow",
        body: "Enviado",
        responseJson: JSON.stringify({ flow_token: "unused", nome: "Lia", cpf: "123.456.789-00", aceite: true }),
        response: { flow_token: "unused", nome: "Lia", cpf: "123.456.789-00", aceite: true },
        flowToken: "unused",
      });
    });

    run("when a customer taps a template quick reply, it shows as a template_button with payload and text", async () => {
      const from = customerNumber();

      const { wamid } = say({ from, type: "button", button: { text: "Quero remarcar", payload: "REMARCAR_A1193" } });

      const message = await received(wamid);
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({ type: "button", text: "Quero remarcar" });
      expect(message.interactive).toEqual({ type: "template_button", payload: "REMARCAR_A1193", text: "Quero remarcar" });
    });

    run("when a customer sends a cart, it shows as an order with its items", async () => {
      const from = customerNumber();

      const { wamid } = say({
        from,
        type: "order",
        order: {
          catalogId: "3456789012",
          text: "Pode entregar hoje?",
          productItems: [
            { productRetailerId: "SKU-1", quantity: 2, itemPrice: 19.9, currency: "BRL" },
            { productRetailerId: "SKU-7", quantity: 1, itemPrice: 5, currency: "BRL" },
          ],
        },
      });

      const message = await received(wamid);
      await expectInbound(message, from, wamid);
      expect(message).toMatchObject({ type: "order", text: "Pode entregar hoje?" });
      expect(message.order).toEqual({
        catalogId: "3456789012",
        text: "Pode entregar hoje?",
        items: [
          { productRetailerId: "SKU-1", quantity: 2, itemPrice: 19.9, currency: "BRL" },
          { productRetailerId: "SKU-7", quantity: 1, itemPrice: 5, currency: "BRL" },
        ],
      });
    });

    run("when Meta cannot show a message (unsupported), it shows with error 131051 and an agent-readable reason", async () => {
      const from = customerNumber();

      const { wamid } = say({ from, type: "unsupported", unsupported: { type: "poll_creation" } });

      const message = await received(wamid);
      expect(message).toMatchObject({
        direction: "inbound",
        type: "unsupported",
        status: "received",
        text: expect.stringMatching(/^\[mensagem não suportada/),
      });
      expect(message.error).toEqual({
        code: "131051",
        title: "Message type unknown",
        details: "Message type is currently not supported.",
        message: expect.stringMatching(/\S/),
      });
    });
  });

  describe("reactions, replies, forwards and referrals", () => {
    run("when a customer reacts to a message, the reaction attaches to it and no new message appears", async () => {
      const from = customerNumber();
      const { wamid: target } = say({ from, type: "text", text: "Chegou!" });
      const original = await received(target);

      const { wamid: reactionWamid } = say({ from, type: "reaction", reaction: { messageId: target, emoji: "❤️" } });

      const reacted = await received(target, (m) => m.reactions.length > 0);
      expect(reacted.reactions).toEqual([{ emoji: "❤️", by: "contact", at: expect.any(String) }]);
      expect((await messagesOf(original.conversationId)).map((m) => m.waMessageId)).toEqual([target]);
      expect(
        await db()
          .select()
          .from(messagesTable)
          .where(eq(messagesTable.waMessageIdBidx, wamidIndex(reactionWamid))),
      ).toEqual([]);
      expect((await conversation(original.conversationId)).unreadCount).toBe(1);
    });

    run("when a customer removes their reaction, the message's reactions become empty", async () => {
      const from = customerNumber();
      const { wamid: target } = say({ from, type: "text", text: "Obrigada" });
      await received(target);
      say({ from, type: "reaction", reaction: { messageId: target, emoji: "👍" } });
      await received(target, (m) => m.reactions.length === 1);

      say({ from, type: "reaction", reaction: { messageId: target } });

      const cleared = await received(target, (m) => m.reactions.length === 0);
      expect(cleared.reactions).toEqual([]);
      expect(await messagesOf(cleared.conversationId)).toHaveLength(1);
    });

    run("when a customer replies to a message, replyTo points at the quoted message's id", async () => {
      const from = customerNumber();
      const { wamid: quotedWamid } = say({ from, type: "text", text: "Qual o horário?" });
      const quoted = await received(quotedWamid);

      const { wamid } = say({ from, type: "text", text: "Esquece, já vi", context: { id: quotedWamid, from } });

      const reply = await received(wamid);
      expect(reply.replyTo).toEqual({ waMessageId: quotedWamid, messageId: quoted.id });
      expect(reply.conversationId).toBe(quoted.conversationId);
    });

    run("when a customer forwards a message, it is flagged forwarded", async () => {
      const from = customerNumber();

      const { wamid } = say({ from, type: "text", text: "Vejam isso", forwarded: true });

      const message = await received(wamid);
      expect({ forwarded: message.forwarded, frequentlyForwarded: message.frequentlyForwarded }).toEqual({
        forwarded: true,
        frequentlyForwarded: false,
      });
    });

    run("when a message was forwarded many times, it is flagged frequently forwarded (and forwarded)", async () => {
      const from = customerNumber();

      const { wamid } = say({ from, type: "text", text: "Corrente!!", forwarded: "frequently" });

      const message = await received(wamid);
      expect({ forwarded: message.forwarded, frequentlyForwarded: message.frequentlyForwarded }).toEqual({
        forwarded: true,
        frequentlyForwarded: true,
      });
    });

    run("when a customer comes from a Click-to-WhatsApp ad, the message carries the referral", async () => {
      const from = customerNumber();

      const { wamid } = say({ from, type: "text", text: "Vi o anúncio", referral: true });

      const message = await received(wamid);
      expect(message.referral).toEqual({
        sourceUrl: "https://fb.me/3cr4Wqqkv",
        sourceId: "120212345678901234",
        sourceType: "ad",
        body: "Consultas com hora marcada. Fale com a gente pelo WhatsApp!",
        headline: "Agende sua consulta",
        mediaType: "image",
        imageUrl: "https://scontent.example.com/v/t45.1600-4/ad-image.jpg",
        ctwaClid: "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-ZABCDEFGH",
      });
    });
  });

  describe("contacts and the service window", () => {
    run("when a customer opens the chat for the first time (request_welcome), the 24 h window opens", async () => {
      const from = customerNumber();
      const timestamp = nowSeconds();

      const { wamid } = say({ from, name: "Nova", type: "request_welcome", timestamp });

      const message = await received(wamid);
      expect(message).toMatchObject({ type: "request_welcome", direction: "inbound", senderKind: "contact" });
      expect(await conversation(message.conversationId)).toMatchObject({
        windowOpen: true,
        windowExpiresAt: new Date((timestamp + 24 * 3600) * 1000).toISOString(),
      });
    });

    run("when a customer changes number, the same contact moves to the new wa_id and keeps its conversation", async () => {
      const from = customerNumber();
      const newWaId = customerNumber();
      const { wamid: before } = say({ from, name: "Rita", type: "text", text: "Oi" });
      const first = await received(before);

      const { wamid: change } = say({ from, type: "system", system: { newWaId } });
      const system = await received(change);
      const { wamid: after } = say({ from: newWaId, name: "Rita", type: "text", text: "Agora é este número" });
      const later = await received(after);

      expect(system).toMatchObject({
        type: "system",
        senderKind: "system",
        contactId: first.contactId,
        conversationId: first.conversationId,
      });
      expect(system.system).toMatchObject({ systemType: "user_changed_number", newWaId });
      expect(later.contactId).toBe(first.contactId);
      expect(later.conversationId).toBe(first.conversationId);
      const contact = (await t.api<Contact>("GET", `/api/v1/contacts/${first.contactId}`)).body;
      expect(contact).toMatchObject({ waId: newWaId, phone: `+${newWaId}`, name: "Rita" });
      expect(await contactByPhone(from)).toBeUndefined();
    });

    run("when a customer is known only by a business-scoped user id, the contact has that userId and no waId", async () => {
      const userId = `BR.${8_000_000_000_000_000 + counter++ * 101}`;

      const { wamid } = say({ userId, name: "Anônima", type: "text", text: "Oi, sem número" });

      const message = await received(wamid);
      expect(message).toMatchObject({ type: "text", text: "Oi, sem número", direction: "inbound" });
      const contact = (await t.api<Contact>("GET", `/api/v1/contacts/${message.contactId}`)).body;
      expect(contact).toMatchObject({ userId, waId: null, phone: null, name: "Anônima" });
    });
  });

  describe("delivery quirks", () => {
    run("when Meta delivers every webhook twice, each message is stored once and counted unread once", async () => {
      const from = customerNumber();
      t.sim.configure({ duplicateDeliveries: true });
      try {
        const first = say({ from, type: "text", text: "um" });
        const second = say({ from, type: "text", text: "dois" });
        const last = await received(second.wamid);
        await t.sim.webhooksIdle();
        const log = t.sim.webhookLog().filter((d) => d.duplicateOf === first.deliveryId || d.duplicateOf === second.deliveryId);
        expect(log.map((d) => d.attempts.at(-1)?.statusCode)).toEqual([200, 200]);
        await eventually(async () => (await pendingBodies()) === 0 || undefined, "every delivery to be processed");

        const list = await messagesOf(last.conversationId);
        expect(list.map((m) => m.text).sort()).toEqual(["dois", "um"]);
        expect((await conversation(last.conversationId)).unreadCount).toBe(2);
      } finally {
        t.sim.configure({ duplicateDeliveries: false });
      }
    });

    run("when a customer sends a burst within one second, the messages list in the order they were sent", async () => {
      const from = customerNumber();
      const timestamp = nowSeconds();
      const texts = ["oi", "tudo bem?", "queria remarcar", "para sexta"];

      const wamids = texts.map((text) => say({ from, type: "text", text, timestamp }).wamid);

      const last = await received(wamids.at(-1) ?? "");
      await eventually(async () => (await messagesOf(last.conversationId)).length === texts.length, "the whole burst");
      const list = await messagesOf(last.conversationId);
      expect(list.map((m) => m.text)).toEqual([...texts].reverse());
      expect(new Set(list.map((m) => m.createdAt))).toEqual(new Set([new Date(timestamp * 1000).toISOString()]));
    });

    run("when the same message arrives again in a different body, it is still stored once", async () => {
      const from = customerNumber();
      const { wamid } = say({ from, type: "text", text: "original" });
      const original = await received(wamid);
      const [delivery] = t.sim.webhookLog().filter((d) => d.kind === "message:text" && JSON.stringify(d.payload).includes(wamid));
      if (!delivery) throw new Error("delivery not found");
      // Same message, other bytes (Meta re-batches redeliveries): the body hash differs, only the wamid is the same.
      const payload = { ...(delivery.payload as Record<string, unknown>), redelivered: true };
      const body = serializeLikeMeta(payload);

      const response = await fetch(`${t.papo.url}/webhook`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-hub-signature-256": signPayload({ body, appSecret: appSecret() }) },
      });
      const answer = (await response.json()) as { id: string; duplicate: boolean };
      expect(answer.duplicate).toBe(false);
      await eventually(async () => (await pendingBodies()) === 0 || undefined, "the body to be processed");

      expect(
        await db()
          .select({ id: messagesTable.id })
          .from(messagesTable)
          .where(eq(messagesTable.waMessageIdBidx, wamidIndex(wamid))),
      ).toEqual([{ id: original.id }]);
      expect((await conversation(original.conversationId)).unreadCount).toBe(1);
    });

    run("when statuses arrive out of order, the reply ends at read and its status never goes backwards", async () => {
      const from = customerNumber();
      const { wamid } = say({ from, type: "text", text: "Pode confirmar?" });
      const inbound = await received(wamid);
      t.sim.configure({ shuffleStatuses: true });
      try {
        const sent = await t.api<MessageDto>("POST", `/api/v1/conversations/${inbound.conversationId}/messages`, {
          type: "text",
          body: "Confirmado!",
        });
        expect(sent.status).toBe(202);

        const seen: string[] = [sent.body.status];
        const read = await eventually(async () => {
          const { body } = await t.api<MessageDto>("GET", `/api/v1/messages/${sent.body.id}`);
          if (seen.at(-1) !== body.status) seen.push(body.status);
          const outbound = t.sim.sentTo(from)[0];
          return outbound?.statuses.length === 3 && body.status === "read" && body;
        }, "the reply to be read with all its statuses delivered");
        await t.sim.webhooksIdle();
        await eventually(async () => (await pendingBodies()) === 0 || undefined, "every status webhook to be processed");
        const final = (await t.api<MessageDto>("GET", `/api/v1/messages/${sent.body.id}`)).body;
        if (seen.at(-1) !== final.status) seen.push(final.status);

        // The simulator really did shuffle them (never the natural order).
        expect(t.sim.sentTo(from)[0]?.statuses.map((s) => s.status)).not.toEqual(["sent", "delivered", "read"]);
        expect(final.status).toBe("read");
        expect(final.waMessageId).toBe(read.waMessageId);
        expect(final.statusTimestamps).toEqual({
          sentAt: expect.any(String),
          deliveredAt: expect.any(String),
          readAt: expect.any(String),
          playedAt: null,
          failedAt: null,
        });
        const ranks = seen.map((s) => STATUS_RANK[s] ?? -1);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(ranks.every((r) => r >= 0)).toBe(true);
      } finally {
        t.sim.configure({ shuffleStatuses: false });
      }
    });

    run("when one body carries messages for two numbers, each lands in a conversation on its own channel", async () => {
      const from = customerNumber();
      const wamids = [`wamid.BATCH${randomBytes(10).toString("hex")}`, `wamid.BATCH${randomBytes(10).toString("hex")}`];
      const change = (phoneNumberId: string, display: string, id: string, text: string) => ({
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: display, phone_number_id: phoneNumberId },
          contacts: [{ profile: { name: "Bia" }, wa_id: from }],
          messages: [{ from, id, timestamp: String(nowSeconds()), type: "text", text: { body: text } }],
        },
      });
      const payload = {
        object: "whatsapp_business_account",
        entry: [
          {
            id: WABA,
            changes: [
              change(FIRST_NUMBER, "5511955550000", wamids[0] ?? "", "para a matriz"),
              change(SECOND_NUMBER, "5521955551111", wamids[1] ?? "", "para a filial"),
            ],
          },
        ],
      };

      t.sim.deliverRaw({ payload });

      const [first, second] = [await received(wamids[0] ?? ""), await received(wamids[1] ?? "")];
      expect([first.channelId, first.text]).toEqual([firstChannelId, "para a matriz"]);
      expect([second.channelId, second.text]).toEqual([secondChannelId, "para a filial"]);
      expect(first.contactId).toBe(second.contactId);
      expect(first.conversationId).not.toBe(second.conversationId);
      const conversations = (await t.api<Page<Conversation>>("GET", `/api/v1/conversations?contactId=${first.contactId}`)).body.data;
      expect(conversations.map((c) => [c.id, c.channelId]).sort()).toEqual(
        [
          [first.conversationId, firstChannelId],
          [second.conversationId, secondChannelId],
        ].sort(),
      );
      expect((await messagesOf(first.conversationId)).map((m) => m.waMessageId)).toEqual([wamids[0]]);
      expect((await messagesOf(second.conversationId)).map((m) => m.waMessageId)).toEqual([wamids[1]]);
    });

    run("when a customer writes to the second number through the simulator, the conversation is on that channel", async () => {
      const from = customerNumber();

      const { wamid } = say({ from, phoneNumberId: SECOND_NUMBER, type: "text", text: "Oi, filial" });

      const message = await received(wamid);
      expect(message.channelId).toBe(secondChannelId);
      expect((await conversation(message.conversationId)).channelId).toBe(secondChannelId);
    });
  });
});
