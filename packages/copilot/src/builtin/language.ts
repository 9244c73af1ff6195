import { eld } from "eld/small";
import { wordSpans } from "../text/tokenize.ts";
import { type Language, type LanguageGuess, languages } from "../types.ts";

/*
 * Two signals, because n-gram detectors are strong on sentences and weak on the two-word messages WhatsApp is made of
 * ("oi", "obg", "tudo bem?"): ELD's n-gram scores (limited to pt/en/es) and a list of words and letters that only one
 * of the three languages uses. The shorter the text, the more the word list decides. ELD's small database keeps the
 * server's memory and start-up low (the medium one costs ~100 MB more and a second of start-up for little gain on
 * pt/en/es).
 */

const detector = eld.newInstance();
detector.setLanguageSubset([...languages]);

/** Words (accents folded) that mark one language in support chats; the weight says how sure the word is alone. */
const MARKERS: Record<Language, Record<string, number>> = {
  pt: weights({
    2: "oi ola obg obrigado obrigada brigado vc vcs voce voces tbm tb pq blz beleza vlw valeu tmj cade nao naum entao tambem bom boa tudo bem",
    1: "faco uau analise sim eu meu minha quero preciso pode posso falar atendente ajuda ajudar voces fazer pedido chegou recebi ainda agora hoje ontem amanha aqui isso essa esse voce ta to estou ja obrigadao moco moca senhor senhora com um uma pra pro mim kkk kkkk rsrs rs dia tarde noite gostaria queria",
  }),
  es: weights({
    2: "hola gracias buen buenas buenos dale usted ustedes quiero necesito donde jaja jajaja porfa vale bueno tengo llego estoy hablar senor senora xq tmb tambien",
    1: "si mi mis muy esta pedido ayuda ayudar puedo puede dia tarde noche hoy ayer manana aqui eso esa ese con un una para que como cuando ya todavia recibi persona agente",
  }),
  en: weights({
    2: "hi hello hey thanks thank thx ty pls please you my the where what is order want need cant dont didnt yes yeah yep",
    1: "u i it to of and was with your can help talk speak someone agent human morning evening today yesterday tomorrow here still arrived received lol",
  }),
};

/** Letters only one of the three languages writes. */
const LETTER_MARKERS: Array<{ pattern: RegExp; language: Language; weight: number }> = [
  { pattern: /[ãõ]|ç[aãoõu]|ê|ô/iu, language: "pt", weight: 2 },
  // A lone "ñ" is Portuguese WhatsApp for "não"; inside a word it is Spanish.
  { pattern: /\p{L}ñ|ñ\p{L}|[¿¡]/iu, language: "es", weight: 2 },
];

/** Words that say nothing about the language ("ok", laughter shared by all, fillers). */
const NEUTRAL = new Set([
  "ok",
  "okay",
  "oki",
  "okk",
  "hm",
  "hmm",
  "ah",
  "eh",
  "oh",
  "uh",
  "aff",
  "haha",
  "hahaha",
  "kk",
  "top",
  "show",
  "pix",
  "email",
  "whatsapp",
]);

function weights(byWeight: Record<number, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [weight, words] of Object.entries(byWeight)) for (const word of words.split(" ")) out[word] = Number(weight);
  return out;
}

const NOTHING: LanguageGuess = { language: null, confidence: 0 };

/** The customer's language among pt/en/es, null when the text is too short or too mixed to tell. */
export function detectLanguage(text: string): LanguageGuess {
  const words = wordSpans(text.replace(/https?:\/\/\S+|\S+@\S+/gu, " "))
    .map((span) => span.word)
    .filter((word) => /\p{L}/u.test(word));
  const meaningful = words.filter((word) => !NEUTRAL.has(word));
  if (meaningful.length === 0) return words.length === 0 ? NOTHING : { language: null, confidence: 0.1 };

  const marks = markerScores(text, meaningful);
  const ngram = ngramScores(text);
  // One word: the word list alone is trusted more than n-grams; from five words on, n-grams lead.
  const ngramWeight = Math.min(1, meaningful.length / 5) * 4;
  const combined = languages.map((language) => ({ language, score: marks[language] + ngram[language] * ngramWeight }));
  combined.sort((a, b) => b.score - a.score);
  const [best, second] = combined as [(typeof combined)[number], (typeof combined)[number]];
  if (best.score <= 0) return { language: null, confidence: 0.1 };

  const margin = (best.score - second.score) / best.score;
  const evidence = Math.min(1, (meaningful.length + marks[best.language]) / 6);
  // A single word is never certain ("si" is Spanish, and Portuguese typed without accents).
  const ceiling = meaningful.length === 1 ? 0.7 : meaningful.length === 2 ? 0.85 : 0.98;
  const confidence = round(Math.min(ceiling, 0.25 + 0.45 * margin + 0.35 * evidence));
  if (confidence < 0.4) return { language: null, confidence };
  return { language: best.language, confidence };
}

function markerScores(text: string, words: readonly string[]): Record<Language, number> {
  const scores: Record<Language, number> = { pt: 0, en: 0, es: 0 };
  for (const word of words) for (const language of languages) scores[language] += MARKERS[language][word] ?? 0;
  for (const { pattern, language, weight } of LETTER_MARKERS) if (pattern.test(text)) scores[language] += weight;
  return scores;
}

/** ELD's scores made relative (the best is 1), 0 for languages it did not see; all 0 when it found nothing. */
function ngramScores(text: string): Record<Language, number> {
  const raw = detector.detect(text).getScores();
  const top = Math.max(0, ...languages.map((language) => raw[language] ?? 0));
  const scores: Record<Language, number> = { pt: 0, en: 0, es: 0 };
  if (top <= 0) return scores;
  // Scores of the runners-up are close to the best's; spreading them makes a clear n-gram winner count.
  for (const language of languages) scores[language] = ((raw[language] ?? 0) / top) ** 4;
  return scores;
}

const round = (value: number) => Math.round(value * 100) / 100;
