/**
 * Meta's list prices for one delivered template message, per market and category, in USD (per-message pricing, in
 * force since 2025-07-01). Source: Meta's WhatsApp Business Platform rate card, as published for 2026-10-01. Prices
 * change on the 1st of a quarter: edit them in the console (PUT /api/v1/pricing-rates) when Meta changes them, and
 * update this table with the next release. These are list prices: no volume tiers, no free entry-point or
 * open-window (service window) discounts.
 *
 * `*` (the rest of the world) has no default on purpose: Meta's "Other" rates differ by region, and a guessed price
 * would look like a real one. Recipients in a market without a price are counted as unpriced in the estimate until
 * the workspace sets one.
 */

export const PRICING_CURRENCY = "USD";
export const PRICING_EFFECTIVE_DATE = "2026-10-01";
export const PRICING_SOURCE = "Meta WhatsApp Business Platform rate card (per-message pricing), as published for 2026-10-01";

export const pricingCategories = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type PricingCategory = (typeof pricingCategories)[number];

type Rates = Record<PricingCategory, number>;
const rates = (marketing: number, utility: number, authentication: number): Rates => ({
  MARKETING: marketing,
  UTILITY: utility,
  AUTHENTICATION: authentication,
});

/** Country (ISO 3166 alpha-2) → category → USD per delivered message. */
export const DEFAULT_PRICES: Readonly<Record<string, Rates>> = Object.freeze({
  BR: rates(0.0625, 0.0068, 0.0068),
  MX: rates(0.0305, 0.0085, 0.0085),
  // "North America" on Meta's card.
  US: rates(0.025, 0.0034, 0.0034),
  CA: rates(0.025, 0.0034, 0.0034),
  AR: rates(0.0618, 0.026, 0.026),
  CO: rates(0.0125, 0.0008, 0.0008),
  CL: rates(0.0889, 0.02, 0.02),
  IN: rates(0.0107, 0.0014, 0.0014),
  PE: rates(0.0703, 0.02, 0.02),
  ES: rates(0.0615, 0.02, 0.02),
  PT: rates(0.0615, 0.02, 0.02),
});

/** Prices are stored and added up in millionths of the currency: sums of thousands of 0.0068 stay exact. */
export const toMicros = (price: number): number => Math.round(price * 1_000_000);
export const fromMicros = (micros: number): number => Math.round(micros) / 1_000_000;
