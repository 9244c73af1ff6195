import { useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import { iframeSnippet } from "../utils/snippet.ts";

/** The HTML the CRM pastes into its page, with a copy button. */
export function EmbedSnippet({ embedUrl }: { embedUrl: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const snippet = iframeSnippet(embedUrl);
  return (
    <section aria-labelledby="embed-snippet-title" className="space-y-2">
      <h3 id="embed-snippet-title" className="text-lg font-semibold">
        {t("embed.snippet.title")}
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("embed.snippet.hint")}</p>
      <textarea
        readOnly
        aria-label={t("embed.snippet.code")}
        rows={10}
        value={snippet}
        className="block w-full rounded-lg bg-slate-100 p-3 font-mono text-xs text-slate-900 dark:bg-slate-800 dark:text-slate-100"
      />
      <div className="flex items-center gap-2">
        <Button
          onClick={() =>
            void navigator.clipboard?.writeText(snippet).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t("embed.snippet.copy")}
        </Button>
        {copied ? (
          <span role="status" className="text-sm text-brand-800 dark:text-brand-200">
            {t("embed.snippet.copied")}
          </span>
        ) : null}
      </div>
    </section>
  );
}
