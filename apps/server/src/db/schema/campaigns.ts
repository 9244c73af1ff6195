import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { contacts } from "./contacts.ts";
import { messageTemplates } from "./message-templates.ts";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/**
 * draft → scheduled (launched with a future start) → running → completed; running ⇄ paused (by a person, or by Papo:
 * budget cap, messaging limit, template paused by Meta); any of draft/scheduled/running/paused → cancelled.
 */
export const campaignStatuses = ["draft", "scheduled", "running", "paused", "completed", "cancelled"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const audienceKinds = ["filter", "csv"] as const;

/**
 * A broadcast of one template to many contacts (modules/campaigns). The parameter mapping and the audience filter may
 * hold personal data (attribute values, fixed texts): encrypted JSON with AAD `campaigns:<column>:<id>`. Counts are
 * derived from the recipients and their messages, never stored twice.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    status: text("status", { enum: campaignStatuses }).notNull().default("draft"),
    templateId: uuid("template_id").references(() => messageTemplates.id, { onDelete: "set null" }),
    /** Copied from the template when chosen: the send needs them even if the synced copy goes away. */
    templateName: text("template_name").notNull(),
    templateLanguage: text("template_language").notNull(),
    templateCategory: text("template_category").notNull(),
    /** How each template variable gets its value: `{ "<component>.<variable>": { source, … } }` (see modules/campaigns). */
    mappingEnc: text("mapping_enc").notNull(),
    audienceKind: text("audience_kind", { enum: audienceKinds }).notNull(),
    /** The filter (tags, attributes) for `filter`; the CSV's column names for `csv`. */
    audienceEnc: text("audience_enc").notNull(),
    /** Null: as soon as launched. */
    startAt: timestamp("start_at", { withTimezone: true, precision: 3 }),
    ratePerSecond: integer("rate_per_second").notNull(),
    /** Optional spending cap in millionths of `currency`; sending pauses (reason `budget`) before crossing it. */
    budgetCapMicros: bigint("budget_cap_micros", { mode: "number" }),
    currency: text("currency").notNull().default("USD"),
    /** The last pre-launch estimate (counts, exclusions by reason, cost by country): no personal data. */
    estimate: jsonb("estimate").$type<Record<string, unknown>>(),
    /** Why it is paused: `manual`, `budget`, `messaging_limit`, `template_unavailable`. */
    pausedReason: text("paused_reason"),
    /** The messaging-limit tier is used up until then: the sender waits, the campaign stays running. */
    throttledUntil: timestamp("throttled_until", { withTimezone: true, precision: 3 }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    launchedAt: timestamp("launched_at", { withTimezone: true, precision: 3 }),
    completedAt: timestamp("completed_at", { withTimezone: true, precision: 3 }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("campaigns_workspace_idx").on(t.workspaceId, t.createdAt),
    index("campaigns_active_idx").on(t.status).where(sql`${t.status} in ('scheduled', 'running')`),
  ],
);

/** pending → queued (its message exists: `message_id`) ; pending → skipped (`skip_reason`) ; pending → cancelled. */
export const recipientStatuses = ["pending", "queued", "skipped", "cancelled"] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];
/** Why a recipient is not messaged. */
export const skipReasons = [
  "no_marketing_consent",
  "opted_out",
  "duplicate",
  "invalid_number",
  "budget",
  "no_whatsapp_id",
  /** The mapping could not fill a required variable for this contact/row (modules/templates/bind.ts). */
  "missing_variables",
  /** The bound message broke one of Meta's limits (e.g. a parameter too long) and was refused before queueing. */
  "invalid_message",
] as const;

/**
 * One row per person a campaign addresses, made when the audience is fixed (CSV upload, or launch for a filter).
 * The phone (CSV) and per-row variables are personal data: encrypted with AAD `campaign_recipients:<column>:<id>`;
 * `wa_id_bidx` (keyed HMAC of the digits) makes a number appear once per campaign. The queued message carries the
 * idempotency key `campaign:<recipient id>`: a sender that crashes between queueing and marking never sends twice.
 */
export const campaignRecipients = pgTable(
  "campaign_recipients",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    waIdBidx: text("wa_id_bidx").notNull(),
    phoneEnc: text("phone_enc"),
    variablesEnc: text("variables_enc"),
    /** The CSV line it came from (1 = first data row), for per-row reports. */
    rowNumber: integer("row_number"),
    /** ISO 3166 country of the number (pricing market). */
    country: text("country"),
    status: text("status", { enum: recipientStatuses }).notNull().default("pending"),
    skipReason: text("skip_reason"),
    messageId: uuid("message_id"),
    /** The list price counted against the budget when queued, in millionths of the campaign's currency. */
    costMicros: bigint("cost_micros", { mode: "number" }),
    queuedAt: timestamp("queued_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("campaign_recipients_number_key").on(t.campaignId, t.waIdBidx),
    index("campaign_recipients_status_idx").on(t.campaignId, t.status),
    index("campaign_recipients_message_idx").on(t.messageId),
    index("campaign_recipients_contact_idx").on(t.workspaceId, t.contactId),
  ],
);

/**
 * A workspace's edits of the price table (per-message pricing, meta-cloud-api.md §5.3): the list price of one delivered
 * template message of `category` to a number of `country` (ISO 3166 alpha-2, or `*` for every other country), in
 * millionths of `currency`. Countries without a row use Papo's defaults (modules/campaigns/pricing-defaults.ts).
 */
export const pricingRates = pgTable(
  "pricing_rates",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    country: text("country").notNull(),
    category: text("category").notNull(),
    priceMicros: bigint("price_micros", { mode: "number" }).notNull(),
    currency: text("currency").notNull().default("USD"),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.country, t.category] })],
);

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignRecipientRow = typeof campaignRecipients.$inferSelect;
