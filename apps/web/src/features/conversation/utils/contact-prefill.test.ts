import { describe, expect, it } from "vitest";
import { contactPrefill } from "./contact-prefill.ts";
import type { TemplateVariable } from "./template-params.ts";

const body = (name: string): TemplateVariable => ({ part: "body", name, positional: /^\d+$/.test(name) });

describe("contactPrefill", () => {
  it("when a named variable is called like a name, it gets the contact's first or whole name", () => {
    const variables = [body("first_name"), body("nome"), body("pedido")];
    expect(contactPrefill(variables, { body: "{{first_name}} {{nome}} {{pedido}}" }, { name: "Lia Souza" })).toEqual({
      "body:first_name": "Lia",
      "body:nome": "Lia Souza",
    });
  });

  it("when a positional variable follows a greeting, it gets the first name; others stay empty", () => {
    const variables = [body("1"), body("2")];
    expect(contactPrefill(variables, { body: "Olá {{1}}, sua consulta na {{2}} está confirmada." }, { name: "Lia Souza" })).toEqual({
      "body:1": "Lia",
    });
    expect(contactPrefill(variables, { body: "Hi, {{1}}! Your order {{2}} shipped." }, { name: "Lia Souza" })).toEqual({ "body:1": "Lia" });
    expect(contactPrefill(variables, { body: "O pedido foi {{1}} em {{2}}" }, { name: "Lia Souza" })).toEqual({});
  });

  it("when the contact has no name, nothing is filled", () => {
    expect(contactPrefill([body("name")], { body: "{{name}}" }, { name: null })).toEqual({});
    expect(contactPrefill([body("name")], { body: "{{name}}" }, null)).toEqual({});
  });

  it("when a button has a variable called name, it is left alone (a URL suffix is not a name)", () => {
    expect(contactPrefill([{ part: "button", name: "name", positional: false, buttonIndex: 0 }], {}, { name: "Lia" })).toEqual({});
  });
});
