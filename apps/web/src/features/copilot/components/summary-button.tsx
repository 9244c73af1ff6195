import { useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useSummarize } from "../api/assist.ts";
import { useCopilotStatus } from "../api/get-copilot-status.ts";
import { EngineNote } from "./engine-note.tsx";

/** "Resumo" in the conversation header: summarises the conversation on demand and shows it in a dialog. */
export function SummaryButton({ conversationId }: { conversationId: string }) {
  const t = useT();
  const errorText = useErrorText();
  const status = useCopilotStatus();
  const summarize = useSummarize(conversationId);
  const [open, setOpen] = useState(false);
  if (status.data?.features.summary !== true) return null;

  const show = () => {
    setOpen(true);
    summarize.mutate();
  };

  return (
    <>
      <Button size="sm" onClick={show}>
        <Icon name="list" className="size-3.5" />
        {t("copilot.summary.button")}
      </Button>
      {open ? (
        <Dialog title={t("copilot.summary.title")} closeLabel={t("common.close")} onClose={() => setOpen(false)}>
          <div aria-live="polite" className="space-y-3 text-sm">
            {summarize.isPending ? (
              <p className="text-slate-600 dark:text-slate-400">{t("copilot.summary.loading")}</p>
            ) : summarize.isError ? (
              <div role="alert" className="space-y-2">
                <p className="text-red-700 dark:text-red-400">{t("copilot.summary.failed", { reason: errorText(summarize.error) })}</p>
                <Button size="sm" onClick={() => summarize.mutate()}>
                  {t("common.retry")}
                </Button>
              </div>
            ) : summarize.data ? (
              <>
                <p className="whitespace-pre-wrap">{summarize.data.summary.text}</p>
                {summarize.data.summary.points.length ? (
                  <ul className="list-disc space-y-1 pl-5">
                    {summarize.data.summary.points.map((point) => (
                      <li key={point}>{point}</li>
                    ))}
                  </ul>
                ) : null}
                <EngineNote engine={summarize.data.engine} fallback={summarize.data.fallback} />
              </>
            ) : null}
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
