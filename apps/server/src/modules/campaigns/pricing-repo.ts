import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { pricingRates } from "../../db/schema/campaigns.ts";

export interface CustomRate {
  /** ISO 3166 alpha-2, or `*` for every country without a price of its own. */
  country: string;
  category: string;
  priceMicros: number;
  currency: string;
  updatedAt: Date;
}

/** A workspace's own prices (`pricing_rates`): business figures, not personal data, stored plain. */
export function createPricingRepo({ db }: { db: DbOrTx }) {
  return {
    async list(workspaceId: string): Promise<CustomRate[]> {
      const rows = await db.select().from(pricingRates).where(eq(pricingRates.workspaceId, workspaceId));
      return rows.map((r) => ({
        country: r.country,
        category: r.category,
        priceMicros: r.priceMicros,
        currency: r.currency,
        updatedAt: r.updatedAt,
      }));
    },
    /** Replaces every custom row of the workspace (an empty list returns it to the defaults). Run in a transaction. */
    async replace(
      workspaceId: string,
      rates: ReadonlyArray<{ country: string; category: string; priceMicros: number }>,
      { currency, at }: { currency: string; at: Date },
    ): Promise<void> {
      await db.delete(pricingRates).where(eq(pricingRates.workspaceId, workspaceId));
      if (rates.length === 0) return;
      await db.insert(pricingRates).values(rates.map((r) => ({ workspaceId, ...r, currency, updatedAt: at })));
    },
  };
}
