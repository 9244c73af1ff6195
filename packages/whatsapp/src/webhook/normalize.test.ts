import { describe, expect, it } from "vitest";
import type { InboundMessageEvent, WebhookEvent } from "./events.ts";
import {
  bsuidMessage,
  CUSTOMER,
  contact,
  DISPLAY_NUMBER,
  envelope,
  inbound,
  messages,
  metadata,
  PHONE_NUMBER_ID,
  WABA_ID,
} from "./fixtures.test-utils.ts";
import { normalizeWebhook, normalizeWebhookBody } from "./normalize.ts";

function events(body: unknown): WebhookEvent[] {
  const result = normalizeWebhook(body);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.events;
}

function onlyMessage(message: Record<string, unknown>, contacts?: unknown[]): InboundMessageEvent {
  const all = events(inbound(message, contacts));
  expect(all).toHaveLength(1);
  const [event] = all;
  if (event?.kind !== "message") throw new Error(`expected a message event, got ${JSON.stringify(event)}`);
  return event;
}

describe("normalizeWebhook — inbound message types", () => {
  it("when a text arrives, it carries the body, sender, profile name, number and timestamp as a Date", () => {
    const event = onlyMessage(messages.text);
    expect(event.content).toEqual({ type: "text", body: "Olá! Quero saber do meu pedido 🙂" });
    expect(event.from).toEqual({ waId: CUSTOMER, name: "Lia Prado" });
    expect(event.source).toEqual({
      wabaId: WABA_ID,
      phoneNumberId: PHONE_NUMBER_ID,
      displayPhoneNumber: DISPLAY_NUMBER,
      field: "messages",
    });
    expect(event.timestamp.toISOString()).toBe("2026-05-27T12:00:00.000Z");
    expect(event.wamid).toBe(messages.text.id);
    expect(event.errors).toEqual([]);
    expect(event.context).toBeUndefined();
  });

  it("when an image arrives, its media id, mime, sha256, url and caption are kept", () => {
    expect(onlyMessage(messages.image).content).toEqual({
      type: "image",
      media: {
        id: "1466357834303212",
        mimeType: "image/jpeg",
        sha256: "r7Bj5Fv2FZ1n2g2f3tQ8VNmm1lV0yVHrR7u4yPp6b0w=",
        url: messages.image.image.url,
        caption: "Foto do produto",
      },
    });
  });

  it("when a voice note arrives, it is an audio with voice true; a plain audio file has voice false", () => {
    expect(onlyMessage(messages.voice).content).toMatchObject({
      type: "audio",
      voice: true,
      media: { mimeType: "audio/ogg; codecs=opus" },
    });
    expect(onlyMessage(messages.audioFile).content).toMatchObject({ type: "audio", voice: false });
  });

  it("when a video or document arrives, caption and filename (with accents and spaces) are kept", () => {
    expect(onlyMessage(messages.video).content).toMatchObject({
      type: "video",
      media: { id: "349812344545", caption: "Vídeo do defeito" },
    });
    expect(onlyMessage(messages.document).content).toMatchObject({
      type: "document",
      media: { filename: "Nota fiscal março.pdf", mimeType: "application/pdf", caption: "Segue a nota" },
    });
  });

  it("when a sticker arrives, static and animated are told apart", () => {
    expect(onlyMessage(messages.sticker).content).toMatchObject({ type: "sticker", animated: false });
    expect(onlyMessage(messages.animatedSticker).content).toMatchObject({ type: "sticker", animated: true });
  });

  it("when a location arrives, coordinates are numbers and name/address are kept; a current location has only coordinates", () => {
    expect(onlyMessage(messages.location).content).toEqual({
      type: "location",
      latitude: -23.5614,
      longitude: -46.6559,
      name: "Loja Paulista",
      address: "Av. Paulista, 1578, São Paulo",
      url: "https://loja.example.com",
    });
    expect(onlyMessage(messages.currentLocation).content).toEqual({ type: "location", latitude: -22.9068, longitude: -43.1729 });
  });

  it("when contacts are shared, every card field is mapped to camelCase", () => {
    expect(onlyMessage(messages.contacts).content).toEqual({
      type: "contacts",
      contacts: [
        {
          name: { formattedName: "Paula Reis", firstName: "Paula", lastName: "Reis" },
          phones: [{ phone: "+55 11 3456-7890", type: "WORK", waId: "551134567890" }],
          emails: [{ email: "paula@example.com", type: "WORK" }],
          org: { company: "Acme", department: "Vendas", title: "Gerente" },
          addresses: [
            { street: "Rua A, 10", city: "São Paulo", state: "SP", zip: "01000-000", country: "Brasil", countryCode: "BR", type: "WORK" },
          ],
          urls: [{ url: "https://acme.example.com", type: "WORK" }],
          birthday: "1990-04-21",
        },
      ],
    });
  });

  it("when a reply button is tapped, the reply id and title arrive with the quoted message", () => {
    const event = onlyMessage(messages.buttonReply);
    expect(event.content).toEqual({ type: "interactive", reply: { type: "button_reply", id: "ok_A-1193", title: "Confirmar" } });
    expect(event.context?.replyTo).toEqual({ wamid: messages.buttonReply.context.id, from: DISPLAY_NUMBER });
  });

  it("when a list row is chosen, id, title and description arrive", () => {
    expect(onlyMessage(messages.listReply).content).toEqual({
      type: "interactive",
      reply: { type: "list_reply", id: "ship_express", title: "Expressa", description: "1-2 dias úteis" },
    });
  });

  it("when a flow is completed, response_json (a string) is parsed and its flow token extracted", () => {
    expect(onlyMessage(messages.flowReply).content).toEqual({
      type: "interactive",
      reply: {
        type: "nfm_reply",
        name: "flow",
        body: "Sent",
        responseJson: messages.flowReply.interactive.nfm_reply.response_json,
        response: { flow_token: "lead-2026-0042", nome: "Lia", cidade: "Campinas" },
        flowToken: "lead-2026-0042",
      },
    });
  });

  it("when a flow's response_json is not JSON, the reply keeps the raw string and response is null", () => {
    const broken = {
      ...messages.flowReply,
      interactive: { type: "nfm_reply", nfm_reply: { name: "flow", body: "Sent", response_json: "{oops" } },
    };
    expect(onlyMessage(broken).content).toEqual({
      type: "interactive",
      reply: { type: "nfm_reply", name: "flow", body: "Sent", responseJson: "{oops", response: null },
    });
  });

  it("when a template quick-reply button is tapped, payload and text arrive", () => {
    expect(onlyMessage(messages.templateButton).content).toEqual({ type: "button", payload: "confirm:A-1193", text: "Confirmar" });
  });

  it("when a reaction is added, it points at its target message", () => {
    expect(onlyMessage(messages.reaction).content).toEqual({ type: "reaction", targetWamid: "wamid.outbound1", emoji: "👍" });
  });

  it("when a reaction is removed (no emoji, or an empty one), emoji is null", () => {
    expect(onlyMessage(messages.reactionRemoved).content).toEqual({ type: "reaction", targetWamid: "wamid.outbound1", emoji: null });
    expect(onlyMessage(messages.reactionRemovedEmpty).content).toEqual({ type: "reaction", targetWamid: "wamid.outbound1", emoji: null });
  });

  it("when an order arrives, its items keep numeric quantities and prices", () => {
    expect(onlyMessage(messages.order).content).toEqual({
      type: "order",
      catalogId: "1234567890",
      text: "Quero estes",
      items: [
        { productRetailerId: "SKU-1", quantity: 2, itemPrice: 49.9, currency: "BRL" },
        { productRetailerId: "SKU-2", quantity: 1, itemPrice: 120, currency: "BRL" },
      ],
    });
  });

  it("when a customer comes from a click-to-WhatsApp ad, the referral is attached to the message", () => {
    const event = onlyMessage(messages.referral);
    expect(event.content).toEqual({ type: "text", body: "Vi o anúncio e quero saber mais" });
    expect(event.referral).toEqual({
      sourceUrl: "https://fb.me/abc",
      sourceId: "120212345",
      sourceType: "ad",
      body: "Promoção de verão",
      headline: "Chinelos 50% off",
      mediaType: "image",
      imageUrl: "https://scontent.example/ad.jpg",
      ctwaClid: "ARAkLkA8rmlFeiCktEJQ",
      welcomeMessageText: "Olá! Como podemos ajudar?",
    });
  });

  it("when a user opens the chat for the first time, a request_welcome message arrives", () => {
    expect(onlyMessage(messages.requestWelcome).content).toEqual({ type: "request_welcome" });
  });

  it("when a customer changes number, the system message names old and new ids and has no profile", () => {
    const event = onlyMessage(messages.systemNumberChange, []);
    expect(event.from).toEqual({ waId: CUSTOMER });
    expect(event.content).toEqual({
      type: "system",
      systemType: "user_changed_number",
      body: messages.systemNumberChange.system.body,
      newWaId: "5511987654321",
    });
  });

  it("when a legacy customer_changed_number arrives, new_wa_id is read", () => {
    expect(onlyMessage(messages.legacySystemNumberChange, []).content).toMatchObject({
      systemType: "customer_changed_number",
      newWaId: "5511987654321",
    });
  });

  it("when Meta cannot show a message, unsupported keeps the inner type and the 131051 error", () => {
    const event = onlyMessage(messages.unsupported);
    expect(event.content).toEqual({ type: "unsupported", reportedType: "unsupported", unsupportedType: "poll_creation" });
    expect(event.errors).toEqual([
      { code: 131051, title: "Message type unknown", message: "Message type unknown", details: "Message type is currently not supported." },
    ]);
  });

  it("when a legacy unknown message arrives, it is unsupported with its error (title from the legacy shape)", () => {
    const event = onlyMessage(messages.legacyUnknown);
    expect(event.content).toEqual({ type: "unsupported", reportedType: "unknown" });
    expect(event.errors).toEqual([{ code: 131051, title: "Unsupported message type" }]);
  });

  it("when inbound media failed on Meta's side, the message is kept with its 131052 error", () => {
    const event = onlyMessage(messages.mediaTooLarge);
    expect(event.content).toMatchObject({ type: "video", media: { id: "1234" } });
    expect(event.errors[0]).toMatchObject({ code: 131052, details: "media file too large" });
  });

  it("when a coexistence number revokes or edits a message, the original id and new content arrive", () => {
    expect(onlyMessage(messages.revoke).content).toEqual({ type: "revoke", originalWamid: "wamid.original" });
    expect(onlyMessage(messages.edit).content).toEqual({
      type: "edit",
      originalWamid: "wamid.original",
      edited: { type: "text", body: "texto corrigido" },
    });
  });

  it("when a message type is new to this library, it becomes an unknown content with the raw payload, not an error", () => {
    expect(onlyMessage(messages.newType).content).toEqual({
      type: "unknown",
      reportedType: "poll",
      raw: { question: "Qual dia?", options: ["seg", "ter"] },
    });
  });
});

