import { describe, expect, it } from "vitest";
import { ApiError } from "../../../lib/api-client.ts";
import { checkDraft, emptyDraft, newButton, nextPlaceholder, type TemplateDraft, toCreateInput, toTemplateName } from "./draft.ts";
import { serverIssuesOf } from "./server-errors.ts";

const draft = (patch: Partial<TemplateDraft>): TemplateDraft => ({
  ...emptyDraft(),
  name: "pedido_enviado",
  body: "Olá, seu pedido saiu.",
  ...patch,
});
const keys = (d: TemplateDraft) => Object.fromEntries(Object.entries(checkDraft(d)).map(([field, issue]) => [field, issue.key]));

describe("template draft", () => {
  it("when a name is typed, it becomes Meta's lower_snake form", () => {
    expect(toTemplateName("Pedido Enviado – Confirmação")).toBe("pedido_enviado_confirmacao");
    expect(toTemplateName("  Olá  mundo")).toBe("ola_mundo");
  });

  it("when a variable is added, it continues the numbering or uses the typed name", () => {
    expect(nextPlaceholder("Oi {{1}}, pedido {{2}}", "POSITIONAL", "")).toBe("{{3}}");
    expect(nextPlaceholder("", "POSITIONAL", "")).toBe("{{1}}");
    expect(nextPlaceholder("Oi {{first_name}}", "NAMED", "Order Id")).toBe("{{order_id}}");
  });

  it("when the body breaks Meta's variable rules, the check names the rule", () => {
    expect(keys(draft({ body: "Oi {{1}}, pedido {{3}} ok", bodyExamples: { 1: "a", 3: "b" } }))["body.text"]).toBe(
      "templates-admin.check.variable-sequence",
    );
    expect(keys(draft({ body: "Oi {{1}} e {{nome}} ok" }))["body.text"]).toBe("templates-admin.check.variable-mixed");
    expect(keys(draft({ body: "Oi {{Nome}} ok" }))["body.text"]).toBe("templates-admin.check.variable-format");
    expect(keys(draft({ body: "{{1}}, seu pedido saiu", bodyExamples: { 1: "Lia" } }))["body.text"]).toBe(
      "templates-admin.check.variable-edge",
    );
    expect(keys(draft({ body: "Oi {{first_name}}!" }))["body.text"]).toBe("templates-admin.check.variable-positional-expected");
    expect(keys(draft({ body: "Oi {{1}}, tudo bem?" }))["body.example.1"]).toBe("templates-admin.check.example-required");
  });

  it("when lengths and buttons pass Meta's limits, the check says so", () => {
    expect(keys(draft({ headerFormat: "TEXT", headerText: "x".repeat(61) }))["header.text"]).toBe("templates-admin.check.too-long");
    expect(keys(draft({ footer: "y".repeat(61) }))["footer.text"]).toBe("templates-admin.check.too-long");
    const quick = () => ({ ...newButton("QUICK_REPLY"), text: "Sim" });
    const link = { ...newButton("URL"), text: "Ver", url: "https://loja.example/{{1}}/x" };
    expect(keys(draft({ buttons: [quick(), link, quick()] })).buttons).toBe("templates-admin.check.buttons-grouped");
    expect(keys(draft({ buttons: [link] }))["buttons.0.url"]).toBe("templates-admin.check.url-variable");
    expect(keys(draft({ buttons: [{ ...newButton("COPY_CODE"), example: "1234567890123456" }] }))["buttons.0.example"]).toBe(
      "templates-admin.check.too-long",
    );
    expect(keys(draft({ buttons: [{ ...newButton("FLOW"), text: "Agendar", flowId: "abc" }] }))["buttons.0.flowId"]).toBe(
      "templates-admin.check.flow-id",
    );
    expect(checkDraft(draft({ buttons: [quick(), quick()] }))).toEqual({});
  });

  it("when the category is authentication or the language code is not Meta's, the check refuses like the server", () => {
    expect(keys(draft({ category: "AUTHENTICATION" })).category).toBe("templates-admin.check.authentication");
    expect(keys(draft({ language: "pt-BR" })).language).toBe("templates-admin.check.language");
    expect(keys(draft({ language: "es_MX" })).language).toBeUndefined();
    // Spaces inside the braces are tolerated, as on the server.
    expect(checkDraft(draft({ body: "Oi {{ 1 }}, tudo bem?", bodyExamples: { 1: "Lia" } }))).toEqual({});
  });

  it("when the draft is valid, the request carries Meta's parts with the examples in order", () => {
    const input = toCreateInput(
      draft({
        headerFormat: "TEXT",
        headerText: "Pedido {{1}}",
        headerExample: "#123",
        body: "Oi {{1}}, seu pedido {{2}} saiu.",
        bodyExamples: { 2: "#123", 1: "Lia" },
        footer: "Loja Exemplo",
        buttons: [{ ...newButton("URL"), text: "Rastrear", url: "https://loja.example/r/{{1}}", example: "https://loja.example/r/123" }],
      }),
      "ch-1",
    );
    expect(input).toEqual({
      channelId: "ch-1",
      name: "pedido_enviado",
      category: "UTILITY",
      language: "pt_BR",
      parameterFormat: "POSITIONAL",
      header: { format: "TEXT", text: "Pedido {{1}}", example: "#123" },
      body: { text: "Oi {{1}}, seu pedido {{2}} saiu.", examples: ["Lia", "#123"] },
      footer: { text: "Loja Exemplo" },
      buttons: [{ type: "URL", text: "Rastrear", url: "https://loja.example/r/{{1}}", example: "https://loja.example/r/123" }],
    });
  });

  it("when the server refuses a path, it lands on the form's field", () => {
    const known = new Set(["name", "body.text", "body.example.1", "body.example.2", "buttons.0.text", "buttons.0.url"]);
    const invalid = (details: unknown) => new ApiError({ code: "templates.invalid", status: 422, message: "invalid", details });
    expect(
      serverIssuesOf(invalid({ field: "buttons.0.url", issues: [{ path: "buttons[0].url", message: "bad url" }] }), known, []).fields,
    ).toEqual({
      "buttons.0.url": "bad url",
    });
    expect(serverIssuesOf(invalid({ issues: [{ path: "body.examples.1", message: "missing" }] }), known, ["1", "2"]).fields).toEqual({
      "body.example.2": "missing",
    });
    const request = new ApiError({
      code: "request.invalid",
      status: 400,
      message: "x",
      details: { issues: [{ field: "body.name", message: "bad" }] },
    });
    expect(serverIssuesOf(request, known, []).fields).toEqual({ name: "bad" });
    const other = new ApiError({ code: "templates.whatsapp_error", status: 502, message: "Meta said no" });
    expect(serverIssuesOf(other, known, []).unplaced).toBe(other);
  });
});
