import type { BotAnswer, Language, ReplySuggestion, RetrievalHit, Turn } from "../types.ts";
import { greetingFor, startsWithGreeting } from "./bot-texts.ts";
import { documentWords } from "./knowledge-text.ts";
import { detectLanguage } from "./language.ts";

/** Longest suggestion offered: a WhatsApp-sized reply an agent can read at a glance (longer articles are cut at a sentence). */
export const MAX_SUGGESTION_LENGTH = 700;
/** Two suggestions sharing this share of their words are the same reply twice. */
const DUPLICATE_SIMILARITY = 0.8;

const SENTENCE_END = /(?<=[.!?…])\s+(?=\S)/u;

/**
 * A multilingual text ("Atendimento humano: … Human support: … Atención humana: …") kept to its sentences in
 * `language`; a text in one language (or with none in `language`) is returned whole.
 */
export function inLanguage(text: string, language: Language): string {
  const sentences = text.split(SENTENCE_END);
  if (sentences.length < 2) return text;
  const detected = sentences.map((sentence) => {
    const guess = detectLanguage(sentence);
    return guess.confidence >= 0.5 ? guess.language : null;
  });
  const languagesSeen = new Set(detected.filter((found) => found !== null));
  if (languagesSeen.size < 2 || !languagesSeen.has(language)) return text;
  // Sentences of no clear language (a list of hours, an address) stay with the language sentence before them.
  let keep = false;
  const kept = sentences.filter((_, index) => {
    const found = detected[index];
    if (found !== null && found !== undefined) keep = found === language;
    return keep;
  });
  return kept.join(" ");
}

/** Cuts a text to `max` characters at the last sentence end (or word) that fits, marking the cut with "…". */
export function trimToLength(text: string, max = MAX_SUGGESTION_LENGTH): string {
  const clean = text.trim().replace(/\n{3,}/g, "\n\n");
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max - 1);
  const sentenceEnd = Math.max(head.lastIndexOf(". "), head.lastIndexOf("! "), head.lastIndexOf("? "), head.lastIndexOf(".\n"));
  if (sentenceEnd >= max / 2) return head.slice(0, sentenceEnd + 1);
  const wordEnd = head.lastIndexOf(" ");
  return `${(wordEnd > 0 ? head.slice(0, wordEnd) : head).replace(/[\s,;:]+$/u, "")}…`;
}

/** The hit's text as a reply in `language`: the article's part in that language, cut to a WhatsApp-sized message. */
const replyText = (hit: RetrievalHit, language: Language): string => trimToLength(inLanguage(hit.text, language));

function similarity(a: string, b: string): number {
  const wordsA = new Set(documentWords(a));
  const wordsB = new Set(documentWords(b));
  if (wordsA.size === 0 || wordsB.size === 0) return a.trim() === b.trim() ? 1 : 0;
  let shared = 0;
  for (const word of wordsA) if (wordsB.has(word)) shared++;
  return shared / (wordsA.size + wordsB.size - shared);
}

const citationOf = (hit: RetrievalHit) => ({ kind: hit.kind, id: hit.id, title: hit.title });

/**
 * Up to `max` reply suggestions made from the hits, best first: article bodies (their part in the customer's
 * language, cut to a WhatsApp-sized reply), canned responses and past agent answers, each citing its source. Nothing
 * is written: the only words added are a greeting ("Bom dia!") when no one has answered the customer yet.
 */
export function suggestFromHits(input: { turns: Turn[]; hits: RetrievalHit[]; language: Language; max: number }): ReplySuggestion[] {
  const { turns, hits, language } = input;
  const max = Math.max(0, Math.floor(input.max));
  const answeredBefore = turns.some((turn) => turn.role === "agent" || turn.role === "bot");
  const customerText = turns
    .filter((turn) => turn.role === "customer")
    .slice(-3)
    .map((turn) => turn.text)
    .join("\n");
  const ranked = [...hits].sort((a, b) => b.confidence - a.confidence || b.score - a.score);

  const suggestions: ReplySuggestion[] = [];
  const offered: string[] = [];
  const seen = new Set<string>();
  for (const hit of ranked) {
    if (suggestions.length >= max) break;
    const key = `${hit.kind}:${hit.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const body = replyText(hit, language);
    if (!body || offered.some((text) => similarity(text, body) >= DUPLICATE_SIMILARITY)) continue;
    offered.push(body);
    const text = answeredBefore || startsWithGreeting(body) ? body : `${greetingFor(language, customerText)} ${body}`;
    suggestions.push({ text, source: { kind: hit.kind, id: hit.id, title: hit.title }, citations: [citationOf(hit)] });
  }
  return suggestions;
}

/** The bot's answer from the best hit: its text in the customer's language, cited, as confident as the retrieval was. */
export function answerFromHits(input: { hits: RetrievalHit[]; language: Language }): BotAnswer {
  const best = [...input.hits].sort((a, b) => b.confidence - a.confidence || b.score - a.score)[0];
  if (!best) return { text: "", confidence: 0, citation: null };
  return { text: replyText(best, input.language), confidence: best.confidence, citation: citationOf(best) };
}
