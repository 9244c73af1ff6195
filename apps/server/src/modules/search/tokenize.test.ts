import { MAX_TERMS_PER_MESSAGE, normalizeWord, searchWords, stemsOf, type Term, termKey, wordSpans } from "@papo/copilot";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSnippet } from "./snippet.ts";
import { contactTerms, messageTerms, parseQuery, type TermGroup } from "./terms.ts";

const text = (body: string) => ({ direction: "inbound" as const, text: null, content: { content: { type: "text", body } } });
const keys = (terms: readonly Term[]) => new Set(terms.map(termKey));
/** Whether an item with these terms answers a query's groups (every group shares a term with the item). */
const answers = (terms: readonly Term[], groups: readonly TermGroup[]) => {
  const held = keys(terms);
  return groups.length > 0 && groups.every((group) => group.some((term) => held.has(termKey(term))));
};

/** Words in the three languages, with accents, mixed case and WhatsApp formatting around them. */
const wordArb = fc.oneof(
  fc.constantFrom("Não", "PAGAMENTOS", "pagamento", "Coração", "açaí", "Ñandú", "pedido", "Entregue", "running", "boleto", "2024", "São"),
  fc.stringMatching(/^[a-zà-ÿ]{2,12}$/),
);
const decorate = fc.constantFrom(
  (w: string) => w,
  (w: string) => `*${w}*`,
  (w: string) => `_${w}_`,
  (w: string) => `~${w}~`,
  (w: string) => `\`\`\`${w}\`\`\``,
  (w: string) => `${w}!`,
  (w: string) => `(${w})`,
);
const sentenceArb = fc
  .array(fc.tuple(wordArb, decorate), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.map(([w, d]) => d(w)).join(" "));
const caseVariant = fc.constantFrom(
  (w: string) => w.toUpperCase(),
  (w: string) => w.toLowerCase(),
  (w: string) => w.normalize("NFD"),
  (w: string) => w.normalize("NFD").replace(/\p{M}/gu, ""),
);

describe("search tokenizer", () => {
  it("when a word is typed in another case, with or without accents, it normalises to the same word", () => {
    expect(normalizeWord("Não")).toBe("nao");
    expect(normalizeWord("NÃO")).toBe(normalizeWord("nao"));
    expect(normalizeWord("Ñandú")).toBe("nandu");
    fc.assert(
      fc.property(wordArb, caseVariant, (word, variant) => {
        expect(normalizeWord(variant(word))).toBe(normalizeWord(word));
      }),
    );
  });

  it("when WhatsApp formatting or punctuation wraps a word, the word alone is indexed", () => {
    expect(searchWords("*Olá*, _tudo_ ~bem~? ```código``` R$ 1.500")).toEqual(
      ["ola", "tudo", "bem", "codigo", "1", "500"].filter((w) => w.length >= 2),
    );
  });

  it("when a text has stop-words of pt, en or es, they are not indexed but negations are", () => {
    expect(searchWords("O pedido de the order del cliente não chegou")).toEqual(["pedido", "order", "cliente", "nao", "chegou"]);
  });

  it("when a word is plural or conjugated, it shares a stem with its other forms", () => {
    expect(stemsOf("pagamentos")).toEqual(expect.arrayContaining([stemsOf("pagamento")[0]]));
    expect(stemsOf("entregues").some((stem) => stemsOf("entregue").includes(stem))).toBe(true);
    expect(stemsOf("2024")).toEqual(["2024"]);
  });

  it("property: every indexable word of a message, queried in any case or accent form, finds the message", () => {
    fc.assert(
      fc.property(sentenceArb, fc.nat(), caseVariant, (sentence, pick, variant) => {
        const words = searchWords(sentence);
        fc.pre(words.length > 0);
        const terms = messageTerms(text(sentence));
        const spans = wordSpans(sentence).filter((s) => words.includes(s.word));
        const raw = spans[pick % spans.length];
        if (!raw) return;
        const typed = variant(sentence.slice(raw.start, raw.end));
        expect(answers(terms, parseQuery(typed).messages)).toBe(true);
      }),
    );
  });

  it("property: the query side and the index side produce the same words for the same text", () => {
    fc.assert(
      fc.property(sentenceArb, (sentence) => {
        const indexed = messageTerms(text(sentence))
          .filter((t) => t.kind === "word")
          .map((t) => t.value);
        const queried = parseQuery(sentence).messages.map((group) => group.find((t) => t.kind === "word")?.value);
        expect(queried).toEqual(indexed);
        // The whole sentence as a query (every word required) finds its own message.
        if (indexed.length > 0) expect(answers(messageTerms(text(sentence)), parseQuery(sentence).messages)).toBe(true);
      }),
    );
  });

  it("when a query is a plural, it finds the singular (stems), and an unrelated word does not match", () => {
    const terms = messageTerms(text("Recebi o pagamento ontem"));
    expect(answers(terms, parseQuery("pagamentos").messages)).toBe(true);
    expect(answers(terms, parseQuery("Pagamento ONTEM").messages)).toBe(true);
    expect(answers(terms, parseQuery("pagamento boleto").messages)).toBe(false);
  });

  it("when a message is very long, at most MAX_TERMS_PER_MESSAGE terms are indexed", () => {
    const long = Array.from({ length: 1000 }, (_, i) => `palavra${i}`).join(" ");
    const terms = messageTerms(text(long));
    expect(terms.length).toBeLessThanOrEqual(MAX_TERMS_PER_MESSAGE);
    expect(terms.length).toBeGreaterThan(MAX_TERMS_PER_MESSAGE - 5);
  });

  it("when a query has only stop-words or single letters, it has nothing to search in messages", () => {
    expect(parseQuery("de a o the").messages).toEqual([]);
  });
});

