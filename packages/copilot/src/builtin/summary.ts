import { normalizeWord } from "../text/tokenize.ts";
import type { Language, Summary, Turn } from "../types.ts";
import { analyzeSentiment } from "./sentiment.ts";

/*
 * An extractive summary: no sentence is written, sentences of the conversation are picked. What an agent taking over
 * needs first: what the customer asked for, the problem with its facts (order numbers, dates), what the team already
 * promised, and the customer's question still waiting for an answer.
 */

const LABELS: Record<Language, { customer: string; agent: string; open: string; empty: string }> = {
  pt: { customer: "Cliente", agent: "Atendente", open: "Em aberto", empty: "Conversa sem mensagens do cliente." },
  en: { customer: "Customer", agent: "Agent", open: "Open question", empty: "No customer messages in this conversation." },
  es: { customer: "Cliente", agent: "Agente", open: "Pendiente", empty: "Conversación sin mensajes del cliente." },
};

/** A sentence longer than this is cut with "…": a summary line should fit on one row. */
const MAX_SENTENCE = 180;

const REQUEST_WORDS = new Set(
  `quero queria gostaria preciso precisava pode podem poderia como cade onde quando qual quanto
   want need would could can how where when which what why
   quiero quisiera necesito puede pueden podria como donde cuando cual cuanto`.split(/\s+/u),
);

/** What the team promises ("vou verificar", "we will refund", "le enviaremos"). */
const COMMITMENT =
  /(?<!\p{L})(?:vou|vamos|irei|iremos|vai|será|sera|fica|ficará|prometo|em até|até amanhã|retorno|I'll|I will|we'll|we will|will be|within|voy|le enviaremos|enviaremos|te aviso|le aviso|en (?:las )?próximas?)(?!\p{L})/iu;

/** Greetings, thanks and acknowledgements carry nothing to summarise. */
const SMALL_TALK = new Set(
  `oi ola bom boa dia tarde noite tudo bem obrigado obrigada obg vlw valeu ok blz beleza certo sim nao entendi
   hi hello hey good morning afternoon evening thanks thank you ok okay yes no sure great
   hola buenos buenas dias gracias vale dale si claro perfecto`.split(/\s+/u),
);

interface Sentence {
  text: string;
  turn: number;
  role: Turn["role"];
}

function splitSentences(turns: readonly Turn[]): Sentence[] {
  const out: Sentence[] = [];
  turns.forEach((turn, index) => {
    for (const piece of turn.text.split(/(?<=[.!?])\s+|\n+/u)) {
      const text = piece.trim();
      if (text && /\p{L}/u.test(text)) out.push({ text, turn: index, role: turn.role });
    }
  });
  return out;
}

const wordsOf = (text: string) => [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => normalizeWord(m[0]));
const isSmallTalk = (text: string) => wordsOf(text).every((word) => SMALL_TALK.has(word) || /^\d+$/u.test(word));
/** Order numbers, dates, amounts: facts the next agent needs. */
const hasFacts = (text: string) => /\d{3,}|\d{1,2}\/\d{1,2}|#\d+|R\$|\$|€/u.test(text);

/** How much a customer sentence tells: facts, a request, a problem, some length. */
function informativeness(sentence: Sentence): number {
  const words = wordsOf(sentence.text);
  let score = Math.min(words.length, 20) / 20;
  if (hasFacts(sentence.text)) score += 1.5;
  if (words.some((word) => REQUEST_WORDS.has(word))) score += 0.8;
  if (analyzeSentiment(sentence.text).label === "negative") score += 1;
  return score;
}

const clip = (text: string) => (text.length > MAX_SENTENCE ? `${text.slice(0, MAX_SENTENCE - 1).trimEnd()}…` : text);
const asSentence = (text: string) => (/[.!?…]$/u.test(text) ? text : `${text}.`);

/** Extractive summary of a conversation in `language`'s labels. */
export function summarizeExtractive(turns: Turn[], language: Language): Summary {
  const labels = LABELS[language];
  const sentences = splitSentences(turns).filter((s) => !isSmallTalk(s.text));
  const customer = sentences.filter((s) => s.role === "customer");
  if (customer.length === 0) return { text: labels.empty, points: [] };

  const picked: Array<{ label: string; sentence: Sentence }> = [];
  const take = (label: string, sentence: Sentence | undefined) => {
    if (sentence && !picked.some((p) => p.sentence === sentence)) picked.push({ label, sentence });
  };

  // The first request: what the conversation is about.
  take(labels.customer, customer[0]);
  // The most informative other customer sentence (earliest wins ties, for a stable result).
  const ranked = customer
    .slice(1)
    .map((sentence) => ({ sentence, score: informativeness(sentence) }))
    .sort((a, b) => b.score - a.score || a.sentence.turn - b.sentence.turn);
  if (ranked[0] && ranked[0].score >= 1) take(labels.customer, ranked[0].sentence);

  // The team's latest commitment.
  const commitment = sentences.filter((s) => s.role === "agent" && COMMITMENT.test(s.text)).at(-1);
  take(labels.agent, commitment);

  // The customer's last question, when nobody from the team wrote after it.
  const lastTeamTurn = turns.findLastIndex((turn) => turn.role === "agent" || turn.role === "bot");
  const openQuestion = customer.filter((s) => s.text.includes("?") && s.turn > lastTeamTurn).at(-1);
  take(labels.open, openQuestion);

  const ordered = picked.slice(0, 4).sort((a, b) => a.sentence.turn - b.sentence.turn);
  const points = ordered.map((p) => `${p.label}: ${asSentence(clip(p.sentence.text))}`);
  return { text: points.join(" "), points };
}
