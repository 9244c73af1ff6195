export const pricingCategories = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type PricingCategory = (typeof pricingCategories)[number];

/** One price of the table: a delivered template message of `category` to a number of `country` (`*` = the rest). */
export interface PriceRate {
  country: string;
  category: PricingCategory;
  price: number;
  /** The workspace set it (else it is Papo's default, Meta's list price). */
  custom: boolean;
}

/** GET /api/v1/pricing-rates: defaults merged with the workspace's own prices. */
export interface PriceTable {
  currency: string;
  effectiveDate: string;
  source: string;
  rates: PriceRate[];
}

/** PUT /api/v1/pricing-rates: the workspace's own prices, all of them (an empty list goes back to the defaults). */
export interface PriceTableInput {
  rates: Array<{ country: string; category: PricingCategory; price: number }>;
}

export const pricingPaths = { rates: "/api/v1/pricing-rates" } as const;

export const pricingKeys = { table: ["pricing-rates"] as const };