describe("search terms of a contact", () => {
  const contact = {
    name: "Ana Conceição",
    username: null,
    phone: "+55 (11) 91234-5678",
    waId: "5511912345678",
    tags: ["Cliente VIP"],
    attributes: { email: "Ana.Souza@Example.com", crm: { other: "not an email" } },
  };
  const terms = contactTerms(contact);

  it("when a name prefix is typed, the last query word matches as a prefix and earlier ones as whole words", () => {
    expect(answers(terms, parseQuery("an").contacts)).toBe(true);
    expect(answers(terms, parseQuery("Ana conc").contacts)).toBe(true);
    expect(answers(terms, parseQuery("CONCEICAO").contacts)).toBe(true);
    expect(answers(terms, parseQuery("an conceicao").contacts)).toBe(false);
    expect(answers(terms, parseQuery("bruno").contacts)).toBe(false);
  });

  it("when a phone is typed in any format (international, national, last digits), it matches", () => {
    for (const typed of ["+55 11 91234-5678", "5511912345678", "(11) 91234-5678", "11912345678", "912345678", "5678", "1234-5678"])
      expect(answers(terms, parseQuery(typed).contacts), typed).toBe(true);
    expect(answers(terms, parseQuery("91234-0000").contacts)).toBe(false);
    expect(answers(terms, parseQuery("678").contacts)).toBe(false);
  });

  it("when an e-mail of the attributes or a tag word is typed, it matches", () => {
    expect(answers(terms, parseQuery("ana.souza@example.com").contacts)).toBe(true);
    expect(answers(terms, parseQuery("vip").contacts)).toBe(true);
    expect(answers(terms, parseQuery("outra@example.com").contacts)).toBe(false);
  });
});

describe("search snippet", () => {
  it("when a long message matches, the snippet is cut around the first match and marks every matched form", () => {
    const query = parseQuery("pagamentos").highlight;
    const long = `${"Bom dia, tudo bem com vocês por aí? ".repeat(5)}Sobre o Pagamento: os pagamentos caíram.`;
    const snippet = buildSnippet([long], query);
    expect(snippet.text.startsWith("…")).toBe(true);
    const marked = snippet.highlights.map((h) => snippet.text.slice(h.start, h.end));
    expect(marked).toEqual(["Pagamento", "pagamentos"]);
  });

  it("when nothing in the text matches, the snippet is the start of the text without marks", () => {
    expect(buildSnippet(["Olá"], parseQuery("boleto").highlight)).toEqual({ text: "Olá", highlights: [] });
  });
});
