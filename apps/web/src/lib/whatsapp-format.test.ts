import { describe, expect, it } from "vitest";
import { parseWhatsAppFormat } from "./whatsapp-format.ts";

describe("parseWhatsAppFormat", () => {
  it("when text has no markers, it is one text node", () => {
    expect(parseWhatsAppFormat("Olá, tudo bem?")).toEqual([{ type: "text", text: "Olá, tudo bem?" }]);
  });

  it("when a word is wrapped in *, _ or ~, it becomes bold, italic or strike", () => {
    expect(parseWhatsAppFormat("a *b* _c_ ~d~")).toEqual([
      { type: "text", text: "a " },
      { type: "bold", children: [{ type: "text", text: "b" }] },
      { type: "text", text: " " },
      { type: "italic", children: [{ type: "text", text: "c" }] },
      { type: "text", text: " " },
      { type: "strike", children: [{ type: "text", text: "d" }] },
    ]);
  });

  it("when styles nest, the tree nests", () => {
    expect(parseWhatsAppFormat("*_both_*")).toEqual([
      { type: "bold", children: [{ type: "italic", children: [{ type: "text", text: "both" }] }] },
    ]);
  });

  it("when a marker sits inside a word or before a space, it stays literal", () => {
    expect(parseWhatsAppFormat("2 * 3 * 4 and snake_case_name")).toEqual([{ type: "text", text: "2 * 3 * 4 and snake_case_name" }]);
  });

  it("when a marker is never closed, it stays literal", () => {
    expect(parseWhatsAppFormat("*unclosed")).toEqual([{ type: "text", text: "*unclosed" }]);
  });

  it("when a style would cross a line break, it stays literal", () => {
    expect(parseWhatsAppFormat("*one\ntwo*")).toEqual([{ type: "text", text: "*one\ntwo*" }]);
  });

  it("when text is fenced with ```, its content is monospace and literal, even across lines", () => {
    expect(parseWhatsAppFormat("see ```*not bold*\nx``` ok")).toEqual([
      { type: "text", text: "see " },
      { type: "mono", text: "*not bold*\nx" },
      { type: "text", text: " ok" },
    ]);
  });

  it("when text holds an http(s) URL, it becomes a link without the sentence's trailing punctuation", () => {
    expect(parseWhatsAppFormat("Veja https://exemplo.com.br/pedido?id=1. Obrigado")).toEqual([
      { type: "text", text: "Veja " },
      { type: "link", href: "https://exemplo.com.br/pedido?id=1", text: "https://exemplo.com.br/pedido?id=1" },
      { type: "text", text: ". Obrigado" },
    ]);
  });

  it("when a URL is in parentheses, the closing parenthesis is not part of it", () => {
    const nodes = parseWhatsAppFormat("(https://a.example/x)");
    expect(nodes[1]).toEqual({ type: "link", href: "https://a.example/x", text: "https://a.example/x" });
  });

  it("when a link is bold, the link sits inside the bold node", () => {
    expect(parseWhatsAppFormat("*http://a.example*")).toEqual([
      { type: "bold", children: [{ type: "link", href: "http://a.example/", text: "http://a.example" }] },
    ]);
  });

  it("when text holds a javascript:, data: or ftp: URL, no link is made", () => {
    const text = "javascript:alert(1) data:text/html,<b>x</b> ftp://files.example";
    expect(parseWhatsAppFormat(text)).toEqual([{ type: "text", text }]);
  });

  it("when text holds HTML, it is kept as text", () => {
    expect(parseWhatsAppFormat("<img src=x onerror=alert(1)>")).toEqual([{ type: "text", text: "<img src=x onerror=alert(1)>" }]);
  });

  it("when an http URL has no host, no link is made", () => {
    expect(parseWhatsAppFormat("http:// nothing")).toEqual([{ type: "text", text: "http:// nothing" }]);
  });
});
