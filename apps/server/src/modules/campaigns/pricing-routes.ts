import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { auditSource } from "../audit/request.ts";
import { priceTableRows } from "./pricing.ts";
import { fromMicros, PRICING_CURRENCY, PRICING_EFFECTIVE_DATE, PRICING_SOURCE, toMicros } from "./pricing-defaults.ts";
import { createPricingRepo } from "./pricing-repo.ts";
import { pricingTableSchema, putPricingBody } from "./schemas.ts";

/**
 * The price table campaigns are estimated and capped with: Papo's defaults (Meta's list prices) and the workspace's
 * own rows over them.
 */
export async function pricingRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["campaigns"];
  const path = "/api/v1/pricing-rates";
  const table = async (workspaceId: string) => ({
    currency: PRICING_CURRENCY,
    effectiveDate: PRICING_EFFECTIVE_DATE,
    source: PRICING_SOURCE,
    rates: priceTableRows(await createPricingRepo({ db: deps.database.db }).list(workspaceId)).map((row) => ({
      country: row.country,
      category: row.category,
      price: fromMicros(row.priceMicros),
      custom: row.custom,
    })),
  });

  r.get(
    path,
    {
      schema: {
        tags,
        summary: "The price table: list price per delivered template message by country and category (defaults and the workspace's own)",
        response: { 200: pricingTableSchema },
      },
    },
    async (request) => table(authOf(request).workspaceId),
  );

  r.put(
    path,
    {
      schema: {
        tags,
        summary: 'Replace the workspace\'s own prices (an empty list returns to the defaults; country "*" prices every other country)',
        body: putPricingBody,
        response: { 200: pricingTableSchema, 400: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const rates = request.body.rates.map((rate) => ({
        country: rate.country.toUpperCase(),
        category: rate.category.toUpperCase(),
        priceMicros: toMicros(rate.price),
      }));
      const seen = new Set<string>();
      rates.forEach((rate, i) => {
        const key = `${rate.country}|${rate.category}`;
        if (seen.has(key))
          throw new AppError({
            code: "request.invalid",
            status: 400,
            message: `body.rates.${i}: ${rate.country} ${rate.category} is listed twice`,
            details: { field: `rates.${i}` },
          });
        seen.add(key);
      });
      await deps.database.db.transaction(async (tx) => {
        await createPricingRepo({ db: tx }).replace(workspaceId, rates, { currency: PRICING_CURRENCY, at: deps.clock.now() });
        await deps.audit.record(
          {
            ...auditSource(request),
            action: "pricing_rates.changed",
            target: { type: "workspace", id: workspaceId },
            details: { rates: rates.length, countries: [...new Set(rates.map((rate) => rate.country))] },
          },
          { tx },
        );
      });
      return table(workspaceId);
    },
  );
}
