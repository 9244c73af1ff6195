import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Conversation } from "../../../lib/api-types.ts";
import { useHandoffs } from "../api/handoffs.ts";
import { ENGINE_LABELS, HANDOFF_REASON_LABELS } from "../utils/labels.ts";

/**
 * While a person handles a conversation the bot passed on, the latest handoff says why (in words), what the bot
 * noticed and a summary, so the agent does not have to read the whole history first.
 */
export function HandoffBanner({ conversation }: { conversation: Conversation }) {
  const t = useT();
  const format = useFormat();
  const human = conversation.handledBy === "human";
  const handoffs = useHandoffs(conversation.id, { enabled: human });
  const latest = handoffs.data?.data[0];
  if (!human || !latest) return null;
  return (
    <aside
      aria-label={t("copilot.handoff.banner")}
      className="border-b border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-slate-900 dark:border-indigo-900 dark:bg-indigo-950 dark:text-slate-100"
    >
      <p className="font-medium">
        {t(latest.by.kind === "bot" ? "copilot.handoff.by-bot" : "copilot.handoff.by-agent", {
          reason: t(HANDOFF_REASON_LABELS[latest.reason] ?? "copilot.handoff.reason.unknown"),
        })}{" "}
        <time dateTime={latest.at} className="text-xs font-normal text-slate-600 dark:text-slate-400">
          {format.dateTime(latest.at)}
        </time>
      </p>
      {latest.detail ? <p className="text-xs text-slate-700 dark:text-slate-300">{latest.detail}</p> : null}
      {latest.summary ? (
        <details open className="mt-1">
          <summary className="cursor-pointer text-xs font-medium text-indigo-800 dark:text-indigo-200">
            {t("copilot.handoff.summary")}
          </summary>
          <p className="mt-1 whitespace-pre-wrap">{latest.summary}</p>
          {latest.summaryEngine ? (
            <p className="text-[11px] text-slate-600 dark:text-slate-400">{t(ENGINE_LABELS[latest.summaryEngine])}</p>
          ) : null}
        </details>
      ) : null}
    </aside>
  );
}
