import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors/whatsapp-error.ts";
import type { OutboundMessage } from "./message-types.ts";
import { buildMessageBody } from "./messages.ts";

const TO = "+5511912345678";
const envelope = { messaging_product: "whatsapp", recipient_type: "individual", to: TO } as const;

const validationIssues = (message: unknown) => {
  try {
    buildMessageBody(message as OutboundMessage);
  } catch (error) {
    if (error instanceof WhatsAppValidationError) return error.issues;
    throw error;
  }
  throw new Error("expected a WhatsAppValidationError");
};

/** [case, camelCase params, Meta's wire JSON from meta-cloud-api.md §1]. */
const CASES: [string, OutboundMessage, Record<string, unknown>][] = [
  [
    "text with preview",
    { type: "text", to: TO, body: "Seu pedido: https://loja.example.com/p/123", previewUrl: true },
    { ...envelope, type: "text", text: { preview_url: true, body: "Seu pedido: https://loja.example.com/p/123" } },
  ],
  [
    "image by id",
    { type: "image", to: TO, mediaId: "2233445566778899", caption: "Nota" },
    { ...envelope, type: "image", image: { id: "2233445566778899", caption: "Nota" } },
  ],
  [
    "image by link",
    { type: "image", to: TO, link: "https://cdn.example.com/a.png" },
    { ...envelope, type: "image", image: { link: "https://cdn.example.com/a.png" } },
  ],
  ["video", { type: "video", to: TO, mediaId: "1", caption: "Demo" }, { ...envelope, type: "video", video: { id: "1", caption: "Demo" } }],
  [
    "document",
    { type: "document", to: TO, mediaId: "1", caption: "Fatura", filename: "fatura-0426.pdf" },
    { ...envelope, type: "document", document: { id: "1", caption: "Fatura", filename: "fatura-0426.pdf" } },
  ],
  ["voice note", { type: "audio", to: TO, mediaId: "1", voice: true }, { ...envelope, type: "audio", audio: { id: "1", voice: true } }],
  ["sticker", { type: "sticker", to: TO, mediaId: "1" }, { ...envelope, type: "sticker", sticker: { id: "1" } }],
  [
    "location",
    {
      type: "location",
      to: TO,
      latitude: "-23.5614",
      longitude: "-46.6559",
      name: "Loja Paulista",
      address: "Av. Paulista, 1578, São Paulo",
    },
    {
      ...envelope,
      type: "location",
      location: { latitude: "-23.5614", longitude: "-46.6559", name: "Loja Paulista", address: "Av. Paulista, 1578, São Paulo" },
    },
  ],
  [
    "contacts",
    {
      type: "contacts",
      to: TO,
      contacts: [
        {
          name: { formattedName: "Paula Reis", firstName: "Paula", lastName: "Reis" },
          phones: [{ phone: "+55 11 3456-7890", type: "WORK", waId: "551134567890" }],
          emails: [{ email: "paula@example.com", type: "WORK" }],
          org: { company: "Acme", department: "Vendas", title: "Gerente" },
          addresses: [
            { street: "Rua A", city: "São Paulo", state: "SP", zip: "01000-000", country: "Brasil", countryCode: "BR", type: "WORK" },
          ],
          urls: [{ url: "https://acme.example.com", type: "WORK" }],
          birthday: "1990-04-21",
        },
      ],
    },
    {
      ...envelope,
      type: "contacts",
      contacts: [
        {
          name: { formatted_name: "Paula Reis", first_name: "Paula", last_name: "Reis" },
          phones: [{ phone: "+55 11 3456-7890", type: "WORK", wa_id: "551134567890" }],
          emails: [{ email: "paula@example.com", type: "WORK" }],
          org: { company: "Acme", department: "Vendas", title: "Gerente" },
          addresses: [
            { street: "Rua A", city: "São Paulo", state: "SP", zip: "01000-000", country: "Brasil", country_code: "BR", type: "WORK" },
          ],
          urls: [{ url: "https://acme.example.com", type: "WORK" }],
          birthday: "1990-04-21",
        },
      ],
    },
  ],
  [
    "reply buttons",
    {
      type: "buttons",
      to: TO,
      header: { type: "text", text: "Agendamento" },
      body: "Confirma amanhã 9h?",
      footer: "Clínica Sol",
      buttons: [
        { id: "ok_A-1193", title: "Confirmar" },
        { id: "move_A-1193", title: "Remarcar" },
      ],
    },
    {
      ...envelope,
      type: "interactive",
      interactive: {
        type: "button",
        header: { type: "text", text: "Agendamento" },
        body: { text: "Confirma amanhã 9h?" },
        footer: { text: "Clínica Sol" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "ok_A-1193", title: "Confirmar" } },
            { type: "reply", reply: { id: "move_A-1193", title: "Remarcar" } },
          ],
        },
      },
    },
  ],
  [
    "buttons with a document header",
    {
      type: "buttons",
      to: TO,
      header: { type: "document", mediaId: "9", filename: "a.pdf" },
      body: "Veja",
      buttons: [{ id: "a", title: "A" }],
    },
    {
      ...envelope,
      type: "interactive",
      interactive: {
        type: "button",
        header: { type: "document", document: { id: "9", filename: "a.pdf" } },
        body: { text: "Veja" },
        action: { buttons: [{ type: "reply", reply: { id: "a", title: "A" } }] },
      },
    },
  ],
  [
    "list",
    {
      type: "list",
      to: TO,
      header: "Frete",
      body: "Escolha a entrega",
      buttonText: "Ver opções",
      sections: [{ title: "Entrega", rows: [{ id: "ship_express", title: "Expressa", description: "1-2 dias úteis" }] }],
    },
    {
      ...envelope,
      type: "interactive",
      interactive: {
        type: "list",
        header: { type: "text", text: "Frete" },
        body: { text: "Escolha a entrega" },
        action: {
          button: "Ver opções",
          sections: [{ title: "Entrega", rows: [{ id: "ship_express", title: "Expressa", description: "1-2 dias úteis" }] }],
        },
      },
    },
  ],
  [
    "CTA URL",
    { type: "cta_url", to: TO, body: "Acompanhe", displayText: "Rastrear", url: "https://loja.example.com/t/1" },
    {
      ...envelope,
      type: "interactive",
      interactive: {
        type: "cta_url",
        body: { text: "Acompanhe" },
        action: { name: "cta_url", parameters: { display_text: "Rastrear", url: "https://loja.example.com/t/1" } },
      },
    },
  ],
  [
    "flow",
    {
      type: "flow",
      to: TO,
      body: "Cadastre-se",
      flowId: "991122334455667",
      flowToken: "lead-2026-0042",
      flowCta: "Preencher",
      flowAction: "navigate",
      screen: "CADASTRO",
      data: { nome: "Lia" },
    },
    {
      ...envelope,
      type: "interactive",
      interactive: {
        type: "flow",
        body: { text: "Cadastre-se" },
        action: {
          name: "flow",
          parameters: {
            flow_message_version: "3",
            flow_id: "991122334455667",
            flow_token: "lead-2026-0042",
            flow_cta: "Preencher",
            flow_action: "navigate",
            flow_action_payload: { screen: "CADASTRO", data: { nome: "Lia" } },
          },
        },
      },
    },
  ],
  [
    "location request",
    { type: "location_request", to: TO, body: "Onde você está?" },
    {
      ...envelope,
      type: "interactive",
      interactive: { type: "location_request_message", body: { text: "Onde você está?" }, action: { name: "send_location" } },
    },
  ],
  [
    "template with header, body and buttons",
    {
      type: "template",
      to: TO,
      name: "lembrete_consulta",
      language: "pt_BR",
      components: [
        { type: "header", parameters: [{ type: "image", mediaId: "2233445566778899" }] },
        { type: "body", parameters: ["Lia", { type: "text", text: "10/07 14h" }] },
        { type: "button", subType: "quick_reply", index: 0, payload: "confirm:A-1193" },
        { type: "button", subType: "url", index: 1, text: "A-1193" },
      ],
    },
    {
      ...envelope,
      type: "template",
      template: {
        name: "lembrete_consulta",
        language: { code: "pt_BR" },
        components: [
          { type: "header", parameters: [{ type: "image", image: { id: "2233445566778899" } }] },
          {
            type: "body",
            parameters: [
              { type: "text", text: "Lia" },
              { type: "text", text: "10/07 14h" },
            ],
          },
          { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "confirm:A-1193" }] },
          { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "A-1193" }] },
        ],
      },
    },
  ],
  [
    "template with named, currency, date and copy-code parameters",
    {
      type: "template",
      to: TO,
      name: "oferta",
      language: "pt_BR",
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Lia", parameterName: "first_name" },
            { type: "currency", fallbackValue: "R$ 10,50", code: "BRL", amount1000: 10_500, parameterName: "price" },
            { type: "date_time", fallbackValue: "10 de julho", parameterName: "until" },
          ],
        },
        { type: "button", subType: "copy_code", index: 0, couponCode: "PAPO15" },
        { type: "button", subType: "flow", index: 1, flowToken: "unused" },
      ],
    },
    {
      ...envelope,
      type: "template",
      template: {
        name: "oferta",
        language: { code: "pt_BR" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", parameter_name: "first_name", text: "Lia" },
              { type: "currency", parameter_name: "price", currency: { fallback_value: "R$ 10,50", code: "BRL", amount_1000: 10_500 } },
              { type: "date_time", parameter_name: "until", date_time: { fallback_value: "10 de julho" } },
            ],
          },
          { type: "button", sub_type: "copy_code", index: "0", parameters: [{ type: "coupon_code", coupon_code: "PAPO15" }] },
          { type: "button", sub_type: "flow", index: "1", parameters: [{ type: "action", action: { flow_token: "unused" } }] },
        ],
      },
    },
  ],
  [
    "reaction",
    { type: "reaction", to: TO, messageId: "wamid.inbound", emoji: "👍" },
    { ...envelope, type: "reaction", reaction: { message_id: "wamid.inbound", emoji: "👍" } },
  ],
  [
    "reaction removal",
    { type: "reaction", to: TO, messageId: "wamid.inbound", remove: true },
    { ...envelope, type: "reaction", reaction: { message_id: "wamid.inbound", emoji: "" } },
  ],
];

