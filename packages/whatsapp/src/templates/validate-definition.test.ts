import { describe, expect, it } from "vitest";
import type { TemplateButtonDefinition, TemplateDefinition } from "./definition.ts";
import { toCreationComponents } from "./to-components.ts";
import { validateTemplateDefinition } from "./validate-definition.ts";

const valid: TemplateDefinition = {
  name: "lembrete_consulta",
  category: "UTILITY",
  language: "pt_BR",
  header: { format: "TEXT", text: "Consulta de {{1}}", example: "Lia" },
  body: { text: "Olá, {{1}}! Sua consulta é {{2}}. Até lá!", examples: ["Lia", "amanhã"] },
  footer: { text: "Clínica Sol" },
  buttons: [
    { type: "URL", text: "Ver agendamento", url: "https://agenda.example.com/c/{{1}}", example: "https://agenda.example.com/c/A-1" },
    { type: "PHONE_NUMBER", text: "Ligar", phoneNumber: "+5511912345678" },
    { type: "QUICK_REPLY", text: "Confirmar" },
    { type: "QUICK_REPLY", text: "Remarcar" },
  ],
};

const pathsOf = (definition: TemplateDefinition): string[] => validateTemplateDefinition(definition).map((i) => i.path);
const withBody = (text: string, examples?: string[] | Record<string, string>, parameterFormat?: "NAMED"): TemplateDefinition => ({
  name: "t",
  category: "MARKETING",
  language: "pt_BR",
  ...(parameterFormat ? { parameterFormat } : {}),
  body: { text, ...(examples ? { examples } : {}) },
});
const withButtons = (buttons: TemplateButtonDefinition[]): TemplateDefinition => ({ ...withBody("Oferta"), buttons });

