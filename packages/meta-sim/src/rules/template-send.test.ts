import { describe, expect, it } from "vitest";
import { SEED_TEMPLATES } from "../seed/templates.ts";
import type { TemplateRecord } from "../state.ts";
import { checkTemplateSend } from "./template-send.ts";

const templates: TemplateRecord[] = SEED_TEMPLATES.map((seed, i) => ({ ...structuredClone(seed), id: String(1000 + i), wabaId: "w" }));
const text = (value: string, name?: string) => ({ type: "text", text: value, ...(name ? { parameter_name: name } : {}) });

describe("template send check", () => {
  it("when the language differs from the approved translation, the send fails with 132001", () => {
    const check = checkTemplateSend({ templates, request: { name: "hello_world", languageCode: "en", components: [] } });

    expect(!check.ok && check.failure.code).toBe(132001);
  });

  it("when the template is paused, the send fails with 132015", () => {
    const check = checkTemplateSend({
      templates,
      request: { name: "oferta_natal", languageCode: "pt_BR", components: [{ type: "body", parameters: [text("Lia")] }] },
    });

    expect(!check.ok && check.failure.code).toBe(132015);
  });

  it("when the template is disabled, the send fails with 132016", () => {
    const check = checkTemplateSend({ templates, request: { name: "aviso_cadastro_antigo", languageCode: "pt_BR", components: [] } });

    expect(!check.ok && check.failure.code).toBe(132016);
  });

  it("when the body has fewer parameters than placeholders, the send fails with 132000", () => {
    const check = checkTemplateSend({
      templates,
      request: {
        name: "lembrete_consulta",
        languageCode: "pt_BR",
        components: [
          { type: "body", parameters: [text("Lia")] },
          { type: "button", sub_type: "url", index: 0, parameters: [text("A-1")] },
        ],
      },
    });

    expect(!check.ok && check.failure.code).toBe(132000);
  });

  it("when a dynamic URL button gets no parameter, the send fails with 131008", () => {
    const check = checkTemplateSend({
      templates,
      request: {
        name: "lembrete_consulta",
        languageCode: "pt_BR",
        components: [{ type: "body", parameters: [text("Lia"), text("Clínica"), text("10/07")] }],
      },
    });

    expect(!check.ok && check.failure.code).toBe(131008);
  });

  it("when a named template is sent with a wrong parameter name, the send fails with 132000 naming the missing one", () => {
    const check = checkTemplateSend({
      templates,
      request: {
        name: "pedido_enviado",
        languageCode: "pt_BR",
        components: [{ type: "body", parameters: [text("Lia", "nome"), text("#1", "pedido"), text("2d", "prazoo")] }],
      },
    });

    expect(!check.ok && check.failure).toMatchObject({ code: 132000, details: expect.stringContaining("prazo") });
  });

  it("when an image-header template gets no header image, the send fails with 132012", () => {
    const check = checkTemplateSend({
      templates,
      request: { name: "promo_relampago", languageCode: "pt_BR", components: [{ type: "body", parameters: [text("Lia"), text("30%")] }] },
    });

    expect(!check.ok && check.failure.code).toBe(132012);
  });

  it("when every parameter matches, the template is accepted", () => {
    const check = checkTemplateSend({
      templates,
      request: {
        name: "pedido_enviado",
        languageCode: "pt_BR",
        components: [{ type: "body", parameters: [text("Lia", "nome"), text("#4721", "pedido"), text("sexta", "prazo")] }],
      },
    });

    expect(check.ok && check.template.category).toBe("UTILITY");
  });
});