describe("normalizeWebhook — context, senders and contacts", () => {
  it("when the customer quotes a message, replyTo names it", () => {
    expect(onlyMessage(messages.replyToText).context).toEqual({
      replyTo: { wamid: "wamid.quoted", from: DISPLAY_NUMBER },
      forwarded: false,
      frequentlyForwarded: false,
    });
  });

  it("when a message was forwarded, or forwarded many times, the flags say so", () => {
    expect(onlyMessage(messages.forwarded).context).toEqual({ forwarded: true, frequentlyForwarded: false });
    expect(onlyMessage(messages.frequentlyForwarded).context).toEqual({ forwarded: false, frequentlyForwarded: true });
  });

  it("when the customer asks about a catalogue product, the referred product is kept", () => {
    expect(onlyMessage(messages.productEnquiry).context?.referredProduct).toEqual({ catalogId: "1234567890", productRetailerId: "SKU-1" });
  });

  it("when the sender has only a business-scoped user id, the message is keyed by it, with the username and no phone", () => {
    const event = onlyMessage(bsuidMessage.message, bsuidMessage.contacts);
    expect(event.from).toEqual({ userId: "BR.7730019284465512", username: "lia.prado" });
  });

  it("when the contact has no profile, or an empty name, the name is simply absent", () => {
    expect(onlyMessage(messages.text, [{ wa_id: CUSTOMER }]).from).toEqual({ waId: CUSTOMER });
    expect(onlyMessage(messages.text, [{ wa_id: CUSTOMER, profile: { name: "" } }]).from).toEqual({ waId: CUSTOMER });
    expect(onlyMessage(messages.text, []).from).toEqual({ waId: CUSTOMER });
  });

  it("when one change carries messages from two customers, each gets its own profile", () => {
    const second = { ...messages.text, from: "5521988887777", id: "wamid.second" };
    const body = envelope({
      field: "messages",
      value: {
        messaging_product: "whatsapp",
        metadata,
        contacts: [contact("Lia"), contact("Caio", "5521988887777")],
        messages: [messages.text, second],
      },
    });
    const names = events(body).map((e) => (e.kind === "message" ? e.from.name : e.kind));
    expect(names).toEqual(["Lia", "Caio"]);
  });

  it("when a message has neither from nor from_user_id, it becomes an unknown event naming the problem", () => {
    const { from: _drop, ...noSender } = messages.text;
    const [event] = events(inbound(noSender, []));
    expect(event).toMatchObject({ kind: "unknown", reason: expect.stringContaining("no sender") });
  });

  it("when a message timestamp is not unix seconds, it becomes an unknown event naming the path", () => {
    const [event] = events(inbound({ ...messages.text, timestamp: "yesterday" }));
    expect(event).toMatchObject({ kind: "unknown", reason: "entry[0].changes[0].value.messages[0].timestamp: not unix seconds" });
  });

  it("when a text has no body, the unknown event names text.body", () => {
    const [event] = events(inbound({ ...messages.text, text: {} }));
    expect(event).toMatchObject({ kind: "unknown", reason: "entry[0].changes[0].value.messages[0].text.body: expected a string" });
  });
});

