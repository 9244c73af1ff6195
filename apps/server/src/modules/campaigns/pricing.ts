import type { DbOrTx } from "../../db/client.ts";
import { DEFAULT_PRICES, PRICING_CURRENCY, type PricingCategory, pricingCategories, toMicros } from "./pricing-defaults.ts";
import { type CustomRate, createPricingRepo } from "./pricing-repo.ts";

export interface UnitPrice {
  priceMicros: number;
  currency: string;
}

/** (country, template category) → the list price of one delivered message, or undefined when nobody priced it. */
export type PriceLookup = (country: string | null | undefined, category: string) => UnitPrice | undefined;

export interface PriceTableRow {
  country: string;
  category: PricingCategory;
  priceMicros: number;
  currency: string;
  /** Set by the workspace (else Papo's default list price). */
  custom: boolean;
}

const normalCategory = (category: string): string => category.trim().toUpperCase();

/**
 * The lookup over a workspace's custom rows and Papo's defaults. Most specific first: the workspace's price for the
 * country, then the default list price for it, then the workspace's `*` (rest of the world). A number whose country
 * is unknown only gets the `*` price.
 */
export function priceLookup(custom: readonly CustomRate[]): PriceLookup {
  const own = new Map(
    custom.map((r) => [`${r.country}|${normalCategory(r.category)}`, { priceMicros: r.priceMicros, currency: r.currency }]),
  );
  return (country, category) => {
    const cat = normalCategory(category);
    if (country) {
      const mine = own.get(`${country.toUpperCase()}|${cat}`);
      if (mine) return mine;
      const listed = DEFAULT_PRICES[country.toUpperCase()]?.[cat as PricingCategory];
      if (listed !== undefined) return { priceMicros: toMicros(listed), currency: PRICING_CURRENCY };
    }
    return own.get(`*|${cat}`);
  };
}

/**
 * A workspace's price table as a lookup (the sender checks the budget cap with it before queueing each message;
 * the estimate prices the audience with it). Read once per use: prices change rarely and a campaign's estimate
 * states the prices it used.
 */
export async function loadPriceTable(db: DbOrTx, workspaceId: string): Promise<PriceLookup> {
  return priceLookup(await createPricingRepo({ db }).list(workspaceId));
}

/** Every priced (country, category): the defaults, replaced or completed by the workspace's rows; sorted for display. */
export function priceTableRows(custom: readonly CustomRate[]): PriceTableRow[] {
  const rows = new Map<string, PriceTableRow>();
  for (const [country, prices] of Object.entries(DEFAULT_PRICES))
    for (const category of pricingCategories)
      rows.set(`${country}|${category}`, {
        country,
        category,
        priceMicros: toMicros(prices[category]),
        currency: PRICING_CURRENCY,
        custom: false,
      });
  for (const r of custom) {
    const category = normalCategory(r.category) as PricingCategory;
    rows.set(`${r.country}|${category}`, { country: r.country, category, priceMicros: r.priceMicros, currency: r.currency, custom: true });
  }
  // Countries in alphabetical order, the rest of the world last.
  const order = (c: string) => (c === "*" ? "ZZZ" : c);
  return [...rows.values()].sort((a, b) =>
    order(a.country) === order(b.country)
      ? pricingCategories.indexOf(a.category) - pricingCategories.indexOf(b.category)
      : order(a.country) < order(b.country)
        ? -1
        : 1,
  );
}
