import { stemsOf, wordSpans } from "@papo/copilot";

export interface Snippet {
  /** Plain text (never markup): the client marks the ranges itself. */
  text: string;
  /** The matched words, as [start, end) UTF-16 offsets into `text`. */
  highlights: Array<{ start: number; end: number }>;
}

const SNIPPET_LENGTH = 160;
const CONTEXT_BEFORE = 50;

/**
 * A short excerpt of a message around the first word the query matched, with every matched word marked. A word
 * matches when it is a query word or shares a stem with one — the same rule the index applies.
 */
export function buildSnippet(fragments: readonly string[], query: { words: Set<string>; stems: Set<string> }): Snippet {
  const matches = (word: string) => query.words.has(word) || stemsOf(word).some((stem) => query.stems.has(stem));
  const marked = fragments.map((text) => ({ text, spans: wordSpans(text).filter((span) => span.word.length >= 2 && matches(span.word)) }));
  const chosen = marked.find((fragment) => fragment.spans.length > 0) ?? marked[0];
  if (!chosen) return { text: "", highlights: [] };
  const text = chosen.text.replace(/\s+/g, " ");
  // Whitespace was collapsed: find the spans again in the text actually returned.
  const spans = wordSpans(text).filter((span) => span.word.length >= 2 && matches(span.word));
  const first = spans[0];
  let start = 0;
  if (first && text.length > SNIPPET_LENGTH && first.start > CONTEXT_BEFORE) {
    start = Math.min(first.start - CONTEXT_BEFORE, text.length - SNIPPET_LENGTH);
    const space = text.indexOf(" ", start);
    if (space !== -1 && space < first.start) start = space + 1;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > start + SNIPPET_LENGTH / 2) end = space;
  }
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  const shift = prefix.length - start;
  return {
    text: `${prefix}${text.slice(start, end)}${suffix}`,
    highlights: spans
      .filter((span) => span.start >= start && span.end <= end)
      .map((span) => ({ start: span.start + shift, end: span.end + shift })),
  };
}
