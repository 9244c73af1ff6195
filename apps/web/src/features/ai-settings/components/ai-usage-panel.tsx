import { useState } from "react";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useAiUsage } from "../api/ai-settings.ts";

const currentMonth = () => new Date().toISOString().slice(0, 7);

/** This month's tokens per feature and engine against the budget, and how often the built-in engine stood in. */
export function AiUsagePanel() {
  const t = useT();
  const errorText = useErrorText();
  const [month, setMonth] = useState(currentMonth);
  const usage = useAiUsage(month);
  const data = usage.data;
  const share = data?.budgetTokens ? Math.min(100, Math.round((data.usedTokens / data.budgetTokens) * 100)) : null;
  return (
    <section aria-labelledby="ai-usage-title" className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h3 id="ai-usage-title" className="font-semibold">
        {t("ai.usage.title")}
      </h3>
      <TextField
        label={t("ai.usage.month")}
        type="month"
        className="max-w-xs"
        value={month}
        onChange={(e) => setMonth(e.target.value || currentMonth())}
      />
      {usage.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(usage.error)}
        </p>
      ) : null}
      {data ? (
        <>
          <p className="text-sm">
            {data.budgetTokens === null
              ? t("ai.usage.unlimited", { used: data.usedTokens })
              : t("ai.usage.of-budget", { used: data.usedTokens, budget: data.budgetTokens, remaining: data.remainingTokens ?? 0 })}
          </p>
          {share !== null ? (
            <meter aria-label={t("ai.usage.meter")} min={0} max={100} high={90} value={share} className="h-2 w-full max-w-md" />
          ) : null}
          {data.rows.length ? (
            <table className="w-full max-w-3xl text-left text-sm">
              <caption className="sr-only">{t("ai.usage.table")}</caption>
              <thead>
                <tr className="border-b border-slate-200 dark:border-slate-800">
                  <th scope="col" className="py-1 pr-3">
                    {t("ai.usage.feature")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("ai.usage.engine")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("ai.usage.requests")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("ai.usage.tokens")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("ai.usage.fallbacks")}
                  </th>
                  <th scope="col" className="py-1 text-right">
                    {t("ai.usage.cached")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={`${row.feature}:${row.engine}`} className="border-b border-slate-100 dark:border-slate-900">
                    <td className="py-1 pr-3">{row.feature}</td>
                    <td className="py-1 pr-3">{t(row.engine === "provider" ? "ai.engine.provider" : "ai.engine.builtin")}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{row.requests}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{row.inputTokens + row.outputTokens}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{row.fallbacks}</td>
                    <td className="py-1 text-right tabular-nums">{row.cached}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("ai.usage.empty")}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
