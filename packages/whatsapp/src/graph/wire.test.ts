import { describe, expect, it } from "vitest";
import { parseOutboundRequest } from "./wire.ts";

const TO = "+5511912345678";
const envelope = { messaging_product: "whatsapp", recipient_type: "individual", to: TO } as const;
const msg = (type: string, payload: unknown, extra: Record<string, unknown> = {}) => ({ ...envelope, ...extra, type, [type]: payload });
const interactive = (payload: unknown) => msg("interactive", payload);
const template = (components: unknown[]) => msg("template", { name: "lembrete_consulta", language: { code: "pt_BR" }, components });

const buttons = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ type: "reply", reply: { id: `b${i}`, title: `Opção ${i}` } }));
const buttonMessage = (overrides: Record<string, unknown> = {}) =>
  interactive({ type: "button", body: { text: "Confirma amanhã 9h?" }, action: { buttons: buttons(2) }, ...overrides });
const rows = (count: number, row: Record<string, unknown> = {}) =>
  Array.from({ length: count }, (_, i) => ({ id: `r${i}`, title: `Linha ${i}`, ...row }));
const listMessage = (action: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
  interactive({ type: "list", body: { text: "Escolha" }, action: { button: "Ver opções", ...action }, ...overrides });
const flowParameters = { flow_message_version: "3", flow_id: "991122334455667", flow_token: "lead-2026-0042", flow_cta: "Preencher" };
const flowMessage = (parameters: Record<string, unknown>) =>
  interactive({ type: "flow", body: { text: "Cadastre-se" }, action: { name: "flow", parameters: { ...flowParameters, ...parameters } } });

/** Every valid example of meta-cloud-api.md §1, as printed there (comments removed). */
const VALID: [string, unknown][] = [
  [
    "§1.1 envelope with recipient, context and callback data",
    {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: TO,
      recipient: "BR.7730019284465512",
      context: { message_id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRB" },
      biz_opaque_callback_data: "crm:msg:3307",
      type: "text",
      text: { body: "Olá" },
    },
  ],
  ["§1.1 phone with spaces, dashes and parentheses", { ...msg("text", { body: "Oi" }), to: "+55 (11) 91234-5678" }],
  ["§1.1 BSUID only", { messaging_product: "whatsapp", recipient: "US.13491208655302741918", type: "text", text: { body: "Oi" } }],
  ["§1.3 text with preview", msg("text", { preview_url: true, body: "Seu pedido: https://loja.example.com/p/123" })],
  ["§1.3 text of exactly 4096 characters", msg("text", { body: "a".repeat(4096) })],
  ["§1.4 image by id", msg("image", { id: "2233445566778899", caption: "c".repeat(1024) })],
  ["§1.4 image by link", msg("image", { link: "https://cdn.example.com/a.png", caption: "..." })],
  ["§1.4 video", msg("video", { id: "1", caption: "..." })],
  ["§1.4 document", msg("document", { id: "1", caption: "...", filename: "fatura-0426.pdf" })],
  ["§1.4 voice audio", msg("audio", { id: "1", voice: true })],
  ["§1.4 sticker", msg("sticker", { id: "1" })],
  [
    "§1.5 location with string coordinates",
    msg("location", { latitude: "-23.5614", longitude: "-46.6559", name: "Loja Paulista", address: "Av. Paulista, 1578, São Paulo" }),
  ],
  ["§1.5 location with numbers", msg("location", { latitude: -23.5614, longitude: -46.6559 })],
  [
    "§1.5 contacts",
    msg("contacts", [
      {
        name: { formatted_name: "Paula Reis", first_name: "Paula", last_name: "Reis" },
        phones: [{ phone: "+55 11 3456-7890", type: "WORK", wa_id: "551134567890" }],
        emails: [{ email: "paula@example.com", type: "WORK" }],
        org: { company: "Acme", department: "Vendas", title: "Gerente" },
        addresses: [{ street: "...", city: "...", state: "SP", zip: "...", country: "Brasil", country_code: "BR", type: "WORK" }],
        urls: [{ url: "https://acme.example.com", type: "WORK" }],
        birthday: "1990-04-21",
      },
    ]),
  ],
  [
    "§1.6 reply buttons",
    interactive({
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
    }),
  ],
  [
    "§1.6 three buttons with an image header",
    buttonMessage({ header: { type: "image", image: { id: "1" } }, action: { buttons: buttons(3) } }),
  ],
  [
    "§1.6 list",
    interactive({
      type: "list",
      body: { text: "..." },
      action: {
        button: "Ver opções",
        sections: [{ title: "Entrega", rows: [{ id: "ship_express", title: "Expressa", description: "1-2 dias úteis" }] }],
      },
    }),
  ],
  [
    "§1.6 list with 10 rows over two sections",
    listMessage({
      sections: [
        { title: "A", rows: rows(5) },
        { title: "B", rows: rows(5).map((r) => ({ ...r, id: `${r.id}b` })) },
      ],
    }),
  ],
  [
    "§1.6 CTA URL",
    interactive({
      type: "cta_url",
      body: { text: "..." },
      action: { name: "cta_url", parameters: { display_text: "Rastrear", url: "https://x.example.com/t/1" } },
    }),
  ],
  [
    "§1.6 flow",
    interactive({
      type: "flow",
      body: { text: "..." },
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
    }),
  ],
  [
    "§1.6 flow by name with data exchange",
    flowMessage({ flow_id: undefined, flow_name: "cadastro", flow_action: "data_exchange", mode: "draft" }),
  ],
  [
    "§1.6 location request",
    interactive({ type: "location_request_message", body: { text: "Onde você está?" }, action: { name: "send_location" } }),
  ],
  [
    "§1.7 template",
    template([
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
    ]),
  ],
  ["§1.7 named parameters", template([{ type: "body", parameters: [{ type: "text", parameter_name: "first_name", text: "Lia" }] }])],
  [
    "§1.7 currency and date_time",
    template([
      {
        type: "body",
        parameters: [
          { type: "currency", currency: { fallback_value: "R$ 10,50", code: "BRL", amount_1000: 10500 } },
          { type: "date_time", date_time: { fallback_value: "10 de julho" } },
        ],
      },
    ]),
  ],
  [
    "§1.7 document header",
    template([
      { type: "header", parameters: [{ type: "document", document: { link: "https://x.example.com/f.pdf", filename: "f.pdf" } }] },
    ]),
  ],
  [
    "§1.7 location header",
    template([{ type: "header", parameters: [{ type: "location", location: { latitude: "-23.5", longitude: "-46.6", name: "Loja" } }] }]),
  ],
  [
    "§1.7 copy code button with numeric index",
    template([{ type: "button", sub_type: "copy_code", index: 0, parameters: [{ type: "coupon_code", coupon_code: "PAPO15" }] }]),
  ],
  [
    "§1.7 flow button",
    template([
      {
        type: "button",
        sub_type: "flow",
        index: "0",
        parameters: [{ type: "action", action: { flow_token: "unused", flow_action_data: { a: 1 } } }],
      },
    ]),
  ],
  ["§1.7 template without components", msg("template", { name: "hello_world", language: { code: "en_US" } })],
  ["§1.8 reaction", msg("reaction", { message_id: "wamid.inbound", emoji: "👍" })],
  ["§1.8 reaction removal", msg("reaction", { message_id: "wamid.inbound", emoji: "" })],
  ["§1.8 reaction with a ZWJ emoji", msg("reaction", { message_id: "wamid.inbound", emoji: "👩‍👩‍👧" })],
];

describe("parseOutboundRequest — valid bodies", () => {
  it.each(VALID)("when given the %s example, it accepts it as a message", (_name, body) => {
    const parsed = parseOutboundRequest(body);

    expect(parsed).toMatchObject({ ok: true, kind: "message" });
  });

  it("when given a mark-as-read body, it accepts it as mark_read", () => {
    expect(parseOutboundRequest({ messaging_product: "whatsapp", status: "read", message_id: "wamid.inbound" })).toMatchObject({
      ok: true,
      kind: "mark_read",
    });
  });

  it("when given a mark-as-read body with a typing indicator, it keeps the indicator", () => {
    const body = { messaging_product: "whatsapp", status: "read", message_id: "wamid.inbound", typing_indicator: { type: "text" } };

    expect(parseOutboundRequest(body)).toEqual({ ok: true, kind: "mark_read", value: body });
  });
});

const longText = (n: number) => "x".repeat(n);

/** [case, body, path of the issue] — each body breaks exactly one of Meta's rules. */
const INVALID: [string, unknown, string][] = [
  ["text of 4097 characters", msg("text", { body: longText(4097) }), "text.body"],
  ["empty text", msg("text", { body: "" }), "text.body"],
  ["unknown type", msg("carousel", {}), "type"],
  ["missing type", { ...envelope, text: { body: "x" } }, "type"],
  ["wrong messaging_product", { ...msg("text", { body: "x" }), messaging_product: "sms" }, "messaging_product"],
  ["neither to nor recipient", { messaging_product: "whatsapp", type: "text", text: { body: "x" } }, "to"],
  ["a to that is not a phone", { ...msg("text", { body: "x" }), to: "lia@example.com" }, "to"],
  ["a malformed BSUID", { ...msg("text", { body: "x" }), recipient: "7730019284465512" }, "recipient"],
  ["an unknown top-level field", { ...msg("text", { body: "x" }), priority: "high" }, "priority"],
  ["callback data of 513 characters", msg("text", { body: "x" }, { biz_opaque_callback_data: longText(513) }), "biz_opaque_callback_data"],
  ["context without message_id", msg("text", { body: "x" }, { context: {} }), "context.message_id"],
  ["caption of 1025 characters", msg("image", { id: "1", caption: longText(1025) }), "image.caption"],
  ["media with both id and link", msg("image", { id: "1", link: "https://a.example.com/x.png" }), "image"],
  ["media with neither id nor link", msg("video", { caption: "x" }), "video"],
  ["media link that is not a URL", msg("document", { link: "not a url" }), "document.link"],
  ["audio with a caption", msg("audio", { id: "1", caption: "x" }), "audio.caption"],
  ["sticker with a caption", msg("sticker", { id: "1", caption: "x" }), "sticker.caption"],
  ["latitude out of range", msg("location", { latitude: 91, longitude: 0 }), "location.latitude"],
  ["latitude that is not numeric", msg("location", { latitude: "norte", longitude: "0" }), "location.latitude"],
  ["contact without formatted_name", msg("contacts", [{ name: { first_name: "Paula" } }]), "contacts[0].name.formatted_name"],
  ["no contacts", msg("contacts", []), "contacts"],
  ["4 buttons", buttonMessage({ action: { buttons: buttons(4) } }), "interactive.action.buttons[3]"],
  ["no buttons", buttonMessage({ action: { buttons: [] } }), "interactive.action.buttons"],
  [
    "button title of 21 characters",
    buttonMessage({ action: { buttons: [{ type: "reply", reply: { id: "a", title: longText(21) } }] } }),
    "interactive.action.buttons[0].reply.title",
  ],
  [
    "button id of 257 characters",
    buttonMessage({ action: { buttons: [{ type: "reply", reply: { id: longText(257), title: "t" } }] } }),
    "interactive.action.buttons[0].reply.id",
  ],
  [
    "duplicate button ids",
    buttonMessage({ action: { buttons: [...buttons(1), ...buttons(1)] } }),
    "interactive.action.buttons[1].reply.id",
  ],
  ["button body of 1025 characters", buttonMessage({ body: { text: longText(1025) } }), "interactive.body.text"],
  ["footer of 61 characters", buttonMessage({ footer: { text: longText(61) } }), "interactive.footer.text"],
  ["text header of 61 characters", buttonMessage({ header: { type: "text", text: longText(61) } }), "interactive.header.text"],
  ["11 rows", listMessage({ sections: [{ title: "A", rows: rows(11) }] }), "interactive.action.sections[0].rows[10]"],
  [
    "row title of 25 characters",
    listMessage({ sections: [{ rows: rows(1, { title: longText(25) }) }] }),
    "interactive.action.sections[0].rows[0].title",
  ],
  [
    "row id of 201 characters",
    listMessage({ sections: [{ rows: rows(1, { id: longText(201) }) }] }),
    "interactive.action.sections[0].rows[0].id",
  ],
  [
    "row description of 73 characters",
    listMessage({ sections: [{ rows: rows(1, { description: longText(73) }) }] }),
    "interactive.action.sections[0].rows[0].description",
  ],
  [
    "section title of 25 characters",
    listMessage({ sections: [{ title: longText(25), rows: rows(1) }] }),
    "interactive.action.sections[0].title",
  ],
  [
    "11 sections",
    listMessage({ sections: Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: [{ id: `r${i}`, title: "t" }] })) }),
    "interactive.action.sections[10]",
  ],
  [
    "untitled section among several",
    listMessage({ sections: [{ title: "A", rows: rows(1) }, { rows: [{ id: "z", title: "z" }] }] }),
    "interactive.action.sections[1].title",
  ],
  ["list button label of 21 characters", listMessage({ button: longText(21), sections: [{ rows: rows(1) }] }), "interactive.action.button"],
  [
    "list body of 4097 characters",
    listMessage({ sections: [{ rows: rows(1) }] }, { body: { text: longText(4097) } }),
    "interactive.body.text",
  ],
  [
    "list with an image header",
    listMessage({ sections: [{ rows: rows(1) }] }, { header: { type: "image", image: { id: "1" } } }),
    "interactive.header.type",
  ],
  [
    "CTA label of 21 characters",
    interactive({
      type: "cta_url",
      body: { text: "x" },
      action: { name: "cta_url", parameters: { display_text: longText(21), url: "https://a.example.com" } },
    }),
    "interactive.action.parameters.display_text",
  ],
  ["flow with both id and name", flowMessage({ flow_name: "cadastro" }), "interactive.action.parameters.flow_id"],
  ["flow with neither id nor name", flowMessage({ flow_id: undefined }), "interactive.action.parameters.flow_id"],
  ["flow navigate without screen", flowMessage({ flow_action: "navigate" }), "interactive.action.parameters.flow_action_payload.screen"],
  ["flow CTA with an emoji", flowMessage({ flow_cta: "Preencher 📝" }), "interactive.action.parameters.flow_cta"],
  ["flow version 2", flowMessage({ flow_message_version: "2" }), "interactive.action.parameters.flow_message_version"],
  ["unsupported interactive type", interactive({ type: "product_list", body: { text: "x" } }), "interactive.type"],
  ["template without language code", msg("template", { name: "t", language: {} }), "template.language.code"],
  [
    "template quick reply filled with text",
    template([{ type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "text", text: "x" }] }]),
    "template.components[0].parameters[0].type",
  ],
  [
    "template body with an image",
    template([{ type: "body", parameters: [{ type: "image", image: { id: "1" } }] }]),
    "template.components[0].parameters[0].type",
  ],
  [
    "template mixing named and positional",
    template([
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "a", text: "x" },
          { type: "text", text: "y" },
        ],
      },
    ]),
    "template.components[0].parameters",
  ],
  [
    "template parameter name in capitals",
    template([{ type: "body", parameters: [{ type: "text", parameter_name: "First", text: "x" }] }]),
    "template.components[0].parameters[0].parameter_name",
  ],
  [
    "coupon code of 16 characters",
    template([{ type: "button", sub_type: "copy_code", index: "0", parameters: [{ type: "coupon_code", coupon_code: longText(16) }] }]),
    "template.components[0].parameters[0].coupon_code",
  ],
  [
    "unknown parameter type",
    template([{ type: "body", parameters: [{ type: "emoji", emoji: "x" }] }]),
    "template.components[0].parameters[0].type",
  ],
  ["unknown component type", template([{ type: "footer", parameters: [] }]), "template.components[0].type"],
  [
    "reaction with context",
    msg("reaction", { message_id: "wamid.inbound", emoji: "👍" }, { context: { message_id: "wamid.other" } }),
    "context",
  ],
  ["reaction with two emoji", msg("reaction", { message_id: "wamid.inbound", emoji: "👍👍" }), "reaction.emoji"],
  ["reaction without message_id", msg("reaction", { emoji: "👍" }), "reaction.message_id"],
];

describe("parseOutboundRequest — limit violations", () => {
  it.each(INVALID)("when given %s, it rejects it naming the path", (_name, body, path) => {
    const parsed = parseOutboundRequest(body);

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.path)).toContain(path);
  });

  it("when the type is unknown, the message lists the supported types", () => {
    const parsed = parseOutboundRequest(msg("carousel", {}));

    expect(parsed.ok ? undefined : parsed.issues[0]?.message).toMatch(/unsupported message type "carousel"; expected one of text, image/);
  });

  it("when the body is not an object, it is rejected at the root", () => {
    expect(parseOutboundRequest("hello")).toEqual({ ok: false, issues: [{ path: "", message: "body must be a JSON object" }] });
  });

  it("when a mark-as-read body has a non-text typing indicator, it is rejected", () => {
    const parsed = parseOutboundRequest({
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.X",
      typing_indicator: { type: "audio" },
    });

    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.path)).toEqual(["typing_indicator.type"]);
  });

  it("when a mark-as-read body has no message_id, it is rejected naming message_id", () => {
    const parsed = parseOutboundRequest({ messaging_product: "whatsapp", status: "read" });

    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.path)).toEqual(["message_id"]);
  });
});
