import { z } from "zod";
import { campaignStatuses } from "../../db/schema/campaigns.ts";
import { pageQuery } from "../../http/pagination.ts";
import { contactFields } from "../templates/mapping.ts";
import { pricingCategories } from "./pricing-defaults.ts";

export const NAME_MAX = 120;
/** A CSV sent raw (`text/csv`) may be this large; JSON bodies keep the API's 1 MB limit. */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;
/** Meta's limit for one text parameter is far below; this only keeps junk out. */
const VALUE_MAX = 1024;

const fallback = z.string().max(VALUE_MAX).optional().describe("Used when the contact or row has no value");

export const variableSourceSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("contact"), field: z.enum(contactFields), fallback }),
  z.object({ source: z.literal("attribute"), attribute: z.string().trim().min(1).max(100), fallback }),
  z.object({ source: z.literal("csv"), column: z.string().trim().min(1).max(200), fallback }),
  z.object({ source: z.literal("fixed"), value: z.string().min(1).max(VALUE_MAX) }),
  z.object({ source: z.literal("media"), mediaId: z.uuid() }),
  z.object({ source: z.literal("link"), url: z.url().max(2000), filename: z.string().min(1).max(240).optional() }),
]);

export const mappingSchema = z
  .record(z.string().min(1).max(100), variableSourceSchema)
  .refine((m) => Object.keys(m).length <= 50, "at most 50 variables")
  .describe("Template variable key (`body.1`, `header.media`, `button.0`) → where its value comes from");

const tag = z.string().trim().min(1).max(60);

export const filterAudienceSchema = z.object({
  kind: z.literal("filter"),
  tags: z.array(tag).max(30).optional().describe("Contacts that have every one of these tags"),
  anyTags: z.array(tag).max(30).optional().describe("Contacts that have at least one of these tags"),
  attributes: z
    .record(z.string().min(1).max(100), z.string().max(VALUE_MAX))
    .refine((a) => Object.keys(a).length <= 30, "at most 30 attributes")
    .optional()
    .describe("Contacts whose attribute equals the value (compared as text)"),
});

export const audienceSchema = z.discriminatedUnion("kind", [
  filterAudienceSchema,
  z.object({ kind: z.literal("csv") }).describe("Recipients come from POST /api/v1/campaigns/:id/audience/csv"),
]);
export type AudienceInput = z.infer<typeof audienceSchema>;

const audienceDtoSchema = z.discriminatedUnion("kind", [
  filterAudienceSchema,
  z.object({
    kind: z.literal("csv"),
    columns: z.array(z.string()).describe("The uploaded file's variable columns (empty before an upload)"),
  }),
]);

const startAt = z.iso.datetime({ offset: true }).nullable().describe("Null or absent: as soon as launched");
const ratePerSecond = z.number().int().min(1).max(1000).describe("Messages per second; at most the number's send rate");
const budgetCap = z.number().min(0).max(10_000_000).nullable().describe("Spending cap in the price table's currency (e.g. 25.5)");

export const createCampaignBody = z.object({
  name: z.string().trim().min(1).max(NAME_MAX),
  channelId: z.uuid(),
  templateId: z.uuid().describe("A synced template (GET /api/v1/templates) of the channel's WhatsApp Business Account"),
  mapping: mappingSchema,
  audience: audienceSchema,
  startAt: startAt.optional(),
  ratePerSecond: ratePerSecond.optional().describe("Default: 20, or the number's send rate when lower"),
  budgetCap: budgetCap.optional(),
});
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;

export const updateCampaignBody = z.object({
  name: z.string().trim().min(1).max(NAME_MAX).optional(),
  channelId: z.uuid().optional(),
  templateId: z.uuid().optional(),
  mapping: mappingSchema.optional(),
  audience: audienceSchema.optional(),
  startAt: startAt.optional(),
  ratePerSecond: ratePerSecond.optional(),
  budgetCap: budgetCap.optional(),
});
export type UpdateCampaignBody = z.infer<typeof updateCampaignBody>;

export const campaignParams = z.object({ id: z.uuid() });

export const listCampaignsQuery = z.object({
  ...pageQuery,
  status: z.enum(campaignStatuses).optional(),
});

