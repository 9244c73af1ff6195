import { normalizeWord, wordSpans } from "../text/tokenize.ts";
import type { Language, Sentiment, SentimentLabel } from "../types.ts";
import { detectHandoffRequest } from "./handoff.ts";
import { detectLanguage } from "./language.ts";
import { EMOJI_VALUES, EMOTICONS } from "./sentiment/emoji.ts";
import type { SentimentLexicon } from "./sentiment/lexicon.ts";
import { lexiconEn } from "./sentiment/lexicon-en.ts";
import { lexiconEs } from "./sentiment/lexicon-es.ts";
import { lexiconPt } from "./sentiment/lexicon-pt.ts";

/*
 * A lexicon-and-rules scorer: each sentiment word, phrase, emoji and laugh adds its value; negation, intensifiers,
 * "but", questions, CAPS and "!!!" reshape those values; the sum decides the class. It reads support chats, not
 * literature, so it is right most of the time and flags itself low-confidence always.
 */

const LEXICONS: Record<Language, SentimentLexicon> = { pt: lexiconPt, en: lexiconEn, es: lexiconEs };

/** A sum beyond this (either way) is not neutral: one clear complaint word or one "obrigado" crosses it. */
const LABEL_THRESHOLD = 0.7;
/** How many words after "não"/"not" a negation still reaches. */
const NEGATION_WINDOW = 3;
/** How much the clause after "mas"/"but" outweighs what came before it. */
const EARLIER_CLAUSE_WEIGHT = 0.4;
/** Laughter ("kkkk", "rsrs", "haha", "jaja") softens a message. */
const LAUGH_VALUE = 0.6;
const LAUGH = /^(?:k{3,}|(?:rs){2,}r?|(?:ha){2,}h?|(?:he){2,}h?|(?:ja){2,}j?|(?:je){2,}j?|(?:hua){2,}|lol|lmao|rofl)$/u;

/** Words that open a question even when the customer leaves out the "?" ("quando chega", "when do i get"). */
const QUESTION_WORDS = new Set(
  "quando como qual quais quanto quanta quantos onde cade porque when how what where which why cuando cual cuanto donde".split(" "),
);
/** One clear complaint outweighs the polite or sarcastic praise around it ("parabéns pela falta de respeito"). */
const STRONG_COMPLAINT = -2;
const PRAISE_WEIGHT_AGAINST_COMPLAINT = 0.3;
/** "faz 20 dias", "hace 2 semanas", "for 3 weeks": how long the customer has waited is a complaint. */
const WAITING =
  /(?<!\p{L})(?:faz|há|ha|hace|for|desde|mais de|más de|over)\s+(?:\d+|uma|um|una|un|a|two|three|duas|dois|dos|tres|três)\s+(?:dias?|días?|semanas?|meses|m[eê]s|days?|weeks?|months?)(?!\p{L})/iu;
/** "três semanas esperando", "2 weeks waiting": the same wait, told the other way round. */
const WAITED =
  /(?<!\p{L})(?:\d+|uma|um|una|un|two|three|duas|dois|dos|tres|três)\s+(?:dias?|días?|semanas?|meses|m[eê]s|days?|weeks?|months?)\s+(?:esperando|aguardando|waiting)(?!\p{L})/iu;
const WAITING_VALUE = -1.2;

/*
 * Sarcasm is praise put next to a failure ("genial, pagué el envío express y nada", "ótimo serviço 👏👏, 15 dias
 * esperando"): when the rest of the message complains, these words (and applause) mean their opposite. Thanks and
 * plain "bom" are left out: "obrigado, mas não chegou" is a polite complaint, not irony.
 */
const IRONIC_PRAISE = new Set(
  `genial excelente perfecto perfecta perfeito perfeita otimo otima maravilha maravilhoso maravilhosa maravilla
  maravilloso beleza parabens felicitaciones felicidades buenisimo barbaro fantastico fantastica great
  wonderful awesome perfect fantastic brilliant lovely excellent amazing incrivel increible congrats congratulations bravo`
    .split(/\s+/u)
    .map(normalizeWord),
);
const IRONIC_PHRASES = new Set(["que beleza", "que maravilha", "muito bem", "que bueno", "que bien", "well done", "nice job", "good job"]);
/** How much the rest of a message must complain for praise beside it to be read as sarcasm. */
const IRONY_COMPLAINT = -0.8;
/** Applause is praise too, and as sarcastic as the words beside it. */
const APPLAUSE = "👏";

