import { useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";
import type { BotMessageInfo } from "../api/types.ts";

/** The bot's note in a message's stored content: at its top (`content.bot`) or inside the sent request. */
export function botInfoOf(message: Message): BotMessageInfo | null {
  const content = message.content;
  if (typeof content !== "object" || content === null) return null;
  const direct = (content as { bot?: unknown }).bot;
  const nested = (content as { request?: { bot?: unknown } }).request?.bot;
  const bot = direct ?? nested;
  return typeof bot === "object" && bot !== null ? (bot as BotMessageInfo) : null;
}

/** Under a bot's answer: the knowledge-base article it came from, so the agent can check it. */
export function BotCitation({ message }: { message: Message }) {
  const t = useT();
  if (message.senderKind !== "bot") return null;
  const citation = botInfoOf(message)?.citation;
  if (!citation || typeof citation.title !== "string") return null;
  return <p className="mt-1 text-[11px] text-indigo-800 dark:text-indigo-200">{t("copilot.bot.citation", { title: citation.title })}</p>;
}
