import { describe, expect, it } from "vitest";
import { variablesOf } from "../templates/variables.ts";
import type { AudienceMember } from "./audience.ts";
import { buildEstimate, decide, type EstimateTemplate, renderBody } from "./estimate.ts";
import { priceLookup, priceTableRows } from "./pricing.ts";
import { DEFAULT_PRICES, toMicros } from "./pricing-defaults.ts";

const rate = (country: string, category: string, price: number) => ({
  country,
  category,
  priceMicros: toMicros(price),
  currency: "USD",
  updatedAt: new Date(),
});

const template: EstimateTemplate = {
  name: "promo",
  language: "pt_BR",
  category: "MARKETING",
  parameterFormat: "POSITIONAL",
  components: [{ type: "BODY", text: "{{1}}, só hoje: {{2}} de desconto!" }],
};

const member = (digits: string | null, country: string | null, extra: Partial<AudienceMember> = {}): AudienceMember => ({
  contactId: null,
  recipientId: null,
  rowNumber: null,
  digits,
  country,
  contact: { name: `Pessoa ${digits}` },
  marketing: "allowed",
  csvConsent: false,
  ...extra,
});

describe("price table and estimate", () => {
  it("when Meta's list prices are the defaults, they are the 2026-10-01 rate card's", () => {
    expect(DEFAULT_PRICES.BR).toEqual({ MARKETING: 0.0625, UTILITY: 0.0068, AUTHENTICATION: 0.0068 });
    expect(DEFAULT_PRICES.US).toEqual(DEFAULT_PRICES.CA);
    expect(DEFAULT_PRICES["*"]).toBeUndefined();
  });

  it("when the workspace has its own rows, its country price wins, then the default, then its rest-of-world price", () => {
    const lookup = priceLookup([rate("BR", "MARKETING", 0.05), rate("*", "MARKETING", 0.1)]);
    expect(lookup("BR", "marketing")?.priceMicros).toBe(50_000);
    expect(lookup("MX", "MARKETING")?.priceMicros).toBe(30_500);
    expect(lookup("DE", "MARKETING")?.priceMicros).toBe(100_000);
    expect(lookup(null, "MARKETING")?.priceMicros).toBe(100_000);
    expect(lookup("DE", "UTILITY")).toBeUndefined();
    const rows = priceTableRows([rate("BR", "MARKETING", 0.05)]);
    expect(rows.find((r) => r.country === "BR" && r.category === "MARKETING")).toMatchObject({ priceMicros: 50_000, custom: true });
    expect(rows.find((r) => r.country === "BR" && r.category === "UTILITY")).toMatchObject({ priceMicros: 6_800, custom: false });
  });

  it("when recipients are in several markets, the cost adds list prices per country and counts the unpriced apart", () => {
    const members = [
      member("5511900000001", "BR"),
      member("5511900000002", "BR"),
      member("525512345678", "MX"),
      member("14155552671", "US"),
      member("4915123456789", "DE"),
      member("5511900000001", "BR"),
      member(null, null),
      member("5511900000003", "BR", { marketing: "opted_out" }),
      member("5511900000004", "BR", { marketing: "no_consent" }),
      member("5511900000005", "BR", { marketing: "no_consent", csvConsent: true }),
    ];
    const mapping = {
      "body.1": { source: "contact" as const, field: "first_name" as const },
      "body.2": { source: "fixed" as const, value: "30%" },
    };
    const decisions = decide(members, { template, mapping, variables: variablesOf(template) });
    const estimate = buildEstimate({
      decisions,
      template,
      prices: priceLookup([]),
      uploadRejected: { invalid_number: 2, missing_value: 1 },
      budgetCapMicros: toMicros(0.2),
      currency: "USD",
      messagingLimitTier: "TIER_1K",
      at: new Date("2026-11-29T12:00:00Z"),
    });
    expect(estimate.audience).toBe(13);
    expect(estimate.recipients).toBe(6);
    expect(estimate.excluded).toEqual({
      no_marketing_consent: 1,
      opted_out: 1,
      duplicate: 1,
      invalid_number: 2,
      no_whatsapp_id: 1,
      missing_variables: 1,
    });
    expect(estimate.cost.byCountry).toEqual([
      { country: "BR", category: "MARKETING", count: 3, unitPrice: 0.0625, subtotal: 0.1875 },
      { country: "MX", category: "MARKETING", count: 1, unitPrice: 0.0305, subtotal: 0.0305 },
      { country: "US", category: "MARKETING", count: 1, unitPrice: 0.025, subtotal: 0.025 },
    ]);
    expect(estimate.cost.total).toBe(0.243);
    expect(estimate.cost.unpriced).toBe(1);
    expect(estimate.withinBudget).toBe(false);
    expect(estimate.messagingLimit).toEqual({ tier: "TIER_1K", limit: 1000 });
    expect(estimate.sample[0]).toEqual({ contactName: "Pessoa 5511900000001", body: "Pessoa, só hoje: 30% de desconto!" });
  });

  it("when a template has named parameters, the preview fills them by name", () => {
    const named = { components: [{ type: "BODY", text: "Olá, {{nome}}! Pedido {{pedido}}." }] };
    const body = {
      type: "template" as const,
      name: "pedido",
      language: "pt_BR",
      components: [
        {
          type: "body" as const,
          parameters: [
            { type: "text" as const, text: "#4721", parameterName: "pedido" },
            { type: "text" as const, text: "Lia", parameterName: "nome" },
          ],
        },
      ],
    };
    expect(renderBody(named, body)).toBe("Olá, Lia! Pedido #4721.");
  });
});
