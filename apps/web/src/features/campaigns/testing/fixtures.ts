import type { Campaign, CampaignReport, CampaignTemplate, Estimate } from "../api/types.ts";

/** Test data shaped like the API's answers (used by the feature's tests only). */
export function buildTemplate(overrides: Partial<CampaignTemplate> = {}): CampaignTemplate {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    name: "promo_cupom",
    language: "pt_BR",
    category: "MARKETING",
    status: "APPROVED",
    components: [
      { type: "BODY", text: "Olá, {{1}}! Seu cupom {{2}} vale até domingo." },
      { type: "FOOTER", text: "Loja Sol" },
    ],
    variables: [
      { key: "body.1", component: "body", name: "1", kind: "text", example: "Lia" },
      { key: "body.2", component: "body", name: "2", kind: "text", example: "LIA10" },
    ],
    ...overrides,
  };
}

export function buildCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: "22222222-2222-4222-8222-222222222222",
    name: "Black Friday",
    channelId: "33333333-3333-4333-8333-333333333333",
    status: "draft",
    template: { id: "11111111-1111-4111-8111-111111111111", name: "promo_cupom", language: "pt_BR", category: "MARKETING" },
    mapping: {},
    audience: { kind: "filter" },
    startAt: null,
    ratePerSecond: 20,
    budgetCap: null,
    currency: "USD",
    estimate: null,
    pausedReason: null,
    throttledUntil: null,
    launchedAt: null,
    completedAt: null,
    cancelledAt: null,
    createdAt: "2026-11-20T12:00:00.000Z",
    updatedAt: "2026-11-20T12:00:00.000Z",
    counts: { recipients: 0, pending: 0, queued: 0, skipped: 0, cancelled: 0 },
    ...overrides,
  };
}

export function buildEstimate(overrides: Partial<Estimate> = {}): Estimate {
  return {
    audience: 12,
    recipients: 9,
    excluded: { no_marketing_consent: 2, opted_out: 1, duplicate: 0, invalid_number: 0, no_whatsapp_id: 0, missing_variables: 0 },
    cost: {
      currency: "USD",
      total: 0.5375,
      byCountry: [
        { country: "BR", category: "MARKETING", count: 8, unitPrice: 0.0625, subtotal: 0.5 },
        { country: "US", category: "MARKETING", count: 1, unitPrice: 0.0375, subtotal: 0.0375 },
      ],
      unpriced: 0,
    },
    budgetCap: null,
    withinBudget: true,
    messagingLimit: { tier: "TIER_2K", limit: 2000 },
    sample: [{ contactName: "Lia Souza", body: "Olá, Lia! Seu cupom LIA10 vale até domingo." }],
    ...overrides,
  };
}

export function buildReport(overrides: Partial<CampaignReport> = {}): CampaignReport {
  return {
    counts: {
      recipients: 10,
      pending: 1,
      queued: 1,
      sending: 0,
      sent: 7,
      delivered: 5,
      read: 2,
      failed: 1,
      replied: 1,
      skipped: 0,
      cancelled: 0,
    },
    failedByCode: [{ code: "131026", title: "Message undeliverable", count: 1 }],
    skippedByReason: {},
    cost: { currency: "USD", queued: 0.5625, delivered: 0.3125 },
    throttledUntil: null,
    pausedReason: null,
    startedAt: "2026-11-20T12:05:00.000Z",
    completedAt: null,
    sendRate: { configured: 20, observed: 3.5 },
    ...overrides,
  };
}
