import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { createMediaRepo } from "../media/repo.ts";
import {
  customerWrites,
  expectReadTimeline,
  getMessage,
  type MessageView,
  mp4Bytes,
  oggBytes,
  pdfBytes,
  pngBytes,
  sendMessage,
  uploadMedia,
  waitForStatus,
  webpBytes,
  wireBody,
} from "./outbound.test-utils.ts";

const LIA = "5511912340001";
/** Last wrote 30 hours ago: only templates may go. */
const RUI = "5511912340002";

describe.each(DATABASE_KINDS)("sending every message type (%s)", (kind) => {
  let t: TestPapo;
  let conversationId: string;
  let customerMessage: MessageView;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    ({ conversationId, inbound: customerMessage } = await customerWrites(t, { from: LIA, name: "Lia", text: "Oi! Vocês abrem sábado?" }));
  });
  afterAll(async () => t?.close());

  /** Sends `body`, waits until it is read and returns the message with the wire body the simulator received. */
  async function sendAndRead(body: unknown, { to = LIA, conversation = conversationId, finalStatus = "read" } = {}) {
    const queued = await sendMessage(t, conversation, body);
    expect(queued.status).toBe(202);
    expect(queued.body.status).toBe("queued");
    const message = await waitForStatus(t, queued.body.id, finalStatus);
    expectReadTimeline(message);
    expect(message.waMessageId).toMatch(/^wamid\./);
    const wire = wireBody(t.sim, to, message.waMessageId);
    // Our id rides along, so a status can be matched even if the send's answer is lost.
    expect(wire.biz_opaque_callback_data).toBe(message.id);
    return { message, wire };
  }

  async function upload(data: Buffer, mimeType: string, filename: string): Promise<string> {
    const uploaded = await uploadMedia(t, { data, mimeType, filename });
    expect(uploaded.status).toBe(201);
    return uploaded.body.id;
  }

  /** The id Meta gave our upload, as recorded by the send worker. */
  async function metaMediaIdOf(mediaId: string): Promise<string | null | undefined> {
    const record = await createMediaRepo({ db: t.papo.deps.database.db, cipher: t.papo.deps.cipher }).get(
      t.papo.bootstrap.workspaceId,
      mediaId,
    );
    return record?.waMediaId;
  }

  it.skipIf(!isAvailable(kind))("when an agent sends text with a link preview, the customer reads it", async () => {
    const { message, wire } = await sendAndRead({
      type: "text",
      body: "Abrimos sim, das 9h às 13h: https://papo.dev/horarios",
      previewUrl: true,
    });
    expect(message.text).toBe("Abrimos sim, das 9h às 13h: https://papo.dev/horarios");
    expect(wire).toMatchObject({
      messaging_product: "whatsapp",
      to: `+${LIA}`,
      type: "text",
      text: { body: "Abrimos sim, das 9h às 13h: https://papo.dev/horarios", preview_url: true },
    });
  });

  it.skipIf(!isAvailable(kind))(
    "when an agent sends an uploaded image, the worker uploads it to Meta and sends Meta's media id",
    async () => {
      const mediaId = await upload(pngBytes(4, 4), "image/png", "comprovante.png");
      const { message, wire } = await sendAndRead({ type: "image", mediaId, caption: "Seu comprovante" });
      const metaId = await metaMediaIdOf(mediaId);
      expect(metaId).toBeTruthy();
      expect(metaId).not.toBe(mediaId);
      expect(wire).toMatchObject({ type: "image", image: { id: metaId, caption: "Seu comprovante" } });
      expect(wire.image).not.toHaveProperty("link");
      expect(message.media).toMatchObject({ id: mediaId, mimeType: "image/png", filename: "comprovante.png" });
      expect(message.text).toBe("Seu comprovante");
    },
  );

  it.skipIf(!isAvailable(kind))("when an agent sends a video, the customer reads it", async () => {
    const mediaId = await upload(mp4Bytes(), "video/mp4", "tour.mp4");
    const { wire } = await sendAndRead({ type: "video", mediaId, caption: "Conheça a loja" });
    expect(wire).toMatchObject({ type: "video", video: { id: await metaMediaIdOf(mediaId), caption: "Conheça a loja" } });
  });

  it.skipIf(!isAvailable(kind))("when an agent sends a document, its filename and caption reach the customer", async () => {
    const mediaId = await upload(pdfBytes(), "application/pdf", "upload.pdf");
    const { message, wire } = await sendAndRead({ type: "document", mediaId, filename: "boleto-junho.pdf", caption: "Boleto de junho" });
    expect(wire).toMatchObject({
      type: "document",
      document: { id: await metaMediaIdOf(mediaId), filename: "boleto-junho.pdf", caption: "Boleto de junho" },
    });
    expect(message.media).toMatchObject({ id: mediaId, mimeType: "application/pdf" });
  });

  it.skipIf(!isAvailable(kind))("when an agent sends a voice note, it goes as voice and is read, then played", async () => {
    const mediaId = await upload(oggBytes(), "audio/ogg", "nota.ogg");
    const { message, wire } = await sendAndRead({ type: "audio", mediaId, voice: true }, { finalStatus: "played" });
    expect(wire).toMatchObject({ type: "audio", audio: { id: await metaMediaIdOf(mediaId), voice: true } });
    expect(message.statusTimestamps.playedAt).not.toBeNull();
    expect(message.media).toMatchObject({ id: mediaId, voice: true });
  });

  it.skipIf(!isAvailable(kind))("when an agent sends a webp sticker, the customer reads it", async () => {
    const mediaId = await upload(webpBytes(), "image/webp", "joinha.webp");
    const { wire } = await sendAndRead({ type: "sticker", mediaId });
    expect(wire).toMatchObject({ type: "sticker", sticker: { id: await metaMediaIdOf(mediaId) } });
  });

  it.skipIf(!isAvailable(kind))("when an agent sends a location, the coordinates, name and address reach the customer", async () => {
    const { message, wire } = await sendAndRead({
      type: "location",
      latitude: -23.561414,
      longitude: -46.655881,
      name: "Loja Paulista",
      address: "Av. Paulista, 1578 — São Paulo",
    });
    expect(wire).toMatchObject({
      type: "location",
      location: { latitude: -23.561414, longitude: -46.655881, name: "Loja Paulista", address: "Av. Paulista, 1578 — São Paulo" },
    });
    expect(message.text).toBe("Loja Paulista — Av. Paulista, 1578 — São Paulo");
  });

  it.skipIf(!isAvailable(kind))("when an agent shares a contact card, it goes in Meta's snake_case shape", async () => {
    const { wire } = await sendAndRead({
      type: "contacts",
      contacts: [{ name: { formattedName: "Clínica Sol", firstName: "Clínica" }, phones: [{ phone: "+55 11 3333-4444", type: "WORK" }] }],
    });
    expect(wire).toMatchObject({
      type: "contacts",
      contacts: [{ name: { formatted_name: "Clínica Sol", first_name: "Clínica" }, phones: [{ phone: "+55 11 3333-4444", type: "WORK" }] }],
    });
  });

  it.skipIf(!isAvailable(kind))("when an agent sends reply buttons, they go as an interactive button message", async () => {
    const { wire } = await sendAndRead({
      type: "buttons",
      header: { type: "text", text: "Confirmação" },
      body: "Confirma a visita de sábado?",
      footer: "Papo Demo",
      buttons: [
        { id: "sim", title: "Sim" },
        { id: "nao", title: "Não" },
      ],
    });
    expect(wire).toMatchObject({
      type: "interactive",
      interactive: {
        type: "button",
        header: { type: "text", text: "Confirmação" },
        body: { text: "Confirma a visita de sábado?" },
        footer: { text: "Papo Demo" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "sim", title: "Sim" } },
            { type: "reply", reply: { id: "nao", title: "Não" } },
          ],
        },
      },
    });
  });

  it.skipIf(!isAvailable(kind))("when an agent sends a list, its button text and sections reach the customer", async () => {
    const { wire } = await sendAndRead({
      type: "list",
      body: "Escolha um horário",
      buttonText: "Horários",
      sections: [
        {
          title: "Sábado",
          rows: [
            { id: "sab-9", title: "9h", description: "Manhã" },
            { id: "sab-11", title: "11h" },
          ],
        },
      ],
    });
    expect(wire).toMatchObject({
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Escolha um horário" },
        action: {
          button: "Horários",
          sections: [
            {
              title: "Sábado",
              rows: [
                { id: "sab-9", title: "9h", description: "Manhã" },
                { id: "sab-11", title: "11h" },
              ],
            },
          ],
        },
      },
    });
  });

  it.skipIf(!isAvailable(kind))("when an agent sends a call-to-action URL, it goes as cta_url", async () => {
    const { wire } = await sendAndRead({
      type: "cta_url",
      body: "Acompanhe seu pedido",
      displayText: "Rastrear",
      url: "https://papo.dev/pedido/123",
    });
    expect(wire).toMatchObject({
      type: "interactive",
      interactive: {
        type: "cta_url",
        body: { text: "Acompanhe seu pedido" },
        action: { name: "cta_url", parameters: { display_text: "Rastrear", url: "https://papo.dev/pedido/123" } },
      },
    });
  });

  it.skipIf(!isAvailable(kind))("when an agent sends a flow, its id, CTA and first screen reach the customer", async () => {
    const { wire } = await sendAndRead({
      type: "flow",
      body: "Agende pelo WhatsApp",
      flowId: "1234567890123456",
      flowCta: "Agendar",
      flowToken: "agenda-lia",
      flowAction: "navigate",
      screen: "WELCOME",
      data: { unidade: "paulista" },
    });
    expect(wire).toMatchObject({
      type: "interactive",
      interactive: {
        type: "flow",
        body: { text: "Agende pelo WhatsApp" },
        action: {
          name: "flow",
          parameters: {
            flow_message_version: "3",
            flow_id: "1234567890123456",
            flow_cta: "Agendar",
            flow_token: "agenda-lia",
            flow_action: "navigate",
            flow_action_payload: { screen: "WELCOME", data: { unidade: "paulista" } },
          },
        },
      },
    });
  });

  it.skipIf(!isAvailable(kind))("when an agent asks for the customer's location, it goes as location_request_message", async () => {
    const { wire } = await sendAndRead({ type: "location_request", body: "Onde você está?" });
    expect(wire).toMatchObject({
      type: "interactive",
      interactive: { type: "location_request_message", body: { text: "Onde você está?" }, action: { name: "send_location" } },
    });
  });

  const reminder = {
    type: "template",
    name: "lembrete_consulta",
    language: "pt_BR",
    components: [
      { type: "body", parameters: ["Lia", "Clínica Sol", "10/07 às 14h"] },
      { type: "button", subType: "url", index: 0, text: "A-1193" },
    ],
  };
  const reminderWire = {
    type: "template",
    template: {
      name: "lembrete_consulta",
      language: { code: "pt_BR" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Lia" },
            { type: "text", text: "Clínica Sol" },
            { type: "text", text: "10/07 às 14h" },
          ],
        },
        { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "A-1193" }] },
      ],
    },
  };

  it.skipIf(!isAvailable(kind))("when an agent sends a seeded template with body parameters, the customer reads it", async () => {
    const { message, wire } = await sendAndRead(reminder);
    expect(wire).toMatchObject(reminderWire);
    expect(message.text).toBe("[template lembrete_consulta]");
  });

  it.skipIf(!isAvailable(kind))("when the customer last wrote more than 24 hours ago, a template still goes and is read", async () => {
    const late = await customerWrites(t, { from: RUI, name: "Rui", text: "Ainda tem vaga?", hoursAgo: 30 });
    const { wire } = await sendAndRead(reminder, { to: RUI, conversation: late.conversationId });
    expect(wire).toMatchObject({ ...reminderWire, to: `+${RUI}` });
  });

  it.skipIf(!isAvailable(kind))(
    "when an agent reacts to the customer's message, the reaction targets its wamid and shows on it",
    async () => {
      const { wire } = await sendAndRead({ type: "reaction", messageId: customerMessage.id, emoji: "👍" });
      expect(wire).toMatchObject({ type: "reaction", reaction: { message_id: customerMessage.waMessageId, emoji: "👍" } });
      const target = await getMessage(t, customerMessage.id);
      expect(target.reactions).toEqual([{ emoji: "👍", by: "business", at: expect.any(String) }]);
    },
  );

  it.skipIf(!isAvailable(kind))("when an agent removes a reaction, an empty emoji goes and the reaction disappears", async () => {
    await sendAndRead({ type: "reaction", messageId: customerMessage.id, emoji: "❤️" });
    const { wire } = await sendAndRead({ type: "reaction", messageId: customerMessage.id, emoji: "" });
    expect(wire).toMatchObject({ type: "reaction", reaction: { message_id: customerMessage.waMessageId, emoji: "" } });
    const target = await eventually(async () => {
      const message = await getMessage(t, customerMessage.id);
      return message.reactions.length === 0 && message;
    }, "the reaction to be removed");
    expect(target.reactions).toEqual([]);
  });

  it.skipIf(!isAvailable(kind))("when an agent replies to the customer's message, it quotes it through context.message_id", async () => {
    const { message, wire } = await sendAndRead({ type: "text", body: "Abrimos, sim!", replyTo: customerMessage.id });
    expect(wire).toMatchObject({ type: "text", context: { message_id: customerMessage.waMessageId } });
    expect(message.replyTo).toEqual({ waMessageId: customerMessage.waMessageId, messageId: customerMessage.id });
  });
});