describe("validateTemplateDefinition", () => {
  it("accepts a complete positional template and a named one", () => {
    expect(validateTemplateDefinition(valid)).toEqual([]);
    expect(
      validateTemplateDefinition({
        ...withBody("Oi {{first_name}}, seu pedido {{order_id}} saiu.", { first_name: "Lia", order_id: "#1" }, "NAMED"),
        header: { format: "TEXT", text: "Pedido de {{first_name}}", example: "Lia" },
      }),
    ).toEqual([]);
  });

  it.each([
    ["Order_Shipped", "name"],
    ["", "name"],
    ["com espaço", "name"],
  ])("refuses the name %j", (name, path) => {
    expect(pathsOf({ ...valid, name })).toEqual([path]);
  });

  it("refuses an unknown category and a malformed language", () => {
    expect(pathsOf({ ...valid, category: "PROMO", language: "portuguese" })).toEqual(["category", "language"]);
  });

  it("refuses authentication templates with a clear message", () => {
    const [issue] = validateTemplateDefinition({ ...valid, category: "AUTHENTICATION" });
    expect(issue?.path).toBe("category");
    expect(issue?.message).toMatch(/WhatsApp Manager/);
  });

  it("checks the text header: length, one variable, its example", () => {
    expect(pathsOf({ ...valid, header: { format: "TEXT", text: "x".repeat(61) } })).toEqual(["header.text"]);
    expect(pathsOf({ ...valid, header: { format: "TEXT", text: "{{1}} e {{2}}", example: "a" } })).toEqual(["header.text"]);
    expect(pathsOf({ ...valid, header: { format: "TEXT", text: "Oi {{1}}" } })).toEqual(["header.example"]);
    expect(pathsOf({ ...valid, header: { format: "TEXT", text: "linha\noutra" } })).toEqual(["header.text"]);
  });

  it("accepts media and location headers, refusing an unknown format", () => {
    for (const format of ["IMAGE", "VIDEO", "DOCUMENT"] as const)
      expect(pathsOf({ ...valid, header: { format, exampleUrl: "https://cdn.example.com/x" } })).toEqual([]);
    expect(pathsOf({ ...valid, header: { format: "LOCATION" } })).toEqual([]);
    expect(pathsOf({ ...valid, header: { format: "GIF" } as unknown as TemplateDefinition["header"] })).toEqual(["header.format"]);
    expect(pathsOf({ ...valid, header: { format: "IMAGE", exampleUrl: "not a url" } })).toEqual(["header.exampleUrl"]);
  });

  it("checks the body's length and variables", () => {
    expect(pathsOf(withBody(""))).toEqual(["body.text"]);
    expect(pathsOf(withBody("x".repeat(1025)))).toEqual(["body.text"]);
    expect(pathsOf(withBody("x".repeat(1024)))).toEqual([]);
    expect(pathsOf(withBody("{{1}} abre o texto", ["a"]))).toEqual(["body.text"]);
    expect(pathsOf(withBody("o texto fecha com {{1}}", ["a"]))).toEqual(["body.text"]);
    expect(pathsOf(withBody("Oi {{1}} e {{3}}!", ["a", "b"]))).toEqual(["body.text"]);
    expect(pathsOf(withBody("Oi {{1}} e {{first}}!", ["a"]))).toContain("body.text");
    expect(pathsOf(withBody("Oi {{1} ok", []))).toEqual(["body.text"]);
    expect(pathsOf(withBody("Oi {{first name}} ok", { "first name": "x" }, "NAMED"))).toEqual(["body.text"]);
    expect(pathsOf(withBody("Oi {{1}} ok", { a: "x" }, "NAMED"))).toContain("body.text");
  });

  it("the same positional variable used twice needs one example", () => {
    expect(pathsOf(withBody("Oi {{1}}, sim, {{1}}!", ["Lia"]))).toEqual([]);
  });

  it("requires an example for every body variable", () => {
    expect(pathsOf(withBody("Oi {{1}}, seu código {{2}} vale.", ["Lia"]))).toEqual(["body.examples.1"]);
    expect(pathsOf(withBody("Oi {{1}} ok", undefined))).toEqual(["body.examples.0"]);
    expect(pathsOf(withBody("Oi {{nome}}, pedido {{pedido}} ok", { nome: "Lia" }, "NAMED"))).toEqual(["body.examples.pedido"]);
    expect(pathsOf(withBody("Oi {{nome}} ok", ["Lia"], "NAMED"))).toEqual(["body.examples"]);
  });

  it("checks the footer", () => {
    expect(pathsOf({ ...valid, footer: { text: "x".repeat(61) } })).toEqual(["footer.text"]);
    expect(pathsOf({ ...valid, footer: { text: "Oi {{1}}" } })).toEqual(["footer.text"]);
  });

  it("checks button counts per kind and in total", () => {
    const quick = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "QUICK_REPLY" as const, text: `Opção ${i}` }));
    expect(pathsOf(withButtons(quick(10)))).toEqual([]);
    expect(pathsOf(withButtons(quick(11)))).toEqual(["buttons", "buttons"]);
    const url = { type: "URL" as const, text: "Site", url: "https://example.com" };
    expect(pathsOf(withButtons([url, url, url]))).toEqual(["buttons"]);
    const phone = { type: "PHONE_NUMBER" as const, text: "Ligar", phoneNumber: "+5511912345678" };
    expect(pathsOf(withButtons([phone, phone]))).toEqual(["buttons"]);
    const code = { type: "COPY_CODE" as const, example: "SALE25" };
    expect(pathsOf(withButtons([code, code]))).toEqual(["buttons"]);
  });

  it("requires quick replies to be grouped", () => {
    const url = { type: "URL" as const, text: "Site", url: "https://example.com" };
    expect(pathsOf(withButtons([url, { type: "QUICK_REPLY", text: "A" }, { type: "QUICK_REPLY", text: "B" }]))).toEqual([]);
    expect(pathsOf(withButtons([{ type: "QUICK_REPLY", text: "A" }, url, { type: "QUICK_REPLY", text: "B" }]))).toEqual(["buttons"]);
  });

  it("checks each button's fields", () => {
    expect(pathsOf(withButtons([{ type: "QUICK_REPLY", text: "x".repeat(26) }]))).toEqual(["buttons.0.text"]);
    expect(pathsOf(withButtons([{ type: "URL", text: "Site", url: "ftp://example.com" }]))).toEqual(["buttons.0.url"]);
    expect(pathsOf(withButtons([{ type: "URL", text: "Site", url: `https://example.com/${"a".repeat(2000)}` }]))).toEqual([
      "buttons.0.url",
    ]);
    expect(
      pathsOf(withButtons([{ type: "URL", text: "Site", url: "https://example.com/{{1}}/x", example: "https://example.com/a/x" }])),
    ).toEqual(["buttons.0.url"]);
    expect(
      pathsOf(withButtons([{ type: "URL", text: "Site", url: "https://example.com/{{1}}{{2}}", example: "https://e.com/a" }])),
    ).toContain("buttons.0.url");
    expect(pathsOf(withButtons([{ type: "URL", text: "Site", url: "https://example.com/{{1}}" }]))).toEqual(["buttons.0.example"]);
    expect(pathsOf(withButtons([{ type: "PHONE_NUMBER", text: "Ligar", phoneNumber: "ligue já" }]))).toEqual(["buttons.0.phoneNumber"]);
    expect(pathsOf(withButtons([{ type: "COPY_CODE", example: "CUPOM-MUITO-LONGO-16" }]))).toEqual(["buttons.0.example"]);
    expect(pathsOf(withButtons([{ type: "COPY_CODE", example: "" }]))).toEqual(["buttons.0.example"]);
    expect(pathsOf(withButtons([{ type: "FLOW", text: "Agendar", flowId: "abc" }]))).toEqual(["buttons.0.flowId"]);
    expect(
      pathsOf(withButtons([{ type: "FLOW", text: "Agendar", flowId: "123", flowAction: "navigate", navigateScreen: "START" }])),
    ).toEqual([]);
  });
});

