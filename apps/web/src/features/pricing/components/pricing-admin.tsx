import { useMemo, useState } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { useErrorText, useLocale, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { usePriceTable, useSavePriceTable } from "../api/pricing.ts";
import { type PriceTable, type PricingCategory, pricingCategories } from "../api/types.ts";
import { countryCodes, countryName, REST_OF_WORLD } from "../utils/countries.ts";
import { invalidCells, type PriceRow, rowsOf, toInput } from "../utils/table.ts";

const categoryLabel: Record<PricingCategory, TranslationKey> = {
  MARKETING: "pricing.category.MARKETING",
  UTILITY: "pricing.category.UTILITY",
  AUTHENTICATION: "pricing.category.AUTHENTICATION",
};

/** `2026-10-01` as a date in the reader's language (a calendar day: no time zone shift). */
function effectiveDate(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

function ResetDialog({ pending, onConfirm, onClose }: { pending: boolean; onConfirm: () => void; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t("pricing.reset.title")} closeLabel={t("common.close")} onClose={onClose}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("pricing.reset.warning")}</p>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("pricing.cancel")}</Button>
          <Button variant="danger" disabled={pending} onClick={onConfirm}>
            {t("pricing.reset.submit")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function PriceEditor({ table, onSaved, onEdited }: { table: PriceTable; onSaved: () => void; onEdited: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const { locale } = useLocale();
  const save = useSavePriceTable();
  const initial = useMemo(() => rowsOf(table.rates), [table]);
  const [rows, setRows] = useState<PriceRow[]>(initial);
  const [dirty, setDirty] = useState(false);
  const [adding, setAdding] = useState("");
  const [resetting, setResetting] = useState(false);
  const invalid = invalidCells(rows);
  const rest = t("pricing.rest-of-world");
  const name = (code: string) => countryName(code, locale, rest);
  const present = new Set(rows.map((r) => r.country));
  // By name in the reader's language, the rest of the world last.
  const shown = [...rows].sort((a, b) =>
    a.country === REST_OF_WORLD ? 1 : b.country === REST_OF_WORLD ? -1 : name(a.country).localeCompare(name(b.country), locale),
  );
  const addable = [
    REST_OF_WORLD,
    ...countryCodes.filter((c) => !present.has(c)).sort((a, b) => name(a).localeCompare(name(b), locale)),
  ].filter((c) => !present.has(c));

  const edit = (country: string, category: PricingCategory, patch: { value: string; custom: boolean }) => {
    onEdited();
    setDirty(true);
    setRows((current) =>
      current.map((row) =>
        row.country === country ? { ...row, cells: { ...row.cells, [category]: { ...row.cells[category], ...patch } } } : row,
      ),
    );
  };

  const addCountry = () => {
    if (!adding) return;
    const empty = () => ({ value: "", custom: true, defaultValue: null });
    setRows((current) => [...current, { country: adding, cells: { MARKETING: empty(), UTILITY: empty(), AUTHENTICATION: empty() } }]);
    setAdding("");
    setDirty(true);
    onEdited();
  };

  const submit = (input = toInput(rows)) =>
    save.mutate(input, {
      onSuccess: () => {
        setResetting(false);
        onSaved();
      },
    });

  return (
    <div className="space-y-4">
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("pricing.table", { currency: table.currency })}</caption>
          <thead className="bg-slate-50 text-xs text-slate-600 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("pricing.column.country")}
              </th>
              {pricingCategories.map((category) => (
                <th key={category} scope="col" className="px-3 py-2 font-medium">
                  {t(categoryLabel[category])} ({table.currency})
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {shown.map((row) => (
              <tr key={row.country} className="align-top">
                <th scope="row" className="px-3 py-2 font-normal">
                  <span className="block font-medium">{name(row.country)}</span>
                  <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">{row.country}</span>
                </th>
                {pricingCategories.map((category) => {
                  const cell = row.cells[category];
                  // A price put back to the default shows it after the save; one that never had a price has none.
                  const wasCustom = initial.find((r) => r.country === row.country)?.cells[category].custom ?? false;
                  const label = t("pricing.cell", { category: t(categoryLabel[category]), country: name(row.country) });
                  const bad = invalid.has(`${row.country}|${category}`);
                  return (
                    <td key={category} className="px-3 py-2">
                      <div className="flex items-center gap-1">
                        <input
                          aria-label={label}
                          aria-invalid={bad || undefined}
                          inputMode="decimal"
                          value={cell.value}
                          placeholder={!cell.custom && wasCustom ? t("pricing.default-after-save") : t("pricing.no-price")}
                          onChange={(e) => edit(row.country, category, { value: e.target.value, custom: true })}
                          className={`block h-9 w-28 rounded-lg border px-2 font-mono text-sm aria-invalid:border-red-600 dark:bg-slate-950 ${
                            cell.custom
                              ? "border-brand-600 bg-brand-50 dark:border-brand-400"
                              : "border-slate-300 bg-white dark:border-slate-700"
                          }`}
                        />
                        {cell.custom ? (
                          <IconButton
                            icon="x"
                            label={t("pricing.use-default", { cell: label })}
                            onClick={() => edit(row.country, category, { value: cell.defaultValue ?? "", custom: false })}
                          />
                        ) : null}
                      </div>
                      <div className="mt-1">
                        {cell.custom ? <Badge tone="info">{t("pricing.custom")}</Badge> : <Badge>{t("pricing.default")}</Badge>}
                      </div>
                      {bad ? <p className="mt-1 text-xs text-red-700 dark:text-red-300">{t("pricing.invalid")}</p> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <SelectField className="min-w-56" label={t("pricing.add.country")} value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">{t("pricing.add.choose")}</option>
          {addable.map((code) => (
            <option key={code} value={code}>
              {code === REST_OF_WORLD ? `${rest} (*)` : `${name(code)} (${code})`}
            </option>
          ))}
        </SelectField>
        <Button disabled={!adding} onClick={addCountry}>
          {t("pricing.add")}
        </Button>
      </div>
      {save.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(save.error)}
        </p>
      ) : null}
      {invalid.size ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("pricing.invalid-summary", { count: invalid.size })}
        </p>
      ) : null}
      <div className="flex flex-wrap justify-between gap-2">
        <Button variant="danger" onClick={() => setResetting(true)}>
          {t("pricing.reset")}
        </Button>
        <div className="flex gap-2">
          <Button
            disabled={!dirty || save.isPending}
            onClick={() => {
              setRows(initial);
              setDirty(false);
            }}
          >
            {t("pricing.discard")}
          </Button>
          <Button variant="primary" disabled={!dirty || invalid.size > 0 || save.isPending} onClick={() => submit()}>
            {save.isPending ? t("pricing.saving") : t("pricing.save")}
          </Button>
        </div>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {t("pricing.source", { source: table.source, date: effectiveDate(table.effectiveDate, locale) })}
      </p>
      {resetting ? (
        <ResetDialog pending={save.isPending} onConfirm={() => submit({ rates: [] })} onClose={() => setResetting(false)} />
      ) : null}
    </div>
  );
}

/**
 * Admin → Price table: what one delivered template message costs per country and category. Campaign estimates and
 * budget caps use it; it starts from Meta's list prices and the workspace may change any of them.
 */
export function PricingAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const table = usePriceTable();
  const [saved, setSaved] = useState(false);
  // The editor starts over from the server's table after each save (which merges the workspace's prices with the
  // defaults), but not on a background refetch, which would drop edits in progress.
  const [version, setVersion] = useState(0);
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{t("pricing.title")}</h2>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          {t("pricing.intro", { currency: table.data?.currency ?? "USD" })}
        </p>
      </header>
      {table.isPending ? <p className="text-sm">{t("pricing.loading")}</p> : null}
      {table.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(table.error)}
        </p>
      ) : null}
      {table.data ? (
        <PriceEditor
          key={version}
          table={table.data}
          onEdited={() => setSaved(false)}
          onSaved={() => {
            setSaved(true);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
      <div aria-live="polite">
        {saved ? (
          <p role="status" className="text-sm text-brand-800 dark:text-brand-200">
            {t("pricing.saved")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
