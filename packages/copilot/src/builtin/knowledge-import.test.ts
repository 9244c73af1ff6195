import { describe, expect, it } from "vitest";
import { parseKnowledgeImport } from "./knowledge-import.ts";

describe("parseKnowledgeImport (markdown)", () => {
  it("makes one article per # / ## heading with the metadata lines that follow it", () => {
    const text = [
      "# Prazo de entrega",
      "tags: entrega, frete; prazo",
      "perguntas: cadê meu pedido? | quando chega",
      "language: pt-BR",
      "",
      "Entregamos em até **5 dias úteis**.",
      "",
      "### Regiões Norte",
      "Até 10 dias.",
      "## Shipping times",
      "phrasings: where is my order",
      "Language: en",
      "We ship in 5 business days.",
      "tags: not metadata any more",
    ].join("\n");
    const { articles, errors } = parseKnowledgeImport(text, "markdown");
    expect(errors).toEqual([]);
    expect(articles).toEqual([
      {
        title: "Prazo de entrega",
        body: "Entregamos em até **5 dias úteis**.\n\n### Regiões Norte\nAté 10 dias.",
        tags: ["entrega", "frete", "prazo"],
        phrasings: ["cadê meu pedido?", "quando chega"],
        language: "pt",
      },
      {
        title: "Shipping times",
        body: "We ship in 5 business days.\ntags: not metadata any more",
        tags: [],
        phrasings: ["where is my order"],
        language: "en",
      },
    ]);
  });

  it("reports text before the first heading, empty articles and unknown languages by line, keeping good articles", () => {
    const text = "intro sem título\n# Vazio\n\n# Bom\nlanguage: klingon\ncorpo\n```\n# not a heading\n```";
    const { articles, errors } = parseKnowledgeImport(text, "markdown");
    expect(errors).toEqual([
      { line: 1, message: expect.stringMatching(/^title:/) },
      { line: 2, message: expect.stringMatching(/^body:/) },
      { line: 5, message: expect.stringMatching(/^language: unknown language "klingon"/) },
    ]);
    expect(articles).toHaveLength(1);
    expect(articles[0]?.title).toBe("Bom");
    expect(articles[0]?.body).toBe("corpo\n```\n# not a heading\n```");
    expect(articles[0]?.language).toBeNull();
  });

  it("accepts CRLF line ends and a BOM", () => {
    const { articles } = parseKnowledgeImport("\uFEFF# Horário\r\ntags: horario\r\nDas 9h às 18h.\r\n", "markdown");
    expect(articles).toEqual([{ title: "Horário", body: "Das 9h às 18h.", tags: ["horario"], phrasings: [], language: null }]);
  });
});

describe("parseKnowledgeImport (csv)", () => {
  it("parses RFC 4180 quoting: commas, doubled quotes and line breaks inside fields", () => {
    const text = [
      "\uFEFFtitle,body,tags,phrasings,language",
      'Trocas,"Você pode trocar em até 7 dias, sem custo.\nLeve a nota ""fiscal"".","troca;devolução, prazo","quero trocar|como devolvo",pt',
      "Hours,We open 9-18,hours,when do you open,en",
      "Sin idioma,Cuerpo,,,",
    ].join("\r\n");
    const { articles, errors } = parseKnowledgeImport(text, "csv");
    expect(errors).toEqual([]);
    expect(articles).toEqual([
      {
        title: "Trocas",
        body: 'Você pode trocar em até 7 dias, sem custo.\nLeve a nota "fiscal".',
        tags: ["troca", "devolução, prazo"],
        phrasings: ["quero trocar", "como devolvo"],
        language: "pt",
      },
      { title: "Hours", body: "We open 9-18", tags: ["hours"], phrasings: ["when do you open"], language: "en" },
      { title: "Sin idioma", body: "Cuerpo", tags: [], phrasings: [], language: null },
    ]);
  });

  it("counts lines across quoted line breaks when reporting errors, naming the column", () => {
    const text = ["title,body,language", 'A,"linha 1', 'linha 2",pt', ",sem título,pt", "B,,es", "C,corpo,fr"].join("\n");
    const { articles, errors } = parseKnowledgeImport(text, "csv");
    expect(articles.map((a) => a.title)).toEqual(["A"]);
    expect(errors).toEqual([
      { line: 4, message: expect.stringMatching(/^title:/) },
      { line: 5, message: expect.stringMatching(/^body:/) },
      { line: 6, message: expect.stringMatching(/^language:/) },
    ]);
  });

  it("accepts a semicolon-separated spreadsheet export and pt header names, in any column order", () => {
    const { articles, errors } = parseKnowledgeImport("idioma;titulo;texto\npt;Pix;Aceitamos Pix, cartão e boleto.", "csv");
    expect(errors).toEqual([]);
    expect(articles).toEqual([{ title: "Pix", body: "Aceitamos Pix, cartão e boleto.", tags: [], phrasings: [], language: "pt" }]);
  });

  it("rejects a header without title/body and reports an unclosed quote", () => {
    expect(parseKnowledgeImport("name,text\nx,y", "csv").errors).toEqual([{ line: 1, message: expect.stringMatching(/^title:/) }]);
    const unclosed = parseKnowledgeImport('title,body\nA,ok\nB,"never closed\nC,z', "csv");
    expect(unclosed.articles.map((a) => a.title)).toEqual(["A"]);
    expect(unclosed.errors).toEqual([{ line: 3, message: expect.stringMatching(/^body: a quoted field is never closed/) }]);
    expect(parseKnowledgeImport("", "csv").errors).toHaveLength(1);
  });
});
