import { describe, expect, it } from "vitest";
import { buildTemplate } from "../../../testing/data-generators.ts";
import {
  amount1000Of,
  defaultCurrency,
  displayValues,
  fillTemplate,
  isTemplateComplete,
  templateSendComponents,
  templateVariables,
} from "./template-params.ts";

const withButton = buildTemplate({
  components: [
    { type: "HEADER", format: "TEXT", text: "Pedido {{1}}" },
    { type: "BODY", text: "Olá {{2}} e {{1}}, de novo {{1}}.", example: { body_text: [["Lia", "Rui"]] } },
    {
      type: "BUTTONS",
      buttons: [
        { type: "QUICK_REPLY", text: "Ok" },
        { type: "URL", text: "Ver", url: "https://x.example/p/{{1}}" },
      ],
    },
  ],
});

describe("templateVariables", () => {
  it("when variables repeat, each is asked once, by number, with Meta's example as a hint", () => {
    expect(templateVariables(withButton).map((v) => [v.part, v.name, v.example, v.buttonIndex])).toEqual([
      ["header", "1", undefined, undefined],
      ["body", "1", "Lia", undefined],
      ["body", "2", "Rui", undefined],
      ["button", "1", undefined, 1],
    ]);
  });

  it("when a header is an image, it asks for no text variable", () => {
    const template = buildTemplate({
      components: [
        { type: "HEADER", format: "IMAGE" },
        { type: "BODY", text: "Oi" },
      ],
    });

    expect(templateVariables(template)).toEqual([]);
  });
});

describe("templateSendComponents", () => {
  it("when every value is filled, header, body and the URL button are sent in Meta's order", () => {
    const values = { "header:1": "A-7", "body:1": "Lia", "body:2": "Rui", "button1:1": "A-7" };

    expect(templateSendComponents(withButton, { values })).toEqual([
      { type: "header", parameters: [{ type: "text", text: "A-7" }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "Lia" },
          { type: "text", text: "Rui" },
        ],
      },
      { type: "button", subType: "url", index: 1, text: "A-7" },
    ]);
  });

  it("when the header is a document, the uploaded file goes in the header with its name", () => {
    const template = buildTemplate({
      components: [
        { type: "HEADER", format: "DOCUMENT" },
        { type: "BODY", text: "Segue" },
      ],
    });

    expect(templateSendComponents(template, { values: {} }, { mediaId: "m-1", filename: "boleto.pdf" })).toEqual([
      { type: "header", parameters: [{ type: "document", mediaId: "m-1", filename: "boleto.pdf" }] },
    ]);
  });
});

describe("fillTemplate", () => {
  it("when a value is missing, its placeholder stays in the preview", () => {
    expect(fillTemplate("Olá {{1}}, até {{2}}", "body", { "body:1": "Lia" })).toBe("Olá Lia, até {{2}}");
  });
});

describe("typed parameters", () => {
  const invoice = buildTemplate({
    name: "fatura",
    language: "pt_BR",
    components: [{ type: "BODY", text: "Sua fatura de {{1}} vence em {{2}}. Código {{3}}." }],
  });
  const location = buildTemplate({
    name: "retirada",
    components: [
      { type: "HEADER", format: "LOCATION" },
      { type: "BODY", text: "Retire seu pedido aqui, {{nome}}." },
    ],
  });
  const blankPin = { latitude: "", longitude: "", name: "", address: "" };

  it("when a body variable is an amount, it is sent as Meta's currency with amount × 1000 and a formatted fallback", () => {
    const components = templateSendComponents(invoice, {
      values: { "body:1": "1234.5", "body:2": "2026-03-10T14:30", "body:3": "A-7" },
      kinds: { "body:1": "currency", "body:2": "date_time" },
    });

    const [amount, date, code] = (components[0] as { parameters: unknown[] }).parameters as Array<Record<string, unknown>>;
    expect(amount).toEqual({
      type: "currency",
      code: "BRL",
      amount1000: 1_234_500,
      fallbackValue: expect.stringMatching(/^R\$\s1\.234,50$/),
    });
    expect(date).toEqual({ type: "date_time", fallbackValue: expect.stringContaining("10 de março de 2026") });
    expect(date?.fallbackValue).toContain("14:30");
    expect(code).toEqual({ type: "text", text: "A-7" });
  });

  it("when the agent picks another currency, its code and format are used", () => {
    const values = displayValues(invoice, {
      values: { "body:1": "20", "body:2": "", "body:3": "" },
      kinds: { "body:1": "currency" },
      currencies: { "body:1": "USD" },
    });

    expect(values["body:1"]).toMatch(/^US\$\s20,00$/);
    expect(values).not.toHaveProperty("body:2");
  });

  it("when a template is in Mexican Spanish, amounts default to pesos", () => {
    expect(defaultCurrency({ language: "es_MX" })).toBe("MXN");
    expect(defaultCurrency({ language: "pt_BR" })).toBe("BRL");
    expect(defaultCurrency({ language: "xx" })).toBe("BRL");
  });

  it("when an amount is typed with a comma, or is not a number, it is read as such", () => {
    expect(amount1000Of("49,9")).toBe(49_900);
    expect(amount1000Of("0.005")).toBe(5);
    expect(amount1000Of("-3")).toBeUndefined();
    expect(amount1000Of("dez")).toBeUndefined();
  });

  it("when a variable is a date without a time, the template is not complete", () => {
    const inputs = { values: { "body:1": "10", "body:2": "2026-03-10", "body:3": "x" }, kinds: { "body:2": "date_time" as const } };

    expect(isTemplateComplete(invoice, inputs)).toBe(false);
  });

  it("when the header is a location, it is sent first with its coordinates, name and address", () => {
    const inputs = {
      values: { "body:nome": "Lia" },
      location: { latitude: "-23.5614", longitude: "-46.6559", name: "Loja Paulista", address: "Av. Paulista, 1000" },
    };

    expect(isTemplateComplete(location, inputs)).toBe(true);
    expect(templateSendComponents(location, inputs)).toEqual([
      {
        type: "header",
        parameters: [{ type: "location", latitude: -23.5614, longitude: -46.6559, name: "Loja Paulista", address: "Av. Paulista, 1000" }],
      },
      { type: "body", parameters: [{ type: "text", text: "Lia", parameterName: "nome" }] },
    ]);
  });

  it("when a location's latitude is out of range or missing, the template is not complete", () => {
    const values = { "body:nome": "Lia" };

    expect(isTemplateComplete(location, { values, location: { ...blankPin, latitude: "95", longitude: "10" } })).toBe(false);
    expect(isTemplateComplete(location, { values, location: { ...blankPin, longitude: "10" } })).toBe(false);
  });
});