/** Asking for a person is mostly a sign of frustration; alone it does not make a message negative. */
const HANDOFF_VALUE = -0.5;

interface Rules {
  words: Map<string, number>;
  phrases: Map<string, number>;
  /** Longest phrase, in words. */
  longestPhrase: number;
  events: Map<string, number>;
  negators: Set<string>;
  intensifiers: Set<string>;
  diminishers: Set<string>;
  contrast: Set<string>;
}

const fold = (text: string) =>
  wordSpans(text)
    .map((span) => span.word)
    .join(" ");

/**
 * The rules for a language: its own lexicon first, the other two's words and phrases behind it (customers mix
 * languages), but only its own function words ("no" is "in the" in Portuguese, "so" is "only", "mas" is "more" in
 * Spanish). Unknown language: everything, with the ambiguous function words dropped.
 */
function buildRules(language: Language | null): Rules {
  const order: Language[] = language
    ? [language, ...(["pt", "es", "en"] as const).filter((other) => other !== language)]
    : ["pt", "es", "en"];
  const own = language ? [LEXICONS[language]] : order.map((code) => LEXICONS[code]);
  const rules: Rules = {
    words: new Map(),
    phrases: new Map(),
    longestPhrase: 1,
    events: new Map(),
    negators: new Set(),
    intensifiers: new Set(),
    diminishers: new Set(),
    contrast: new Set(),
  };
  for (const code of [...order].reverse()) {
    const lexicon = LEXICONS[code];
    for (const [word, value] of Object.entries(lexicon.words)) rules.words.set(normalizeWord(word), value);
    for (const [phrase, value] of Object.entries(lexicon.phrases)) {
      const folded = fold(phrase);
      rules.phrases.set(folded, value);
      rules.longestPhrase = Math.max(rules.longestPhrase, folded.split(" ").length);
    }
  }
  for (const lexicon of own) {
    for (const [word, value] of Object.entries(lexicon.events)) rules.events.set(normalizeWord(word), value);
    for (const word of lexicon.negators) rules.negators.add(fold(word));
    for (const word of lexicon.intensifiers) rules.intensifiers.add(fold(word));
    for (const word of lexicon.diminishers) rules.diminishers.add(fold(word));
    for (const word of lexicon.contrast) rules.contrast.add(fold(word));
  }
  if (!language) {
    for (const ambiguous of ["no", "so", "mas", "n"]) {
      rules.negators.delete(ambiguous);
      rules.intensifiers.delete(ambiguous);
      rules.contrast.delete(ambiguous);
    }
    rules.negators.add("nao");
  }
  return rules;
}

const RULES = new Map<Language | null, Rules>();
function rulesFor(language: Language | null): Rules {
  let rules = RULES.get(language);
  if (!rules) {
    rules = buildRules(language);
    RULES.set(language, rules);
  }
  return rules;
}

interface Token {
  word: string;
  /** As typed: for CAPS. */
  raw: string;
}

/** A word's value, also for elongated spellings ("péssimooo", "muitoooo"). */
function lookUp(map: Map<string, number>, word: string): { value: number; elongated: boolean } | null {
  const exact = map.get(word);
  if (exact !== undefined) return { value: exact, elongated: false };
  const variants = [word.replace(/(.)\1{2,}/gu, "$1"), word.replace(/(.)\1{2,}/gu, "$1$1"), word.replace(/(.)\1+/gu, "$1")];
  for (const squeezed of variants) {
    const value = map.get(squeezed);
    if (value !== undefined) return { value, elongated: true };
  }
  // Plurals the lexicons do not list ("lentos", "problemas", "delays").
  for (const singular of [word.replace(/s$/u, ""), word.replace(/es$/u, "")]) {
    const value = singular !== word && singular.length >= 3 ? map.get(singular) : undefined;
    if (value !== undefined) return { value, elongated: false };
  }
  return null;
}

const isShouted = (raw: string) => raw.length >= 3 && /\p{Lu}/u.test(raw) && raw === raw.toUpperCase() && /\p{L}/u.test(raw);

