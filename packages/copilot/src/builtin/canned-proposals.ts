import type { Language, PastReply } from "../types.ts";
import { documentWords, queryWords, termsOfWord } from "./knowledge-text.ts";
import { detectLanguage } from "./language.ts";

export interface CannedProposal {
  /** A short title/shortcut proposal. */
  title: string;
  /** The reply agents most often gave. */
  body: string;
  /** Example customer questions of the cluster. */
  examples: string[];
  /** How many times this question came up. */
  count: number;
  language: Language | null;
}

/** The most recent pairs read (pairwise similarity is quadratic; older questions add little). */
export const MAX_PAIRS = 2000;
/** Two questions are "the same question" from this combined similarity on. */
const SAME_QUESTION = 0.4;
/** Below this question similarity, identical answers alone do not join two questions (a generic "Vou verificar!"). */
const MIN_QUESTION_SIMILARITY = 0.15;
/** An existing canned response this similar to a cluster's answer already covers it. */
const ALREADY_COVERED = 0.6;
const EXAMPLES = 3;
const TITLE_WORDS = 3;

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

const questionTerms = (text: string): Set<string> => new Set(queryWords(text).flatMap(termsOfWord));
const answerWords = (text: string): Set<string> => new Set(documentWords(text));
const normalizedAnswer = (text: string): string => documentWords(text).join(" ");

/** The cluster's most frequent topic words, in the order customers usually say them: "Prazo entrega". */
function titleOf(questions: readonly string[]): string {
  const frequency = new Map<string, { count: number; position: number }>();
  for (const question of questions) {
    const words = queryWords(question);
    words.forEach((word, index) => {
      const entry = frequency.get(word) ?? { count: 0, position: 0 };
      entry.count++;
      entry.position += index / Math.max(1, words.length);
      frequency.set(word, entry);
    });
  }
  const top = [...frequency]
    .filter(([word]) => !/^\d+$/.test(word))
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, TITLE_WORDS)
    .sort((a, b) => a[1].position / a[1].count - b[1].position / b[1].count)
    .map(([word]) => word);
  const title = top.join(" ");
  return title ? title.charAt(0).toUpperCase() + title.slice(1) : "";
}

/** The answer agents gave most often word for word, else the one most like all the others (the cluster's centre). */
function representativeAnswer(answers: readonly string[]): string {
  const byText = new Map<string, { text: string; count: number }>();
  for (const answer of answers) {
    const key = normalizedAnswer(answer);
    const entry = byText.get(key) ?? { text: answer.trim(), count: 0 };
    entry.count++;
    byText.set(key, entry);
  }
  const [mostCommon] = [...byText.values()].sort((a, b) => b.count - a.count);
  if (mostCommon && mostCommon.count > 1) return mostCommon.text;
  const sets = answers.map(answerWords);
  let best = { index: 0, similarity: -1 };
  sets.forEach((set, index) => {
    const similarity = sets.reduce((sum, other, j) => (j === index ? sum : sum + jaccard(set, other)), 0);
    if (similarity > best.similarity) best = { index, similarity };
  });
  return (answers[best.index] ?? "").trim();
}

/**
 * Canned-response proposals from frequent customer questions: past question/answer pairs are clustered by their
 * questions' words (stems, small talk dropped), helped by the answers agents gave; each cluster asked at least
 * `minCount` times (default 3) becomes a proposal with the agents' usual answer, unless an `existing` canned response
 * already says it. Most asked first, at most `max` (default 10).
 */
export function proposeCannedResponses(
  pairs: PastReply[],
  options?: { existing?: string[]; minCount?: number; max?: number },
): CannedProposal[] {
  const minCount = Math.max(1, options?.minCount ?? 3);
  const max = Math.max(0, options?.max ?? 10);
  const items = pairs
    .slice(-MAX_PAIRS)
    .filter((pair) => pair.question.trim() && pair.answer.trim())
    .map((pair) => ({ pair, question: questionTerms(pair.question), answer: answerWords(pair.answer) }))
    .filter((item) => item.question.size > 0);

  // Neighbours of each question: the others asking the same thing.
  const neighbours = items.map(() => [] as number[]);
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      if (!a || !b) continue;
      const questionSimilarity = jaccard(a.question, b.question);
      if (questionSimilarity < MIN_QUESTION_SIMILARITY) continue;
      if (0.6 * questionSimilarity + 0.4 * jaccard(a.answer, b.answer) < SAME_QUESTION && questionSimilarity < SAME_QUESTION) continue;
      neighbours[i]?.push(j);
      neighbours[j]?.push(i);
    }
  }

  // Densest question first: it and its unclaimed neighbours form a cluster around it; repeat with what is left.
  const claimed = new Set<number>();
  const order = items.map((_, index) => index).sort((a, b) => (neighbours[b]?.length ?? 0) - (neighbours[a]?.length ?? 0) || a - b);
  const existing = (options?.existing ?? []).map(answerWords);
  const proposals: CannedProposal[] = [];
  for (const centre of order) {
    if (claimed.has(centre)) continue;
    const members = [centre, ...(neighbours[centre] ?? []).filter((index) => !claimed.has(index))];
    if (members.length < minCount) continue;
    for (const member of members) claimed.add(member);
    const questions = members.flatMap((index) => items[index]?.pair.question ?? []);
    const body = representativeAnswer(members.flatMap((index) => items[index]?.pair.answer ?? []));
    const bodyWords = answerWords(body);
    if (existing.some((words) => jaccard(words, bodyWords) >= ALREADY_COVERED)) continue;
    const guess = detectLanguage(questions.join("\n"));
    proposals.push({
      title: titleOf(questions),
      body,
      examples: [...new Set(questions.map((question) => question.trim()))].slice(0, EXAMPLES),
      count: members.length,
      language: guess.confidence >= 0.5 ? guess.language : null,
    });
  }
  return proposals.sort((a, b) => b.count - a.count).slice(0, max);
}
