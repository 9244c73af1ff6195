import { safeHttpUrl } from "./safe-url.ts";

/**
 * WhatsApp's text formatting as a tree the renderer turns into React elements (never HTML):
 * `*bold*`, `_italic_`, `~strike~`, ```` ```monospace``` ```` and bare http(s) links.
 *
 * Rules, as WhatsApp applies them: a marker opens only at the start of the text or after a non-letter/digit and
 * must be followed by a non-space; it closes on the same character preceded by a non-space and followed by the end
 * or a non-letter/digit; styles do not cross line breaks and may nest. Monospace content is literal.
 */
export type FormatNode =
  | { type: "text"; text: string }
  | { type: "bold" | "italic" | "strike"; children: FormatNode[] }
  | { type: "mono"; text: string }
  | { type: "link"; href: string; text: string };

const MARKERS = { "*": "bold", _: "italic", "~": "strike" } as const;
type Marker = keyof typeof MARKERS;

const isMarker = (ch: string | undefined): ch is Marker => ch === "*" || ch === "_" || ch === "~";
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

export function parseWhatsAppFormat(input: string): FormatNode[] {
  const nodes: FormatNode[] = [];
  let last = 0;
  for (const match of input.matchAll(/```([\s\S]+?)```/g)) {
    nodes.push(...parseInline(input.slice(last, match.index)));
    nodes.push({ type: "mono", text: match[1] ?? "" });
    last = match.index + match[0].length;
  }
  nodes.push(...parseInline(input.slice(last)));
  return mergeText(nodes);
}

function parseInline(text: string): FormatNode[] {
  const nodes: FormatNode[] = [];
  let buffer = "";
  const flush = () => {
    if (buffer) nodes.push({ type: "text", text: buffer });
    buffer = "";
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const previous = text[i - 1];
    if ((ch === "h" || ch === "H") && !isWordChar(previous)) {
      const link = matchLink(text, i);
      if (link) {
        flush();
        nodes.push(link.node);
        i = link.end;
        continue;
      }
    }
    if (isMarker(ch) && !isWordChar(previous) && !isSpace(text[i + 1])) {
      const close = findClose(text, i, ch);
      if (close !== -1) {
        flush();
        nodes.push({ type: MARKERS[ch], children: mergeText(parseInline(text.slice(i + 1, close))) });
        i = close + 1;
        continue;
      }
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return nodes;
}

function findClose(text: string, open: number, marker: Marker): number {
  for (let j = open + 2; j < text.length; j += 1) {
    const ch = text[j];
    if (ch === "\n") return -1;
    if (ch === marker && !isSpace(text[j - 1]) && !isWordChar(text[j + 1])) return j;
  }
  return -1;
}

const TRAILING = /[.,;:!?'"*_~\]]+$/;

function matchLink(text: string, start: number): { node: FormatNode; end: number } | null {
  const match = /^https?:\/\/[^\s<>"]+/i.exec(text.slice(start));
  if (!match) return null;
  let candidate = match[0].replace(TRAILING, "");
  // A closing parenthesis belongs to the URL only when the URL opened one: "(see https://x.y/a)" ends before it.
  while (candidate.endsWith(")") && (candidate.match(/\(/g)?.length ?? 0) < (candidate.match(/\)/g)?.length ?? 0)) {
    candidate = candidate.slice(0, -1).replace(TRAILING, "");
  }
  const href = safeHttpUrl(candidate);
  if (!href) return null;
  return { node: { type: "link", href, text: candidate }, end: start + candidate.length };
}

function mergeText(nodes: FormatNode[]): FormatNode[] {
  const out: FormatNode[] = [];
  for (const node of nodes) {
    const previous = out[out.length - 1];
    if (node.type === "text" && previous?.type === "text") out[out.length - 1] = { type: "text", text: previous.text + node.text };
    else out.push(node);
  }
  return out;
}