/** The values of one sentence, each tagged with the clause it belongs to (clauses split by "mas"/"but"). */
function scoreSentence(
  tokens: Token[],
  rules: Rules,
  question: boolean,
  clause: { index: number },
): Array<{ value: number; clause: number; ironic: boolean }> {
  const values: Array<{ value: number; clause: number; at: number; ironic: boolean }> = [];
  let negatedUntil = -1;
  let boost = 1;
  let boostUntil = -1;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    const word = token.word;
    const pair = i + 1 < tokens.length ? `${word} ${(tokens[i + 1] as Token).word}` : "";

    if (rules.contrast.has(word) || (pair && rules.contrast.has(pair))) {
      clause.index += 1;
      negatedUntil = -1;
      i += pair && rules.contrast.has(pair) ? 2 : 1;
      continue;
    }

    let phraseValue: number | null = null;
    let consumed = 1;
    for (let length = Math.min(rules.longestPhrase, tokens.length - i); length >= 2; length -= 1) {
      const candidate = tokens
        .slice(i, i + length)
        .map((t) => t.word)
        .join(" ");
      const value = rules.phrases.get(candidate);
      if (value !== undefined) {
        phraseValue = value;
        consumed = length;
        break;
      }
    }

    if (phraseValue === null) {
      if (rules.negators.has(word)) {
        negatedUntil = i + NEGATION_WINDOW;
        i += 1;
        continue;
      }
      if (rules.diminishers.has(pair) || rules.diminishers.has(word)) {
        boost = 0.5;
        boostUntil = i + 2;
        i += rules.diminishers.has(pair) ? 2 : 1;
        continue;
      }
      if (rules.intensifiers.has(word)) {
        const previous = values.at(-1);
        // Post-positioned "demais" ("demora demais") intensifies what came just before it.
        if (word === "demais" && previous && i - previous.at <= 2) previous.value *= 1.5;
        else if (word === "demais" && !previous) values.push({ value: 1.5, clause: clause.index, at: i, ironic: false });
        else {
          boost = 1.6;
          boostUntil = i + 2;
        }
        i += 1;
        continue;
      }
    }

    const negated = i <= negatedUntil;
    let value: number | null = phraseValue;
    let elongated = false;
    if (value !== null && negated) {
      value = value > 0 ? -0.9 * value : -0.3 * value;
      negatedUntil = -1;
    }
    if (value === null) {
      const event = negated ? lookUp(rules.events, word) : null;
      const found = event ?? lookUp(rules.words, word);
      if (found) {
        value = found.value;
        elongated = found.elongated;
        if (negated && !event) value = value > 0 ? -0.9 * value : -0.3 * value;
        else if (event) value = found.value;
        if (negated) negatedUntil = -1;
      } else if (LAUGH.test(word)) {
        values.push({ value: LAUGH_VALUE, clause: clause.index, at: i, ironic: false });
        i += 1;
        continue;
      }
    }

    if (value !== null && value !== 0) {
      if (i <= boostUntil) value *= boost;
      if (elongated) value *= 1.2;
      if (isShouted(token.raw)) value *= 1.4;
      // "Está bom?" asks, it does not praise; strong words ("péssimo?") still count.
      if (question && Math.abs(value) <= 1.5) value *= 0.3;
      const typed = tokens
        .slice(i, i + consumed)
        .map((t) => t.word)
        .join(" ");
      const ironic = value > 0 && (IRONIC_PRAISE.has(word) || IRONIC_PHRASES.has(typed));
      values.push({ value, clause: clause.index, at: i, ironic });
      boost = 1;
      boostUntil = -1;
    }
    i += consumed;
  }
  return values;
}

/** Sentences with whether each asks something and how loudly it ends ("!!!", "???"). */
function sentences(text: string): Array<{ body: string; question: boolean; loud: boolean }> {
  const out: Array<{ body: string; question: boolean; loud: boolean }> = [];
  for (const match of text.matchAll(/([^.!?\n]+)([.!?\n]*)/gu)) {
    const body = match[1] ?? "";
    const end = match[2] ?? "";
    if (!/\p{L}/u.test(body)) continue;
    const opening = normalizeWord(body.trim().split(/\s+/u)[0] ?? "");
    out.push({ body, question: end.includes("?") || QUESTION_WORDS.has(opening), loud: /[!?]{2,}/u.test(end) });
  }
  return out;
}

function emojiSum(text: string): { sum: number; hits: number } {
  let sum = 0;
  let hits = 0;
  for (const match of text.matchAll(/\p{Extended_Pictographic}/gu)) {
    const value = EMOJI_VALUES.get(match[0]);
    if (value === undefined) continue;
    sum += value;
    hits += 1;
  }
  for (const { pattern, value } of EMOTICONS) {
    for (const _ of text.matchAll(pattern)) {
      sum += value;
      hits += 1;
    }
  }
  return { sum, hits };
}

