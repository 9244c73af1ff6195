import { describe, expect, it } from "vitest";
import { buildTemplate } from "../../../testing/data-generators.ts";
import { fillTemplate, templateSendComponents, templateVariables } from "./template-params.ts";

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

    expect(templateSendComponents(withButton, values)).toEqual([
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

    expect(templateSendComponents(template, {}, { mediaId: "m-1", filename: "boleto.pdf" })).toEqual([
      { type: "header", parameters: [{ type: "document", mediaId: "m-1", filename: "boleto.pdf" }] },
    ]);
  });
});

describe("fillTemplate", () => {
  it("when a value is missing, its placeholder stays in the preview", () => {
    expect(fillTemplate("Olá {{1}}, até {{2}}", "body", { "body:1": "Lia" })).toBe("Olá Lia, até {{2}}");
  });
});
