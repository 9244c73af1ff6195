import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/**
 * A customer. Name, phone, wa_id, business-scoped user id and username are ciphertexts; the `*_bidx` columns are
 * keyed HMAC blind indexes that let the database find a contact by those values without holding them.
 */
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    nameEnc: text("name_enc"),
    phoneEnc: text("phone_enc"),
    phoneBidx: text("phone_bidx"),
    waIdEnc: text("wa_id_enc"),
    waIdBidx: text("wa_id_bidx"),
    userIdEnc: text("user_id_enc"),
    userIdBidx: text("user_id_bidx"),
    usernameEnc: text("username_enc"),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    /** Custom attributes as encrypted JSON: CRMs put personal data there. */
    attributesEnc: text("attributes_enc"),
    externalId: text("external_id"),
    /** Set by a data-subject erasure (modules/privacy): the personal columns above are null from then on. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Inbound messages find their contact by wa_id or BSUID; uniqueness makes concurrent first messages converge.
    uniqueIndex("contacts_wa_id_key").on(t.workspaceId, t.waIdBidx),
    uniqueIndex("contacts_user_id_key").on(t.workspaceId, t.userIdBidx),
    uniqueIndex("contacts_phone_key").on(t.workspaceId, t.phoneBidx),
    uniqueIndex("contacts_external_id_key").on(t.workspaceId, t.externalId),
    // Tag filters (`tags @> '["vip"]'`: campaign audiences, reports) find the tagged contacts without reading them all.
    index("contacts_tags_idx").using("gin", t.tags),
  ],
);
