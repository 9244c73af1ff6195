import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { CampaignReport } from "../api/types.ts";
import { reasonText } from "../utils/labels.ts";
import { percent, reportSegments, type Segment, segments } from "../utils/report.ts";

const segmentLabel: Record<Segment, TranslationKey> = {
  read: "campaigns.report.read",
  delivered: "campaigns.report.delivered-unread",
  sent: "campaigns.report.sent-undelivered",
  waiting: "campaigns.report.waiting",
  failed: "campaigns.report.failed",
  skipped: "campaigns.report.skipped",
  cancelled: "campaigns.report.cancelled",
};

const segmentColour: Record<Segment, string> = {
  read: "bg-brand-700",
  delivered: "bg-brand-500",
  sent: "bg-sky-300",
  waiting: "bg-slate-300 dark:bg-slate-600",
  failed: "bg-red-600",
  skipped: "bg-amber-400",
  cancelled: "bg-slate-500",
};

const BIG_NUMBERS = [
  ["recipients", "campaigns.report.recipients"],
  ["sent", "campaigns.report.sent"],
  ["delivered", "campaigns.report.delivered"],
  ["read", "campaigns.report.read"],
  ["replied", "campaigns.report.replied"],
  ["failed", "campaigns.report.failed"],
  ["skipped", "campaigns.report.skipped"],
] as const satisfies ReadonlyArray<readonly [keyof CampaignReport["counts"], TranslationKey]>;

/** The live numbers of a launched campaign: big figures, a stacked bar, failures by Meta's code, skips by reason. */
export function CampaignReportView({ report }: { report: CampaignReport }) {
  const t = useT();
  const format = useFormat();
  const parts = reportSegments(report.counts);
  const whole = Math.max(
    report.counts.recipients,
    segments.reduce((sum, s) => sum + parts[s], 0),
  );
  const skipped = Object.entries(report.skippedByReason).filter(([, count]) => count > 0);
  return (
    <div className="space-y-5">
      <dl aria-label={t("campaigns.report.numbers")} className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
        {BIG_NUMBERS.map(([key, label]) => (
          <div key={key} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
            <dt className="text-xs text-slate-600 dark:text-slate-400">{t(label)}</dt>
            <dd data-testid={`report-${key}`} className="text-2xl font-semibold tabular-nums">
              {format.number(report.counts[key])}
            </dd>
          </div>
        ))}
      </dl>
      <figure className="space-y-2">
        <div
          role="img"
          aria-label={segments
            .filter((s) => parts[s] > 0)
            .map((s) => `${t(segmentLabel[s])}: ${format.number(parts[s])}`)
            .join(", ")}
          className="flex h-4 w-full overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
        >
          {segments.map((s) =>
            parts[s] > 0 ? <span key={s} className={segmentColour[s]} style={{ width: percent(parts[s], whole) }} /> : null,
          )}
        </div>
        <figcaption>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
            {segments.map((s) => (
              <li key={s} className="flex items-center gap-1">
                <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${segmentColour[s]}`} />
                {t(segmentLabel[s])} <span className="tabular-nums">{format.number(parts[s])}</span>
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="space-y-2">
          <h4 className="text-sm font-semibold">{t("campaigns.report.failed-by-code")}</h4>
          {report.failedByCode.length ? (
            <table aria-label={t("campaigns.report.failed-by-code")} className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200 dark:border-slate-800">
                  <th scope="col" className="py-1 pr-2">
                    {t("campaigns.report.code")}
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    {t("campaigns.report.reason")}
                  </th>
                  <th scope="col" className="py-1 text-right">
                    {t("campaigns.report.count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.failedByCode.map((row) => (
                  <tr key={row.code} className="border-b border-slate-100 dark:border-slate-900">
                    <td className="py-1 pr-2 font-mono text-xs">{row.code}</td>
                    <td className="py-1 pr-2">{row.title ?? "—"}</td>
                    <td className="py-1 text-right tabular-nums">{format.number(row.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("campaigns.report.no-failures")}</p>
          )}
        </section>
        <section className="space-y-2">
          <h4 className="text-sm font-semibold">{t("campaigns.report.skipped-by-reason")}</h4>
          {skipped.length ? (
            <ul className="space-y-1 text-sm">
              {skipped.map(([reason, count]) => (
                <li key={reason}>
                  {t(reasonText(reason))}: <strong className="tabular-nums">{format.number(count)}</strong>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("campaigns.report.no-skips")}</p>
          )}
        </section>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {t("campaigns.report.cost", {
          queued: format.currency(report.cost.queued, report.cost.currency),
          delivered: format.currency(report.cost.delivered, report.cost.currency),
        })}{" "}
        {t("campaigns.report.rate", { configured: report.sendRate.configured, observed: format.number(report.sendRate.observed) })}
      </p>
    </div>
  );
}
