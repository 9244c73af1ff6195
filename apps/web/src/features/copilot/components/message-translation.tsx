import { useState } from "react";
import { useErrorText, useLocale, useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";
import { useMessageTranslation } from "../api/assist.ts";
import { agentLanguage, ENGINE_LABELS, LANGUAGE_LABELS } from "../utils/labels.ts";

/**
 * Under a customer message written in another language than the agent's console: "Traduzir" shows the translation
 * beside the original. Asked once per message and language, then kept (React Query and the server both cache it).
 */
export function MessageTranslationToggle({ message }: { message: Message }) {
  const t = useT();
  const errorText = useErrorText();
  const { locale } = useLocale();
  const to = agentLanguage(locale);
  const language = message.insights?.language;
  const [shown, setShown] = useState(false);
  const translatable = message.direction === "inbound" && !!language && language !== to && !!message.text;
  const query = useMessageTranslation(message.id, to, { enabled: translatable && shown });
  if (!translatable) return null;

  const link = "text-xs font-medium text-brand-800 underline-offset-2 hover:underline dark:text-brand-300";
  if (!shown) {
    return (
      <button type="button" className={`mt-1 ${link}`} onClick={() => setShown(true)}>
        {t("copilot.translate.message", { language: t(LANGUAGE_LABELS[to]) })}
      </button>
    );
  }
  return (
    <div className="mt-1 border-l-2 border-brand-600 pl-2" aria-live="polite">
      {query.isPending ? (
        <p className="text-xs text-slate-600 dark:text-slate-300">{t("copilot.translate.loading")}</p>
      ) : query.isError ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {t("copilot.translate.failed", { reason: errorText(query.error) })}
        </p>
      ) : (
        <figure>
          <figcaption className="text-[11px] font-medium text-slate-600 dark:text-slate-400">
            {t("copilot.translate.caption", {
              from: t(LANGUAGE_LABELS[query.data.from ?? language]),
              to: t(LANGUAGE_LABELS[query.data.to]),
              engine: t(ENGINE_LABELS[query.data.engine]),
            })}
          </figcaption>
          <p lang={query.data.to} className="text-sm whitespace-pre-wrap">
            {query.data.text}
          </p>
        </figure>
      )}
      <button type="button" className={link} onClick={() => setShown(false)}>
        {t("copilot.translate.hide")}
      </button>
    </div>
  );
}
