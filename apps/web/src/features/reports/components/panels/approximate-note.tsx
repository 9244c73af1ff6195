import { useT } from "../../../../i18n/i18n.tsx";

/** Says that medians and p90 were read from closed months' histograms (within 1%), when the report says so. */
export function ApproximateNote({ percentiles, testId }: { percentiles: "exact" | "approximate"; testId: string }) {
  const t = useT();
  if (percentiles !== "approximate") return null;
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" data-testid={testId}>
      {t("reports.speed.approximate")}
    </p>
  );
}