describe("normalizeWebhook — batches", () => {
  it("when one POST carries several entries, changes (numbers), messages and statuses, every one becomes an event in order", () => {
    const otherNumber = { display_phone_number: "5521955550000", phone_number_id: "999000111" };
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: WABA_ID,
          changes: [
            {
              field: "messages",
              value: { messaging_product: "whatsapp", metadata, contacts: [contact()], messages: [messages.text, messages.image] },
            },
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: otherNumber,
                statuses: [{ id: "wamid.a", status: "sent", timestamp: "1779883322", recipient_id: CUSTOMER }],
              },
            },
          ],
        },
        {
          id: "WABA-2",
          changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: otherNumber, messages: [messages.reaction] } }],
        },
      ],
    };
    const all = events(body);
    expect(all.map((e) => [e.kind, e.source?.wabaId, e.source?.phoneNumberId])).toEqual([
      ["message", WABA_ID, PHONE_NUMBER_ID],
      ["message", WABA_ID, PHONE_NUMBER_ID],
      ["status", WABA_ID, "999000111"],
      ["message", "WABA-2", "999000111"],
    ]);
  });

  it("when one message in a batch is malformed, the others still come through", () => {
    const body = envelope({
      field: "messages",
      value: { messaging_product: "whatsapp", metadata, contacts: [contact()], messages: [messages.text, { id: 5 }, messages.reaction] },
    });
    expect(events(body).map((e) => e.kind)).toEqual(["message", "unknown", "message"]);
  });

  it("when the value carries app-level errors, an error event lists them", () => {
    const body = envelope({
      field: "messages",
      value: {
        messaging_product: "whatsapp",
        metadata,
        errors: [{ code: 131000, title: "Something went wrong", error_data: { details: "x" } }],
      },
    });
    expect(events(body)).toEqual([
      {
        kind: "error",
        source: { wabaId: WABA_ID, phoneNumberId: PHONE_NUMBER_ID, displayPhoneNumber: DISPLAY_NUMBER, field: "messages" },
        errors: [{ code: 131000, title: "Something went wrong", details: "x" }],
        raw: [{ code: 131000, title: "Something went wrong", error_data: { details: "x" } }],
      },
    ]);
  });

  it("when the dashboard's Test button sends a sample with fake ids and an unknown number, it normalises without trouble", () => {
    const sample = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "0",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "16505551111", phone_number_id: "123456123" },
                contacts: [{ profile: { name: "test user name" }, wa_id: "16315551181" }],
                messages: [
                  {
                    from: "16315551181",
                    id: "ABGGFlA5Fpa",
                    timestamp: "1504902988",
                    type: "text",
                    text: { body: "this is a text message" },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    expect(events(sample)).toMatchObject([
      { kind: "message", source: { wabaId: "0", phoneNumberId: "123456123" }, content: { body: "this is a text message" } },
    ]);
  });
});

