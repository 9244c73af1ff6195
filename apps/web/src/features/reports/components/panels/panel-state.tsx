import type { ReactNode } from "react";
import { useErrorText, useT } from "../../../../i18n/i18n.tsx";
import type { ReportQueryResult } from "./panel-context.ts";

/** Loading, error (the API's own message) or the report; `isEmpty` swaps the charts for "no data in this period". */
export function PanelState<T>({
  query,
  isEmpty,
  children,
}: {
  query: ReportQueryResult<T>;
  isEmpty: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  const errorText = useErrorText();
  if (query.error)
    return (
      <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        {errorText(query.error)}
      </p>
    );
  if (query.isPending || !query.data) return <p className="p-3 text-sm text-slate-600 dark:text-slate-400">{t("common.loading")}</p>;
  if (isEmpty(query.data))
    return (
      <p
        data-testid="reports-empty"
        className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
      >
        {t("reports.empty")}
      </p>
    );
  return <>{children(query.data)}</>;
}

/** A number the tag filter hides: "—", with why in a tooltip and for screen readers. */
export function useNullable() {
  const t = useT();
  return (value: number | null, format: (value: number) => string) =>
    value === null ? (
      <span title={t("reports.tag-hides-messages")}>
        —<span className="sr-only">{t("reports.tag-hides-messages")}</span>
      </span>
    ) : (
      format(value)
    );
}
