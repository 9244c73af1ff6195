import { describe, expect, it } from "vitest";
import { variablesOf } from "./variables.ts";

describe("variablesOf", () => {
  it("reads a positional text header, body and URL button with Meta's examples", () => {
    const variables = variablesOf({
      parameterFormat: "POSITIONAL",
      components: [
        { type: "HEADER", format: "TEXT", text: "Pedido {{1}}", example: { header_text: ["#4721"] } },
        { type: "BODY", text: "Olá {{1}}, sua consulta na {{2}} é {{3}}.", example: { body_text: [["Lia", "Clínica Sol", "amanhã"]] } },
        { type: "FOOTER", text: "Clínica Sol" },
        {
          type: "BUTTONS",
          buttons: [
            { type: "PHONE_NUMBER", text: "Ligar", phone_number: "+5511999990000" },
            { type: "URL", text: "Ver", url: "https://agenda.example.com/c/{{1}}", example: ["https://agenda.example.com/c/A-1193"] },
            { type: "URL", text: "Site", url: "https://example.com" },
          ],
        },
      ],
    });
    expect(variables).toEqual([
      { key: "header.1", component: "header", name: "1", kind: "text", example: "#4721" },
      { key: "body.1", component: "body", name: "1", kind: "text", example: "Lia" },
      { key: "body.2", component: "body", name: "2", kind: "text", example: "Clínica Sol" },
      { key: "body.3", component: "body", name: "3", kind: "text", example: "amanhã" },
      { key: "button.1", component: "button", name: "1", buttonIndex: 1, kind: "url_suffix", example: "A-1193" },
    ]);
  });

  it("orders positional variables by number whatever order the text uses", () => {
    const variables = variablesOf({ components: [{ type: "BODY", text: "{{2}} antes de {{1}}, de novo {{2}}" }] });
    expect(variables.map((v) => v.key)).toEqual(["body.1", "body.2"]);
  });

  it("reads named header and body parameters with their named examples", () => {
    const variables = variablesOf({
      parameterFormat: "NAMED",
      components: [
        {
          type: "HEADER",
          format: "TEXT",
          text: "Oi {{first_name}}",
          example: { header_text_named_params: [{ param_name: "first_name", example: "Lia" }] },
        },
        {
          type: "BODY",
          text: "Seu pedido {{order_id}} chega {{ prazo }}.",
          example: {
            body_text_named_params: [
              { param_name: "order_id", example: "#4721" },
              { param_name: "prazo", example: "sexta" },
            ],
          },
        },
      ],
    });
    expect(variables).toEqual([
      { key: "header.first_name", component: "header", name: "first_name", kind: "text", example: "Lia" },
      { key: "body.order_id", component: "body", name: "order_id", kind: "text", example: "#4721" },
      { key: "body.prazo", component: "body", name: "prazo", kind: "text", example: "sexta" },
    ]);
  });

  it.each([
    ["IMAGE", "image"],
    ["VIDEO", "video"],
    ["DOCUMENT", "document"],
  ] as const)("a %s header asks for header.media", (format, kind) => {
    const [variable] = variablesOf({
      components: [
        { type: "HEADER", format, example: { header_handle: ["4::handle"] } },
        { type: "BODY", text: "Oi" },
      ],
    });
    expect(variable).toEqual({ key: "header.media", component: "header", name: "media", kind, example: "4::handle" });
  });

  it("a location header asks for header.location", () => {
    expect(
      variablesOf({
        components: [
          { type: "HEADER", format: "LOCATION" },
          { type: "BODY", text: "Estamos aqui" },
        ],
      }),
    ).toEqual([{ key: "header.location", component: "header", name: "location", kind: "location" }]);
  });

  it("reads every button kind that takes a value, with optional ones marked", () => {
    const variables = variablesOf({
      components: [
        { type: "BODY", text: "Oferta" },
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "Quero" },
            { type: "COPY_CODE", example: "SALE25" },
            { type: "FLOW", text: "Agendar", flow_id: "123", flow_action: "navigate" },
            { type: "OTP", otp_type: "COPY_CODE", text: "Copiar código" },
          ],
        },
      ],
    });
    expect(variables).toEqual([
      { key: "button.0", component: "button", name: "0", buttonIndex: 0, kind: "payload", optional: true, example: "Quero" },
      { key: "button.1", component: "button", name: "1", buttonIndex: 1, kind: "coupon_code", example: "SALE25" },
      { key: "button.2", component: "button", name: "2", buttonIndex: 2, kind: "flow_token", optional: true },
      { key: "button.3", component: "button", name: "3", buttonIndex: 3, kind: "url_suffix" },
    ]);
  });

  it("a template without variables needs nothing", () => {
    expect(
      variablesOf({
        components: [
          { type: "HEADER", format: "TEXT", text: "Hello World" },
          { type: "BODY", text: "Welcome" },
        ],
      }),
    ).toEqual([]);
  });

  it("ignores malformed components instead of throwing", () => {
    expect(variablesOf({ components: [null, "x", { type: "BODY" }, { type: "BUTTONS", buttons: "no" }] })).toEqual([]);
  });
});
