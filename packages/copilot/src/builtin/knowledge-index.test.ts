import { describe, expect, it } from "vitest";
import type { KnowledgeArticle } from "../types.ts";
import { createKnowledgeIndex } from "./knowledge-index.ts";
import { editDistance, queryWords } from "./knowledge-text.ts";

const article = (id: string, title: string, body: string, phrasings: string[], tags: string[], language: KnowledgeArticle["language"]) => ({
  id,
  title,
  body,
  phrasings,
  tags,
  language,
});

const articles: KnowledgeArticle[] = [
  article(
    "tracking",
    "Como rastrear meu pedido",
    "Acompanhe o pedido em Minha Conta > Meus Pedidos ou pelo link de rastreio enviado por e-mail.",
    ["cadê meu pedido?", "onde está minha encomenda", "qual o código de rastreio?"],
    ["pedido", "rastreio"],
    "pt",
  ),
  article(
    "delivery-time",
    "Prazo de entrega",
    "Capitais de 2 a 5 dias úteis, interior de 4 a 10 dias úteis.",
    ["quanto tempo demora pra chegar?", "em quantos dias chega"],
    ["entrega", "prazo"],
    "pt",
  ),
  article(
    "pix",
    "Pagamento com Pix",
    "Aceitamos Pix com 5% de desconto; o QR code vale 30 minutos.",
    ["aceita pix?", "como pago com pix"],
    ["pix"],
    "pt",
  ),
  article(
    "boleto",
    "Pagamento com boleto",
    "O boleto vence em 3 dias úteis.",
    ["segunda via do boleto", "o boleto venceu"],
    ["boleto"],
    "pt",
  ),
  article(
    "en-tracking",
    "Track your order",
    "Follow your order in My Account.",
    ["where is my order?", "track my parcel"],
    ["order", "tracking"],
    "en",
  ),
  article(
    "es-tracking",
    "Seguimiento del pedido",
    "Sigue tu pedido en Mi Cuenta.",
    ["¿dónde está mi pedido?"],
    ["pedido", "seguimiento"],
    "es",
  ),
  article(
    "hours",
    "Horário de atendimento / Opening hours",
    "Segunda a sexta, 9h às 18h. Monday to Friday, 9am to 6pm.",
    ["que horas vocês abrem?", "what are your opening hours"],
    ["horário", "hours"],
    null,
  ),
];

describe("createKnowledgeIndex", () => {
  const index = createKnowledgeIndex({ articles });

  it("finds the article however the customer writes: case, accents, plural, WhatsApp shorthand", () => {
    expect(index.search("CADE MEU PEDIDO")[0]?.id).toBe("tracking");
    expect(index.search("kd meus pedidos??")[0]?.id).toBe("tracking");
    expect(index.search("vc aceita PIX?")[0]?.id).toBe("pix");
    expect(index.search("quantos dias p/ chegar")[0]?.id).toBe("delivery-time");
  });

  it("corrects typos to the knowledge base's words", () => {
    expect(index.search("cade meu pedio")[0]?.id).toBe("tracking");
    expect(index.search("prazo de entrga")[0]?.id).toBe("delivery-time");
    expect(index.search("segunda via do bolteo")[0]?.id).toBe("boleto");
  });

  it("filters by language, articles without one matching every language", () => {
    const english = index.search("where is my order", { language: "en" });
    expect(english.map((hit) => hit.id)).not.toContain("tracking");
    expect(english[0]?.id).toBe("en-tracking");
    expect(index.search("dónde está mi pedido", { language: "es" })[0]?.id).toBe("es-tracking");
    expect(index.search("opening hours", { language: "en" })[0]?.id).toBe("hours");
    expect(index.search("que horas abrem", { language: "pt" })[0]?.id).toBe("hours");
  });

  it("gives a confident answer a high confidence and an unrelated or ambiguous message a low one", () => {
    const clear = index.search("qual o código de rastreio do meu pedido?", { language: "pt" })[0];
    expect(clear?.id).toBe("tracking");
    expect(clear?.confidence).toBeGreaterThanOrEqual(0.6);
    // Nothing in the knowledge base is about fridges.
    const unrelated = index.search("vocês vendem geladeira frost free?", { language: "pt" })[0];
    expect(unrelated?.confidence ?? 0).toBeLessThan(0.3);
    // "pagamento" alone fits Pix and boleto alike.
    const ambiguous = index.search("pagamento", { language: "pt" });
    expect(ambiguous.slice(0, 2).map((hit) => hit.id)).toEqual(expect.arrayContaining(["pix", "boleto"]));
    expect(ambiguous[0]?.confidence).toBeLessThan(0.5);
    // Asking for a person is no topic: it must not find "Horário de atendimento".
    expect(index.search("quero falar com um atendente humano", { language: "pt" })[0]?.confidence ?? 0).toBeLessThan(0.3);
  });

  it("ranks hits with confidences in 0..1, best first, and honours limit and kinds", () => {
    const hits = index.search("pedido entrega prazo rastreio", { limit: 3 });
    expect(hits.length).toBeLessThanOrEqual(3);
    for (const hit of hits) {
      expect(hit.confidence).toBeGreaterThanOrEqual(0);
      expect(hit.confidence).toBeLessThanOrEqual(1);
    }
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
    expect(index.search("pedido", { kinds: ["canned"] })).toEqual([]);
    expect(index.search("oi, bom dia!")).toEqual([]);
    expect(index.search("")).toEqual([]);
  });

  it("searches canned responses and past replies, offering their text", () => {
    const mixed = createKnowledgeIndex({
      articles: [],
      canned: [{ id: "c1", title: "Troca de tamanho", body: "Para trocar o tamanho, acesse Minha Conta > Trocas." }],
      pastReplies: [{ id: "p1", question: "vocês entregam no sábado?", answer: "Sim! Entregamos aos sábados nas capitais." }],
    });
    expect(mixed.size).toBe(2);
    const canned = mixed.search("quero trocar o tamanho")[0];
    expect(canned).toMatchObject({ kind: "canned", id: "c1", text: "Para trocar o tamanho, acesse Minha Conta > Trocas." });
    const past = mixed.search("entregam sabado?")[0];
    expect(past).toMatchObject({
      kind: "past_reply",
      id: "p1",
      title: "vocês entregam no sábado?",
      text: "Sim! Entregamos aos sábados nas capitais.",
    });
    expect(createKnowledgeIndex({ articles: [] }).search("pedido")).toEqual([]);
  });
});

describe("knowledge text", () => {
  it("drops small talk and requests for a person, keeps question words and negations", () => {
    expect(queryWords("Oi, bom dia! Gostaria de saber onde está meu pedido, por favor")).toEqual(["onde", "pedido"]);
    expect(queryWords("não recebi, quero falar com um atendente")).toEqual(["nao", "recebi"]);
  });

  it("counts adjacent swaps as one edit", () => {
    expect(editDistance("entrga", "entrega", 2)).toBe(1);
    expect(editDistance("bolteo", "boleto", 2)).toBe(1);
    expect(editDistance("pix", "boleto", 1)).toBe(2);
  });
});