/** Lexicon-and-rules sentiment of a customer message. Always `lowConfidence: true`. */
export function analyzeSentiment(text: string, language?: Language | null): Sentiment {
  // "don't" → "dont not": the apostrophe would split the word; the added "not" carries the negation. A lone "ñ" is
  // WhatsApp Portuguese for "não", and folding would make it an "n".
  const prepared = text.replace(/n['’]t\b/giu, "nt not").replace(/(^|\s)ñ(?=\s|$)/gu, "$1não");
  const resolved = language ?? detectLanguage(prepared).language;
  const rules = rulesFor(resolved);

  const clause = { index: 0 };
  const values: Array<{ value: number; clause: number; ironic: boolean }> = [];
  let loud = false;
  for (const sentence of sentences(prepared)) {
    const tokens = [...sentence.body.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => ({ raw: m[0], word: normalizeWord(m[0]) }));
    values.push(...scoreSentence(tokens, rules, sentence.question, clause));
    loud ||= sentence.loud;
  }

  const lastClause = clause.index;
  const emoji = emojiSum(text);
  const waited = WAITING.test(text) || WAITED.test(text);
  // Sarcasm: praise words and applause beside a message that otherwise complains flip to complaints.
  const applause = [...text.matchAll(new RegExp(APPLAUSE, "gu"))].length * (EMOJI_VALUES.get(APPLAUSE) ?? 0);
  // Praise after "but" answers what came before it ("it was late, but the support was great"): only what follows the
  // first praise can make it ironic.
  const firstPraise = Math.min(...values.filter((v) => v.ironic).map((v) => v.clause), applause > 0 ? 0 : lastClause);
  const rest =
    values.filter((v) => !v.ironic && v.clause >= firstPraise).reduce((total, v) => total + v.value, 0) +
    (emoji.sum - applause) +
    (waited ? WAITING_VALUE : 0);
  const sarcastic = (values.some((v) => v.ironic) || applause > 0) && rest <= IRONY_COMPLAINT;
  const weighted = values.map(
    (v) => (sarcastic && v.ironic ? -0.5 * v.value : v.value) * (v.clause < lastClause ? EARLIER_CLAUSE_WEIGHT : 1),
  );
  const emojiValue = sarcastic ? emoji.sum - 1.5 * applause : emoji.sum;
  if (emojiValue !== 0) weighted.push(emojiValue);
  const complaint = Math.min(0, ...weighted) <= STRONG_COMPLAINT;
  let sum = weighted.reduce((total, value) => total + (complaint && value > 0 ? value * PRAISE_WEIGHT_AGAINST_COMPLAINT : value), 0);
  // 🙃 after praise is irony: "q otimo esperar 2 horas 🙃".
  if (text.includes("🙃") && sum > 0) sum = -sum;
  if (detectHandoffRequest(text, resolved).wantsHuman) sum += HANDOFF_VALUE;
  if (waited) sum += WAITING_VALUE;
  const hits = values.length + emoji.hits;

  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = text.match(/\p{Lu}/gu) ?? [];
  const shouting = letters.length >= 8 && upper.length / letters.length >= 0.7;
  if (shouting) sum = sum <= 0 ? sum * 1.4 - 0.8 : sum * 1.2;
  if (loud) sum *= 1.3;

  return toSentiment(sum, hits, values.some((v) => v.value > 0) && values.some((v) => v.value < 0));
}

function toSentiment(sum: number, hits: number, mixed: boolean): Sentiment {
  const label: SentimentLabel = sum >= LABEL_THRESHOLD ? "positive" : sum <= -LABEL_THRESHOLD ? "negative" : "neutral";
  const score = Math.round(Math.tanh(sum / 2.5) * 100) / 100;
  let confidence: number;
  if (label === "neutral") {
    // No sentiment word at all is the common, easy neutral; a sum that cancels out or hovers near a threshold is not.
    confidence = hits === 0 ? 0.6 : 0.45 - 0.15 * (Math.abs(sum) / LABEL_THRESHOLD);
  } else {
    confidence = 0.45 + 0.4 * (1 - Math.exp(-(Math.abs(sum) - LABEL_THRESHOLD) / 1.5));
    if (mixed) confidence -= 0.1;
  }
  return { label, score, confidence: Math.round(Math.min(0.85, Math.max(0.2, confidence)) * 100) / 100, lowConfidence: true };
}
