import { Fragment, type ReactNode, useMemo } from "react";
import { type FormatNode, parseWhatsAppFormat } from "../lib/whatsapp-format.ts";

function render(nodes: FormatNode[]): ReactNode[] {
  // Index keys are right here: the list is derived from an immutable string.
  return nodes.map((node, key) => renderNode(node, key));
}

function renderNode(node: FormatNode, key: number): ReactNode {
  switch (node.type) {
    case "text":
      return <Fragment key={key}>{node.text}</Fragment>;
    case "bold":
      return <strong key={key}>{render(node.children)}</strong>;
    case "italic":
      return <em key={key}>{render(node.children)}</em>;
    case "strike":
      return <s key={key}>{render(node.children)}</s>;
    case "mono":
      return (
        <code key={key} className="rounded bg-black/5 px-1 font-mono text-[0.9em] dark:bg-white/10">
          {node.text}
        </code>
      );
    case "link":
      return (
        <a
          key={key}
          href={node.href}
          target="_blank"
          rel="noopener noreferrer"
          className="break-all text-sky-700 underline underline-offset-2 dark:text-sky-300"
        >
          {node.text}
        </a>
      );
  }
}

/**
 * Customer text with WhatsApp formatting. Everything is a React text node or element built from the parse tree:
 * there is no HTML path, and links are only absolute http(s) URLs, opened without access to this page.
 */
export function FormattedText({ text, className = "" }: { text: string; className?: string }) {
  const nodes = useMemo(() => parseWhatsAppFormat(text), [text]);
  return <span className={`whitespace-pre-wrap break-words ${className}`}>{render(nodes)}</span>;
}
