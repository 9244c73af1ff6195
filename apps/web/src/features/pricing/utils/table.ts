import { type PriceRate, type PriceTableInput, type PricingCategory, pricingCategories } from "../api/types.ts";
import { REST_OF_WORLD } from "./countries.ts";

/** One price as edited: the text typed, and whether it is the workspace's own (else the default list price). */
export interface PriceCell {
  value: string;
  custom: boolean;
  /** The default shown before any edit, to go back to it without a round trip (unknown for prices set earlier). */
  defaultValue: string | null;
}

export interface PriceRow {
  country: string;
  cells: Record<PricingCategory, PriceCell>;
}

export const MAX_PRICE = 10;

const emptyCell = (): PriceCell => ({ value: "", custom: false, defaultValue: null });

/** The server's flat list as one row per country, `*` last. */
export function rowsOf(rates: readonly PriceRate[]): PriceRow[] {
  const byCountry = new Map<string, PriceRow>();
  for (const rate of rates) {
    const row = byCountry.get(rate.country) ?? {
      country: rate.country,
      cells: { MARKETING: emptyCell(), UTILITY: emptyCell(), AUTHENTICATION: emptyCell() },
    };
    const value = String(rate.price);
    row.cells[rate.category] = { value, custom: rate.custom, defaultValue: rate.custom ? null : value };
    byCountry.set(rate.country, row);
  }
  const last = (c: string) => (c === REST_OF_WORLD ? 1 : 0);
  return [...byCountry.values()].sort(
    (a, b) => last(a.country) - last(b.country) || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0),
  );
}

/** A price as typed (`0,0625` or `0.0625`), or undefined unless a number in [0, MAX_PRICE]. */
export function parsePrice(text: string): number | undefined {
  const normal = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(normal)) return undefined;
  const value = Number(normal);
  return value >= 0 && value <= MAX_PRICE ? value : undefined;
}

/** Cells whose text is not a valid price, by `country|category` (empty custom cells are allowed: no price). */
export function invalidCells(rows: readonly PriceRow[]): Set<string> {
  const out = new Set<string>();
  for (const row of rows)
    for (const category of pricingCategories) {
      const cell = row.cells[category];
      if (cell.custom && cell.value.trim() !== "" && parsePrice(cell.value) === undefined) out.add(`${row.country}|${category}`);
    }
  return out;
}

/** The PUT body: every price of the workspace's own; an empty own cell is left out (that market is then unpriced). */
export function toInput(rows: readonly PriceRow[]): PriceTableInput {
  const rates: PriceTableInput["rates"] = [];
  for (const row of rows)
    for (const category of pricingCategories) {
      const cell = row.cells[category];
      const price = parsePrice(cell.value);
      if (cell.custom && price !== undefined) rates.push({ country: row.country, category, price });
    }
  return { rates };
}
