import { useEffect, useRef } from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useCopilotStatus } from "../api/get-copilot-status.ts";
import { useSuggestions } from "../hooks/use-suggestions.ts";
import type { ComposerDraft } from "./draft.ts";
import { EngineNote } from "./engine-note.tsx";

/** A customer often sends several messages in a row: wait for a pause before asking for suggestions. */
export const AUTO_SUGGEST_DELAY_MS = 1_500;

/**
 * Above the composer: "Sugestões" asks for up to three grounded replies (asked on its own too, after a pause, when a
 * new customer message arrives). Text streams in as the provider writes it; a click puts a suggestion in the draft to
 * edit, never sends it. Hidden when the workspace switched suggestions off or the 24-hour window is closed.
 */
export function SuggestionsBar({ composer, autoDelayMs = AUTO_SUGGEST_DELAY_MS }: { composer: ComposerDraft; autoDelayMs?: number }) {
  const t = useT();
  const errorText = useErrorText();
  const status = useCopilotStatus();
  const { conversation } = composer;
  const { state, request, dismiss } = useSuggestions(conversation.id);
  const enabled = status.data?.features.suggestions === true;
  const usable = enabled && conversation.windowOpen;
  const lastInbound = conversation.lastInboundAt;
  const seenInbound = useRef(lastInbound);

  // Only a message that arrives while the conversation is open triggers it, not the one that was there already.
  useEffect(() => {
    if (lastInbound === seenInbound.current) return;
    seenInbound.current = lastInbound;
    if (!usable || !lastInbound) return;
    const timer = setTimeout(request, autoDelayMs);
    return () => clearTimeout(timer);
  }, [lastInbound, usable, request, autoDelayMs]);

  if (!usable) return null;

  const use = (text: string) => {
    composer.setDraft(text);
    composer.focus();
  };

  const busy = state.status === "streaming";
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant="ghost" onClick={request} disabled={busy}>
          <Icon name="bot" className="size-3.5" />
          {busy ? t("copilot.suggestions.loading") : t("copilot.suggestions.button")}
        </Button>
        {state.status === "done" ? <EngineNote engine={state.result.engine} fallback={state.result.fallback} /> : null}
        {state.status !== "idle" ? (
          <IconButton icon="x" label={t("copilot.suggestions.dismiss")} onClick={dismiss} className="ml-auto size-7" />
        ) : null}
      </div>
      <div aria-live="polite" aria-busy={busy}>
        {state.status === "streaming" ? (
          state.partial.length ? (
            <ul className="space-y-1">
              {state.partial.map((text, index) => (
                <li
                  // biome-ignore lint/suspicious/noArrayIndexKey: a streaming suggestion is known only by its position
                  key={index}
                  className="rounded-lg border border-dashed border-slate-300 px-2.5 py-1.5 text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300"
                >
                  {text}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("copilot.suggestions.thinking")}</p>
          )
        ) : state.status === "error" ? (
          <p role="alert" className="text-xs text-red-700 dark:text-red-400">
            {t("copilot.suggestions.failed", { reason: errorText(state.error) })}
          </p>
        ) : state.status === "done" ? (
          state.result.suggestions.length === 0 ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("copilot.suggestions.empty")}</p>
          ) : (
            <ul aria-label={t("copilot.suggestions.list")} className="flex flex-col gap-1.5 sm:flex-row">
              {state.result.suggestions.map((suggestion, index) => {
                const source = suggestion.citations[0]?.title ?? suggestion.source.title;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: suggestions have no id and never reorder
                  <li key={index} className="min-w-0 flex-1">
                    <button
                      type="button"
                      onClick={() => use(suggestion.text)}
                      title={t("copilot.suggestions.use")}
                      className="h-full w-full rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-left text-sm hover:border-brand-600 hover:bg-brand-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-brand-900/40"
                    >
                      <span className="line-clamp-3 block">{suggestion.text}</span>
                      {source ? (
                        <span className="mt-0.5 block truncate text-[11px] text-slate-600 dark:text-slate-400">
                          {t("copilot.suggestions.source", { title: source })}
                        </span>
                      ) : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          )
        ) : null}
      </div>
    </div>
  );
}