describe("buildMessageBody", () => {
  it.each(CASES)("when building a %s message, it produces Meta's wire JSON", (_name, message, wire) => {
    expect(buildMessageBody(message)).toStrictEqual(wire);
  });

  it("when the phone has no +, spaces or punctuation, it is normalised to +digits", () => {
    expect(buildMessageBody({ type: "text", to: "55 (11) 91234-5678", body: "Oi" }).to).toBe("+5511912345678");
  });

  it("when sending to a group, the group id is left untouched", () => {
    expect(buildMessageBody({ type: "text", to: "120363000000000000", recipientType: "group", body: "Oi" })).toMatchObject({
      recipient_type: "group",
      to: "120363000000000000",
    });
  });

  it("when replying and tagging the send, the envelope carries context and callback data in Meta's order", () => {
    const body = buildMessageBody({
      type: "text",
      to: TO,
      recipient: "BR.7730019284465512",
      body: "Oi",
      replyTo: "wamid.Q",
      bizOpaqueCallbackData: "crm:msg:3307",
    });

    expect(JSON.stringify(body)).toBe(
      '{"messaging_product":"whatsapp","recipient_type":"individual","to":"+5511912345678","recipient":"BR.7730019284465512",' +
        '"context":{"message_id":"wamid.Q"},"biz_opaque_callback_data":"crm:msg:3307","type":"text","text":{"body":"Oi"}}',
    );
  });

  it("when only a BSUID is given, the body has recipient and no to", () => {
    const body = buildMessageBody({ type: "text", recipient: "BR.7730019284465512", body: "Oi" });

    expect(body.recipient).toBe("BR.7730019284465512");
    expect("to" in body).toBe(false);
  });

  it("when a reaction is sent as a reply, it does not compile and is rejected on context at runtime", () => {
    // @ts-expect-error reactions cannot quote a message
    const message: OutboundMessage = { type: "reaction", to: TO, messageId: "wamid.inbound", emoji: "👍", replyTo: "wamid.other" };

    expect(validationIssues(message).map((issue) => issue.path)).toEqual(["context"]);
  });

  it("when media names both an id and a link, it does not compile and is rejected on the media object at runtime", () => {
    // @ts-expect-error exactly one media source
    const message: OutboundMessage = { type: "image", to: TO, mediaId: "1", link: "https://a.example.com/x.png" };

    expect(validationIssues(message).map((issue) => issue.path)).toEqual(["image"]);
  });

  it("when a flow names both an id and a name, it does not compile and is rejected on flow_id at runtime", () => {
    // @ts-expect-error a flow is addressed by id or by name
    const message: OutboundMessage = { type: "flow", to: TO, body: "x", flowCta: "Abrir", flowId: "1", flowName: "cadastro" };

    expect(validationIssues(message).map((issue) => issue.path)).toEqual(["interactive.action.parameters.flow_id"]);
  });

  it("when a text is too long, the validation error names text.body", () => {
    expect(validationIssues({ type: "text", to: TO, body: "x".repeat(4097) })).toEqual([
      { path: "text.body", message: "must be at most 4096 characters" },
    ]);
  });

  it("when a JavaScript caller passes an unknown type, the validation error names type", () => {
    expect(validationIssues({ type: "poll", to: TO }).map((issue) => issue.path)).toEqual(["type"]);
  });

  it("when neither to nor recipient is given, the validation error names to", () => {
    expect(validationIssues({ type: "text", body: "Oi" }).map((issue) => issue.path)).toEqual(["to"]);
  });
});
