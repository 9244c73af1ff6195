import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { paths } from "../../../config/paths.ts";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { isTranslationKey } from "../../../i18n/translate.ts";
import { useDrillDown } from "../api/reports.ts";
import type { DrillRequest } from "../api/types.ts";
import { useReportFormat } from "../utils/report-format.ts";

/** The conversations behind a number, newest facts first, each a link into the inbox; more on demand. */
export function DrillPanel({ title, request, onClose }: { title: string; request: DrillRequest; onClose: () => void }) {
  const t = useT();
  const f = useReportFormat();
  const errorText = useErrorText();
  const drill = useDrillDown(request);
  const items = drill.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Dialog title={title} closeLabel={t("common.close")} onClose={onClose}>
      <div className="space-y-2" data-testid="drill-panel">
        {drill.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(drill.error)}
          </p>
        ) : drill.isPending ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("common.loading")}</p>
        ) : items.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("reports.drill.empty")}</p>
        ) : (
          <ul aria-label={title} className="max-h-[60vh] divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800">
            {items.map((item) => (
              <li key={`${item.conversationId}-${item.at}`}>
                <a
                  href={paths.conversation.getHref(item.conversationId)}
                  className="block rounded-lg px-2 py-2 hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  <span className="flex items-baseline justify-between gap-2">
                    <span className="truncate font-medium">{item.contactName ?? t("reports.drill.no-name")}</span>
                    {item.seconds !== null ? <span className="shrink-0 text-sm tabular-nums">{f.duration(item.seconds)}</span> : null}
                  </span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {t("reports.drill.row", {
                      at: f.dateTime(item.at, request.timeZone),
                      status: isTranslationKey(`conversation.status.${item.status}`)
                        ? t(`conversation.status.${item.status}` as TranslationKey)
                        : item.status,
                      assignee: item.assignee?.name ?? t("reports.drill.unassigned"),
                    })}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
        {drill.hasNextPage ? (
          <Button onClick={() => drill.fetchNextPage()} disabled={drill.isFetchingNextPage} className="w-full">
            {drill.isFetchingNextPage ? t("common.loading") : t("reports.drill.more")}
          </Button>
        ) : null}
      </div>
    </Dialog>
  );
}