export const exclusionReasons = [
  "no_marketing_consent",
  "opted_out",
  "duplicate",
  "invalid_number",
  "no_whatsapp_id",
  "missing_variables",
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

/** The estimate as stored on the campaign: counts and money only, no personal data. */
export const storedEstimateSchema = z.object({
  estimatedAt: z.iso.datetime(),
  audience: z.number().int().describe("People the audience names (contacts matched, or CSV rows including rejected ones)"),
  recipients: z.number().int().describe("Who will be messaged"),
  excluded: z.object(Object.fromEntries(exclusionReasons.map((r) => [r, z.number().int()])) as Record<ExclusionReason, z.ZodNumber>),
  cost: z.object({
    currency: z.string(),
    total: z.number().describe("Sum of the priced recipients' list prices"),
    byCountry: z.array(
      z.object({
        country: z.string().describe("ISO 3166 alpha-2, or * (the workspace's rest-of-world price)"),
        category: z.string(),
        count: z.number().int(),
        unitPrice: z.number(),
        subtotal: z.number(),
      }),
    ),
    unpriced: z.number().int().describe("Recipients in markets without a price (not in the total)"),
  }),
  budgetCap: z.number().nullable(),
  withinBudget: z.boolean(),
  messagingLimit: z.object({
    tier: z.string().nullable(),
    limit: z.number().int().nullable().describe("Unique customers per rolling 24 hours; null: unknown or unlimited"),
  }),
});
export type StoredEstimate = z.infer<typeof storedEstimateSchema>;

export const estimateSchema = storedEstimateSchema.extend({
  sample: z.array(z.object({ contactName: z.string().nullable(), body: z.string() })).describe("Up to 3 recipients' message text"),
});
export type EstimateDto = z.infer<typeof estimateSchema>;

const countsSchema = z.object({
  recipients: z.number().int(),
  pending: z.number().int(),
  queued: z.number().int(),
  skipped: z.number().int(),
  cancelled: z.number().int(),
});

const iso = z.iso.datetime().nullable();

export const campaignSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  channelId: z.uuid(),
  status: z.enum(campaignStatuses),
  template: z.object({ id: z.uuid().nullable(), name: z.string(), language: z.string(), category: z.string() }),
  mapping: z.record(z.string(), variableSourceSchema),
  audience: audienceDtoSchema,
  startAt: iso,
  ratePerSecond: z.number().int(),
  budgetCap: z.number().nullable(),
  currency: z.string(),
  estimate: storedEstimateSchema.nullable(),
  pausedReason: z.string().nullable().describe("manual, budget, messaging_limit or template_unavailable"),
  throttledUntil: iso,
  launchedAt: iso,
  completedAt: iso,
  cancelledAt: iso,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  counts: countsSchema,
});
export type CampaignDto = z.infer<typeof campaignSchema>;

export const csvUploadBody = z.object({
  csv: z
    .string()
    .min(1)
    .max(CSV_MAX_BYTES)
    .describe("The file's text: a header line with a phone column, then one person per line. Also accepted raw as text/csv (up to 5 MB)"),
});

export const csvUploadResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  errors: z
    .array(
      z.object({
        row: z.number().int().describe("1 = the first line after the header"),
        field: z.string().optional(),
        code: z.enum(["invalid_number", "missing_phone", "duplicate", "missing_value", "too_many_columns"]),
        message: z.string(),
      }),
    )
    .describe("The first 500 rejected rows"),
  columns: z.array(z.string()).describe("Variable columns, usable as { source: csv, column }"),
});

export const priceCategorySchema = z.enum(pricingCategories);

export const pricingTableSchema = z.object({
  currency: z.string(),
  effectiveDate: z.string().describe("The date of Meta's rate card the defaults come from"),
  source: z.string(),
  rates: z.array(z.object({ country: z.string(), category: priceCategorySchema, price: z.number(), custom: z.boolean() })),
});

export const putPricingBody = z.object({
  rates: z
    .array(
      z.object({
        country: z
          .string()
          .regex(/^([A-Za-z]{2}|\*)$/, "an ISO 3166 alpha-2 code (BR) or * for every other country")
          .describe("ISO 3166 alpha-2, or * for every country without a price of its own"),
        category: z.enum(["MARKETING", "UTILITY", "AUTHENTICATION", "marketing", "utility", "authentication"]),
        price: z.number().min(0).max(10).describe("Per delivered message, in USD"),
      }),
    )
    .max(1000),
});
