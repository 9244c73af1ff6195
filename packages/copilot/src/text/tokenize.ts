/// <reference path="./snowball-stemmers.d.ts" />
import snowball from "snowball-stemmers";

/*
 * The one normalisation Papo's text features share (the server's message search, the copilot's index and rules).
 * Both sides of the search use it: the index side (words of a message, a contact's name) and the query side go
 * through the same functions, so a word typed in any case, with or without accents, reaches the same blind index. Words are runs of letters, digits and combining marks (any script); everything else separates words,
 * which strips WhatsApp's formatting characters (*bold* _italic_ ~strike~ ```mono```) and punctuation.
 */

/** Longer words (URLs, ids, base64 blobs) are cut here, on both sides, so they still match each other. */
export const MAX_WORD_LENGTH = 40;
/** Distinct terms (words + stems) indexed per message; the words after that are not searchable. */
export const MAX_TERMS_PER_MESSAGE = 300;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Lower case, accents folded (NFD, combining marks removed), cut at MAX_WORD_LENGTH. */
export function normalizeWord(raw: string): string {
  return raw.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().normalize("NFC").slice(0, MAX_WORD_LENGTH);
}

export interface WordSpan {
  /** The normalised word. */
  word: string;
  /** Where the word is in the original text (UTF-16 offsets), for highlighting. */
  start: number;
  end: number;
}

/** Every word of a text with its place, in order (stop-words included; single characters too). */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = normalizeWord(match[0]);
    if (word) spans.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/**
 * Common words of Portuguese, Spanish and English (already folded): articles, prepositions, pronouns, conjunctions and
 * auxiliaries. Negations (não, no, not, nunca) are kept: "não recebi" must not find "recebi".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // pt
    "a o as os um uma uns umas de da do das dos dum duma em na nas nos num numa por pela pelo pelas pelos para pra pro",
    "com sem sob sobre ate entre e ou mas que se ja eu tu ele ela nos vos eles elas me te lhe lhes meu minha meus minhas",
    "teu tua seu sua seus suas nosso nossa isso isto aquilo esse essa este esta aquele aquela ao aos as ha foi era sao",
    "ser estar tem ter como mais muito tambem so quando onde qual quais",
    // es
    "el la los las un una unos unas del al en por para con sin sobre entre y o pero que se yo tu el ella nosotros",
    "ellos ellas mi mis su sus lo le les es son fue era esto eso este esta ese esa como mas muy tambien cuando donde",
    // en
    "the an of to in on at by for with from and or but that this these those is are was were be been it its he she",
    "we you they i me my your our their his her as so if into about than then there here",
  ]
    .join(" ")
    .split(" "),
);

/** Whether a normalised word is worth indexing: two characters or more, and not a stop-word. */
export const isIndexable = (word: string): boolean => word.length >= 2 && !STOP_WORDS.has(word);

/** The searchable words of a text, normalised, in order, repeated words once. */
export function searchWords(text: string): string[] {
  return [...new Set(wordSpans(text).map((s) => s.word))].filter(isIndexable);
}

const STEMMERS = ["portuguese", "spanish", "english"].map((language) => snowball.newStemmer(language));

/**
 * The word's stems in Portuguese, Spanish and English, distinct. Papo does not guess the language of a WhatsApp message
 * (too short to detect reliably) nor of a query: it indexes the stems of all three, and a query word matches an item
 * that shares any stem with it ("pagamentos" and "pagamento" both stem to "pagament"). Numbers are their own stem.
 */
export function stemsOf(word: string): string[] {
  if (/^\p{N}+$/u.test(word)) return [word];
  return [...new Set(STEMMERS.map((stemmer) => stemmer.stem(word)).filter((stem) => stem.length > 0))];
}

export type TermKind = "word" | "stem" | "name" | "prefix" | "phone" | "email" | "tag";
/** One index entry before it is keyed: stored as `blindIndex("search:<kind>", value)`. */
export interface Term {
  kind: TermKind;
  value: string;
}

export const termKey = (term: Term): string => `${term.kind}:${term.value}`;

/** A message's terms: each searchable word as itself and as its stems, up to MAX_TERMS_PER_MESSAGE distinct terms. */
export function messageTextTerms(texts: readonly string[], max = MAX_TERMS_PER_MESSAGE): Term[] {
  const out = new Map<string, Term>();
  for (const word of searchWords(texts.join("\n"))) {
    const terms: Term[] = [{ kind: "word", value: word }, ...stemsOf(word).map((value): Term => ({ kind: "stem", value }))];
    const fresh = terms.filter((term) => !out.has(termKey(term)));
    if (out.size + fresh.length > max) break;
    for (const term of fresh) out.set(termKey(term), term);
  }
  return [...out.values()];
}

/**
 * What one query word of a message search may match: the word itself or any of its stems (an OR). A message matches
 * a query when it matches every word's group (an AND).
 */
export function messageQueryGroup(word: string): Term[] {
  return [{ kind: "word", value: word }, ...stemsOf(word).map((value): Term => ({ kind: "stem", value }))];
}