describe("normalizeWebhook — malformed bodies", () => {
  it("when the envelope has no entry array, the error is invalid_envelope and names entry", () => {
    const result = normalizeWebhook({ object: "whatsapp_business_account" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid_envelope");
    expect(result.error.issues[0]?.path).toBe("entry");
  });

  it("when a change lacks its field name, the error path points into the entry", () => {
    const result = normalizeWebhook({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ value: {} }] }] });
    expect(result.ok ? null : result.error.issues[0]?.path).toBe("entry[0].changes[0].field");
  });

  it("when the raw body is not JSON, the error is invalid_json", () => {
    const result = normalizeWebhookBody("{not json");
    expect(result.ok ? null : result.error.code).toBe("invalid_json");
  });

  it("when the raw body is Meta's escaped JSON, it decodes to the original text", () => {
    const raw =
      '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"2"},"messages":[{"from":"5511","id":"wamid.x","timestamp":"1","type":"text","text":{"body":"A\\u00e7\\u00e3o \\ud83d\\ude00 http:\\/\\/x"}}]}}]}]}';
    const result = normalizeWebhookBody(Buffer.from(raw));
    expect(result.ok && result.events[0]?.kind === "message" && result.events[0].content).toEqual({
      type: "text",
      body: "Ação 😀 http://x",
    });
  });

  it("when the object is not a WhatsApp business account, the whole body is one unknown event", () => {
    const result = normalizeWebhook({ object: "page", entry: [] });
    expect(result.ok && result.events).toEqual([
      { kind: "unknown", reason: 'object: "page" is not whatsapp_business_account', raw: { object: "page", entry: [] } },
    ]);
  });

  it("when a messages value has no metadata, the change becomes an unknown event naming metadata", () => {
    const [event] = events(envelope({ field: "messages", value: { messages: [messages.text] } }));
    expect(event).toMatchObject({ kind: "unknown", reason: expect.stringContaining("entry[0].changes[0].value.metadata") });
  });
});