describe("toCreationComponents", () => {
  it("writes Meta's creation components with examples", () => {
    expect(toCreationComponents(valid)).toEqual([
      { type: "HEADER", format: "TEXT", text: "Consulta de {{1}}", example: { header_text: ["Lia"] } },
      { type: "BODY", text: "Olá, {{1}}! Sua consulta é {{2}}. Até lá!", example: { body_text: [["Lia", "amanhã"]] } },
      { type: "FOOTER", text: "Clínica Sol" },
      {
        type: "BUTTONS",
        buttons: [
          {
            type: "URL",
            text: "Ver agendamento",
            url: "https://agenda.example.com/c/{{1}}",
            example: ["https://agenda.example.com/c/A-1"],
          },
          { type: "PHONE_NUMBER", text: "Ligar", phone_number: "+5511912345678" },
          { type: "QUICK_REPLY", text: "Confirmar" },
          { type: "QUICK_REPLY", text: "Remarcar" },
        ],
      },
    ]);
  });

  it("writes named examples, media and location headers, copy-code and flow buttons", () => {
    const components = toCreationComponents({
      ...withBody("Oi {{nome}}, use o cupom.", { nome: "Lia" }, "NAMED"),
      header: { format: "IMAGE", exampleUrl: "4::handle" },
      buttons: [
        { type: "COPY_CODE", example: "SALE25" },
        { type: "FLOW", text: "Agendar", flowId: "123", flowAction: "navigate", navigateScreen: "START" },
      ],
    });
    expect(components).toEqual([
      { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::handle"] } },
      { type: "BODY", text: "Oi {{nome}}, use o cupom.", example: { body_text_named_params: [{ param_name: "nome", example: "Lia" }] } },
      {
        type: "BUTTONS",
        buttons: [
          { type: "COPY_CODE", example: "SALE25" },
          { type: "FLOW", text: "Agendar", flow_id: "123", flow_action: "navigate", navigate_screen: "START" },
        ],
      },
    ]);
    expect(toCreationComponents({ ...withBody("Venha"), header: { format: "LOCATION" } })[0]).toEqual({
      type: "HEADER",
      format: "LOCATION",
    });
  });
});
