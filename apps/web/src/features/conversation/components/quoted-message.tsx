import { useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";

/** A message's one-line summary for quotes and the reply bar. */
export function messageSummary(message: Message): string {
  return message.text ?? `[${message.type}]`;
}

/** The quoted message above a reply; clicking it scrolls to the original when it is loaded. */
export function QuotedMessage({ quoted, onJump }: { quoted: Message | undefined; onJump: (messageId: string) => void }) {
  const t = useT();
  const text = quoted ? messageSummary(quoted) : t("message.quote.unavailable");
  const className = "mb-1.5 block w-full rounded-md border-l-4 border-brand-600 bg-black/5 px-2 py-1 text-left text-xs dark:bg-white/10";
  if (!quoted) {
    return (
      <span className={`${className} text-slate-600 italic dark:text-slate-300`}>
        <span className="sr-only">{t("message.quote")}: </span>
        {text}
      </span>
    );
  }
  return (
    <button
      type="button"
      className={`${className} hover:bg-black/10 dark:hover:bg-white/15`}
      onClick={() => onJump(quoted.id)}
      aria-label={`${t("message.quote")}: ${text}`}
    >
      <span className="line-clamp-2 whitespace-pre-wrap">{text}</span>
    </button>
  );
}
