import { useFormat, useT } from "../../../i18n/i18n.tsx";
import { type Estimate, exclusionReasons } from "../api/types.ts";
import { categoryLabel, exclusionLabel } from "../utils/labels.ts";

/** Who gets the campaign, who is left out and why, what it should cost, and the limits it would hit. */
export function EstimateView({ estimate }: { estimate: Estimate }) {
  const t = useT();
  const format = useFormat();
  const money = (value: number) => format.currency(value, estimate.cost.currency);
  const excluded = exclusionReasons.filter((reason) => (estimate.excluded[reason] ?? 0) > 0);
  const limit = estimate.messagingLimit.limit;
  const overLimit = limit !== null && estimate.recipients > limit;
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <dt className="text-xs text-slate-600 dark:text-slate-400">{t("campaigns.estimate.audience")}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{format.number(estimate.audience)}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <dt className="text-xs text-slate-600 dark:text-slate-400">{t("campaigns.estimate.recipients")}</dt>
          <dd data-testid="estimate-recipients" className="text-2xl font-semibold tabular-nums">
            {format.number(estimate.recipients)}
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <dt className="text-xs text-slate-600 dark:text-slate-400">{t("campaigns.estimate.total")}</dt>
          <dd data-testid="estimate-total" className="text-2xl font-semibold tabular-nums">
            {money(estimate.cost.total)}
          </dd>
        </div>
      </dl>
      {excluded.length ? (
        <section className="space-y-1">
          <h4 className="text-sm font-semibold">{t("campaigns.estimate.excluded")}</h4>
          <ul aria-label={t("campaigns.estimate.excluded")} className="space-y-1 text-sm">
            {excluded.map((reason) => (
              <li key={reason}>
                {t(exclusionLabel[reason])}: <strong className="tabular-nums">{format.number(estimate.excluded[reason])}</strong>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="text-sm">{t("campaigns.estimate.none-excluded")}</p>
      )}
      {estimate.cost.byCountry.length ? (
        <table className="w-full max-w-2xl text-left text-sm">
          <caption className="pb-1 text-left text-sm font-semibold">{t("campaigns.estimate.cost")}</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className="py-1 pr-2">
                {t("campaigns.estimate.country")}
              </th>
              <th scope="col" className="py-1 pr-2">
                {t("campaigns.category")}
              </th>
              <th scope="col" className="py-1 pr-2 text-right">
                {t("campaigns.estimate.count")}
              </th>
              <th scope="col" className="py-1 pr-2 text-right">
                {t("campaigns.estimate.unit-price")}
              </th>
              <th scope="col" className="py-1 text-right">
                {t("campaigns.estimate.subtotal")}
              </th>
            </tr>
          </thead>
          <tbody>
            {estimate.cost.byCountry.map((row) => {
              const category = categoryLabel[row.category];
              return (
                <tr key={`${row.country}:${row.category}`} className="border-b border-slate-100 dark:border-slate-900">
                  <td className="py-1 pr-2">{row.country === "*" ? t("campaigns.estimate.other-countries") : row.country}</td>
                  <td className="py-1 pr-2">{category ? t(category) : row.category}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{format.number(row.count)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{money(row.unitPrice)}</td>
                  <td className="py-1 text-right tabular-nums">{money(row.subtotal)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4} className="py-1 pr-2 text-right">
                {t("campaigns.estimate.total")}
              </th>
              <td className="py-1 text-right font-semibold tabular-nums">{money(estimate.cost.total)}</td>
            </tr>
          </tfoot>
        </table>
      ) : null}
      {estimate.cost.unpriced > 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("campaigns.estimate.unpriced", { count: estimate.cost.unpriced })}</p>
      ) : null}
      <p className="text-xs text-slate-600 dark:text-slate-400">{t("campaigns.estimate.cost.hint")}</p>
      {estimate.budgetCap !== null && !estimate.withinBudget ? (
        <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t("campaigns.estimate.over-budget", { cap: money(estimate.budgetCap), total: money(estimate.cost.total) })}
        </p>
      ) : null}
      {overLimit ? (
        <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t("campaigns.estimate.over-limit", { limit: format.number(limit), recipients: format.number(estimate.recipients) })}
        </p>
      ) : null}
      {estimate.sample.length ? (
        <section className="space-y-2">
          <h4 className="text-sm font-semibold">{t("campaigns.estimate.sample")}</h4>
          <ul className="space-y-2">
            {estimate.sample.map((sample, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed sample of at most three, never reordered
              <li key={index} className="max-w-md rounded-2xl rounded-br-sm bg-brand-100 px-3 py-2 text-sm dark:bg-brand-900">
                <span className="block text-xs font-medium text-slate-600 dark:text-slate-300">
                  {sample.contactName ?? t("contact.unknown")}
                </span>
                {sample.body}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
