/**
 * The shape of one language's sentiment rules. Words are written as people type them (accents included); the scorer
 * folds them. Values run about -3 (very negative) .. +3 (very positive); support-chat meaning wins over dictionary
 * meaning ("cancelado", "reembolso" are negative here).
 */
export interface SentimentLexicon {
  /** Single words with their value. Elongated forms ("péssimooo") are folded before the look-up. */
  words: Record<string, number>;
  /** Multi-word expressions, matched before single words ("não chegou" is listed under events instead). */
  phrases: Record<string, number>;
  /** Neutral on their own, negative when negated: what the customer expected and did not get ("não chegou"). */
  events: Record<string, number>;
  /** Flip the next sentiment words within a short window ("não gostei", "not good"). */
  negators: string[];
  /** Strengthen the next sentiment word ("muito ruim"). */
  intensifiers: string[];
  /** Weaken the next sentiment word ("um pouco lento"). */
  diminishers: string[];
  /** "but": the clause after it says what the customer really means. */
  contrast: string[];
}

/** Parses "word:value word:value" lists, so the lexicons stay compact and readable. */
export function valued(...lists: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const list of lists)
    for (const entry of list.trim().split(/\s*,\s*|\n+/u)) {
      const at = entry.lastIndexOf(":");
      if (at <= 0) continue;
      out[entry.slice(0, at).trim()] = Number(entry.slice(at + 1));
    }
  return out;
}
