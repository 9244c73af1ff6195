import type { MessageHit } from "../api/search.ts";

/** The snippet's text with the matched words in <mark>: plain text pieces only, never HTML from the server. */
export function HighlightedSnippet({ snippet }: { snippet: MessageHit["snippet"] }) {
  const parts: Array<{ text: string; marked: boolean; at: number }> = [];
  let at = 0;
  for (const { start, end } of [...snippet.highlights].sort((a, b) => a.start - b.start)) {
    if (start < at || end <= start || end > snippet.text.length) continue;
    if (start > at) parts.push({ text: snippet.text.slice(at, start), marked: false, at });
    parts.push({ text: snippet.text.slice(start, end), marked: true, at: start });
    at = end;
  }
  if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), marked: false, at });
  return (
    <>
      {parts.map((part) =>
        part.marked ? (
          <mark key={part.at} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-700/60">
            {part.text}
          </mark>
        ) : (
          <span key={part.at}>{part.text}</span>
        ),
      )}
    </>
  );
}
