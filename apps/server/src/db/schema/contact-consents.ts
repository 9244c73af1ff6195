import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contacts } from "./contacts.ts";
import { messages } from "./messages.ts";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/** Why a contact's data is used: answering them (`service`) or promoting to them (`marketing`, LGPD art. 7 I). */
export const consentPurposes = ["service", "marketing"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
/** A recorded decision; a purpose with no record is `unknown` (never stored). */
export const consentStates = ["granted", "withdrawn"] as const;
export type ConsentState = (typeof consentStates)[number];
/** How the decision reached Papo. The keyword sources are Papo's own (inbound messages), never given through the API. */
export const consentSources = ["api", "console", "import", "campaign_form", "opt_out_keyword", "opt_in_keyword"] as const;
export type ConsentSource = (typeof consentSources)[number];

/**
 * A contact's current decision per purpose: one row per (contact, purpose), replaced by each new record. The row lock
 * serialises concurrent changes of one contact's consent; `canReceiveMarketing` reads only this table.
 */
export const contactConsents = pgTable(
  "contact_consents",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: consentPurposes }).notNull(),
    state: text("state", { enum: consentStates }).notNull(),
    source: text("source", { enum: consentSources }).notNull(),
    /** The history record that set this state. */
    eventId: uuid("event_id").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [uniqueIndex("contact_consents_contact_purpose_key").on(t.workspaceId, t.contactId, t.purpose)],
);

/**
 * The append-only history of consent decisions (LGPD art. 8 §2: the controller proves consent). Evidence (the
 * message that withdrew it, a CRM reference, an agent's note) may be personal: encrypted with AAD
 * `contact_consent_events:evidence_enc:<id>`. Who recorded it: a user (null once deleted) or a part of Papo.
 */
export const contactConsentEvents = pgTable(
  "contact_consent_events",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: consentPurposes }).notNull(),
    state: text("state", { enum: consentStates }).notNull(),
    source: text("source", { enum: consentSources }).notNull(),
    evidenceEnc: text("evidence_enc"),
    /** The inbound message that carried an opt-out or opt-in keyword. */
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    actorType: text("actor_type", { enum: ["user", "system"] }).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The part of Papo that recorded it (`opt-out`), for system records. */
    actorName: text("actor_name"),
    recordedAt: timestamp("recorded_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    // The contact panel's history: a contact's records, newest first.
    index("contact_consent_events_contact_idx").on(t.workspaceId, t.contactId, t.recordedAt),
  ],
);

export type ContactConsentRow = typeof contactConsents.$inferSelect;
export type ContactConsentEventRow = typeof contactConsentEvents.$inferSelect;
