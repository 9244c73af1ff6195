import { describe, expect, it } from "vitest";
import { bindTemplate } from "./bind.ts";
import type { TemplateVariable } from "./mapping.ts";
import { variablesOf } from "./variables.ts";

const lia = { name: "Lia  Souza Lima", phone: "+5511912340001", email: "lia@example.com", attributes: { plano: "ouro", pontos: 120 } };

const reminder = {
  name: "lembrete_consulta",
  language: "pt_BR",
  parameterFormat: "POSITIONAL",
  components: [
    { type: "HEADER", format: "TEXT", text: "Lembrete, {{1}}" },
    { type: "BODY", text: "Olá, {{1}}! Sua consulta na {{2}} está marcada para {{3}}." },
    {
      type: "BUTTONS",
      buttons: [{ type: "URL", text: "Ver", url: "https://agenda.example.com/consulta/{{1}}" }],
    },
  ],
};

const shipped = {
  name: "pedido_enviado",
  language: "pt_BR",
  parameterFormat: "NAMED",
  components: [
    { type: "BODY", text: "Olá, {{first_name}}! Seu pedido {{pedido}} chega até {{prazo}}." },
    { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Falar com atendente" }] },
  ],
};

const mediaTemplate = (format: string) => ({
  name: "promo",
  language: "pt_BR",
  components: [
    { type: "HEADER", format },
    { type: "BODY", text: "Oferta de hoje" },
  ],
});

describe("bindTemplate", () => {
  it("fills positional header, body and URL suffix from contact fields, attributes, CSV columns and fixed text", () => {
    const result = bindTemplate({
      template: reminder,
      mapping: {
        "header.1": { source: "contact", field: "first_name" },
        "body.1": { source: "contact", field: "name" },
        "body.2": { source: "csv", column: "clinica" },
        "body.3": { source: "attribute", attribute: "pontos" },
        "button.0": { source: "fixed", value: "A-1193" },
      },
      contact: lia,
      row: { clinica: "Clínica Sol" },
    });
    expect(result).toEqual({
      ok: true,
      body: {
        type: "template",
        name: "lembrete_consulta",
        language: "pt_BR",
        components: [
          { type: "header", parameters: [{ type: "text", text: "Lia" }] },
          {
            type: "body",
            parameters: [
              { type: "text", text: "Lia  Souza Lima" },
              { type: "text", text: "Clínica Sol" },
              { type: "text", text: "120" },
            ],
          },
          { type: "button", subType: "url", index: 0, text: "A-1193" },
        ],
      },
    });
  });

  it("names the parameters of a NAMED template and defaults a quick reply's payload to its label", () => {
    const result = bindTemplate({
      template: shipped,
      mapping: {
        "body.first_name": { source: "contact", field: "first_name" },
        "body.pedido": { source: "csv", column: "pedido" },
        "body.prazo": { source: "fixed", value: "sexta-feira" },
      },
      contact: lia,
      row: { pedido: "#4721" },
    });
    expect(result).toEqual({
      ok: true,
      body: {
        type: "template",
        name: "pedido_enviado",
        language: "pt_BR",
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Lia", parameterName: "first_name" },
              { type: "text", text: "#4721", parameterName: "pedido" },
              { type: "text", text: "sexta-feira", parameterName: "prazo" },
            ],
          },
          { type: "button", subType: "quick_reply", index: 0, payload: "Falar com atendente" },
        ],
      },
    });
  });

  it("uses a mapped quick-reply payload over the label", () => {
    const result = bindTemplate({
      template: shipped,
      mapping: {
        "body.first_name": { source: "fixed", value: "Lia" },
        "body.pedido": { source: "fixed", value: "1" },
        "body.prazo": { source: "fixed", value: "hoje" },
        "button.0": { source: "fixed", value: "AGENT:pedido-1" },
      },
      contact: {},
    });
    expect(result.ok && result.body.components?.at(-1)).toEqual({
      type: "button",
      subType: "quick_reply",
      index: 0,
      payload: "AGENT:pedido-1",
    });
  });

  it("falls back when the contact, attribute or row lacks a value, and reports what is still missing", () => {
    const noName = { name: null, phone: "+5511912340001", attributes: {} };
    const fallbacks = bindTemplate({
      template: reminder,
      mapping: {
        "header.1": { source: "contact", field: "first_name", fallback: "cliente" },
        "body.1": { source: "contact", field: "email", fallback: "sem e-mail" },
        "body.2": { source: "attribute", attribute: "clinica", fallback: "Clínica" },
        "body.3": { source: "csv", column: "data", fallback: "em breve" },
        "button.0": { source: "contact", field: "phone" },
      },
      contact: noName,
      row: { data: "   " },
    });
    expect(fallbacks.ok && fallbacks.body.components).toEqual([
      { type: "header", parameters: [{ type: "text", text: "cliente" }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "sem e-mail" },
          { type: "text", text: "Clínica" },
          { type: "text", text: "em breve" },
        ],
      },
      { type: "button", subType: "url", index: 0, text: "+5511912340001" },
    ]);

    const missing = bindTemplate({
      template: reminder,
      mapping: {
        "header.1": { source: "contact", field: "first_name" },
        "body.1": { source: "attribute", attribute: "nada" },
        "body.2": { source: "fixed", value: "" },
      },
      contact: noName,
    });
    expect(missing).toEqual({ ok: false, missing: ["header.1", "body.1", "body.2", "body.3", "button.0"] });
  });

  it("cleans text Meta would refuse: new lines, tabs, long runs of spaces", () => {
    const result = bindTemplate({
      template: { name: "t", language: "pt_BR", components: [{ type: "BODY", text: "Nota: {{1}}" }] },
      mapping: { "body.1": { source: "attribute", attribute: "nota" } },
      contact: { attributes: { nota: "linha um\nlinha\tdois        fim " } },
    });
    expect(result.ok && result.body.components).toEqual([
      { type: "body", parameters: [{ type: "text", text: "linha um linha dois    fim" }] },
    ]);
  });

  it.each([
    ["IMAGE", "image"],
    ["VIDEO", "video"],
  ] as const)("a %s header takes a Papo media id or a link", (format, type) => {
    const mediaId = "0b6f8c1e-2a47-4e49-9d4c-1f3a5b7c9d11";
    const byId = bindTemplate({ template: mediaTemplate(format), mapping: { "header.media": { source: "media", mediaId } }, contact: {} });
    expect(byId.ok && byId.body.components).toEqual([{ type: "header", parameters: [{ type, mediaId }] }]);
    const byLink = bindTemplate({
      template: mediaTemplate(format),
      mapping: { "header.media": { source: "link", url: "https://cdn.example.com/x", filename: "ignored.jpg" } },
      contact: {},
    });
    expect(byLink.ok && byLink.body.components).toEqual([{ type: "header", parameters: [{ type, link: "https://cdn.example.com/x" }] }]);
  });

  it("a document header keeps the link's filename", () => {
    const result = bindTemplate({
      template: mediaTemplate("DOCUMENT"),
      mapping: { "header.media": { source: "link", url: "https://cdn.example.com/boleto.pdf", filename: "boleto.pdf" } },
      contact: {},
    });
    expect(result.ok && result.body.components).toEqual([
      { type: "header", parameters: [{ type: "document", link: "https://cdn.example.com/boleto.pdf", filename: "boleto.pdf" }] },
    ]);
  });

  it("a media header without media (or mapped to text) is missing", () => {
    expect(bindTemplate({ template: mediaTemplate("IMAGE"), mapping: {}, contact: {} })).toEqual({ ok: false, missing: ["header.media"] });
    expect(
      bindTemplate({ template: mediaTemplate("IMAGE"), mapping: { "header.media": { source: "fixed", value: "https://x" } }, contact: {} }),
    ).toEqual({ ok: false, missing: ["header.media"] });
  });

  it("a location header reads `lat,lng|name|address` and refuses anything else", () => {
    const template = {
      name: "loja",
      language: "pt_BR",
      components: [
        { type: "HEADER", format: "LOCATION" },
        { type: "BODY", text: "Venha" },
      ],
    };
    const full = bindTemplate({
      template,
      mapping: { "header.location": { source: "fixed", value: "-23.5613, -46.6565 | Loja Paulista | Av. Paulista, 1000" } },
      contact: {},
    });
    expect(full.ok && full.body.components).toEqual([
      {
        type: "header",
        parameters: [{ type: "location", latitude: -23.5613, longitude: -46.6565, name: "Loja Paulista", address: "Av. Paulista, 1000" }],
      },
    ]);
    const bare = bindTemplate({
      template,
      mapping: { "header.location": { source: "csv", column: "geo" } },
      contact: {},
      row: { geo: "1.5,2" },
    });
    expect(bare.ok && bare.body.components).toEqual([{ type: "header", parameters: [{ type: "location", latitude: 1.5, longitude: 2 }] }]);
    for (const value of ["perto", "91,10", "1"]) {
      expect(bindTemplate({ template, mapping: { "header.location": { source: "fixed", value } }, contact: {} })).toEqual({
        ok: false,
        missing: ["header.location"],
      });
    }
  });

  it("binds currency and date_time when the caller types the variables", () => {
    const template = {
      name: "fatura",
      language: "pt_BR",
      parameterFormat: "NAMED",
      components: [{ type: "BODY", text: "Sua fatura de {{valor}} vence {{vencimento}}. Total anual {{anual}}." }],
    };
    const variables: TemplateVariable[] = variablesOf(template).map((v) =>
      v.name === "vencimento" ? { ...v, kind: "date_time" } : { ...v, kind: "currency" },
    );
    const result = bindTemplate({
      template,
      variables,
      mapping: {
        "body.valor": { source: "fixed", value: "BRL 1.234,56" },
        "body.vencimento": { source: "fixed", value: "10 de julho" },
        "body.anual": { source: "csv", column: "anual" },
      },
      contact: {},
      row: { anual: "99.9 usd" },
    });
    expect(result.ok && result.body.components).toEqual([
      {
        type: "body",
        parameters: [
          { type: "currency", fallbackValue: "BRL 1.234,56", code: "BRL", amount1000: 1234560, parameterName: "valor" },
          { type: "date_time", fallbackValue: "10 de julho", parameterName: "vencimento" },
          { type: "currency", fallbackValue: "99.9 usd", code: "USD", amount1000: 99900, parameterName: "anual" },
        ],
      },
    ]);
    const bad = bindTemplate({
      template,
      variables,
      mapping: {
        "body.valor": { source: "fixed", value: "caro" },
        "body.vencimento": { source: "fixed", value: "x" },
        "body.anual": { source: "fixed", value: "1 real" },
      },
      contact: {},
    });
    expect(bad).toEqual({ ok: false, missing: ["body.valor", "body.anual"] });
  });

  it("fills copy-code and flow buttons; a flow token defaults to unused, a coupon never does", () => {
    const template = {
      name: "cupom",
      language: "pt_BR",
      components: [
        { type: "BODY", text: "Seu cupom chegou" },
        {
          type: "BUTTONS",
          buttons: [
            { type: "COPY_CODE", example: "SALE25" },
            { type: "FLOW", text: "Agendar", flow_id: "1" },
          ],
        },
      ],
    };
    const result = bindTemplate({
      template,
      mapping: { "button.0": { source: "attribute", attribute: "cupom" } },
      contact: { attributes: { cupom: " LIA10 " } },
    });
    expect(result.ok && result.body.components).toEqual([
      { type: "button", subType: "copy_code", index: 0, couponCode: "LIA10" },
      { type: "button", subType: "flow", index: 1, flowToken: "unused" },
    ]);
    const token = bindTemplate({
      template,
      mapping: { "button.0": { source: "fixed", value: "X" }, "button.1": { source: "csv", column: "token" } },
      contact: {},
      row: { token: "flow-abc" },
    });
    expect(token.ok && token.body.components?.[1]).toEqual({ type: "button", subType: "flow", index: 1, flowToken: "flow-abc" });
    expect(bindTemplate({ template, mapping: {}, contact: {} })).toEqual({ ok: false, missing: ["button.0"] });
  });

  it("a template without variables binds to a body without components", () => {
    const result = bindTemplate({
      template: {
        name: "hello_world",
        language: "en_US",
        components: [
          { type: "HEADER", format: "TEXT", text: "Hello World" },
          { type: "BODY", text: "Hi" },
        ],
      },
      mapping: {},
      contact: {},
    });
    expect(result).toEqual({ ok: true, body: { type: "template", name: "hello_world", language: "en_US" } });
  });

  it("first_name of a one-word or empty name", () => {
    const template = { name: "t", language: "pt_BR", components: [{ type: "BODY", text: "Oi {{1}}" }] };
    const mapping = { "body.1": { source: "contact" as const, field: "first_name" as const, fallback: "cliente" } };
    const one = bindTemplate({ template, mapping, contact: { name: "Rui" } });
    expect(one.ok && one.body.components).toEqual([{ type: "body", parameters: [{ type: "text", text: "Rui" }] }]);
    const blank = bindTemplate({ template, mapping, contact: { name: "  " } });
    expect(blank.ok && blank.body.components).toEqual([{ type: "body", parameters: [{ type: "text", text: "cliente" }] }]);
  });
});
