import { index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

export const searchItemTypes = ["message", "contact"] as const;
export type SearchItemType = (typeof searchItemTypes)[number];

/**
 * Word-level blind indexes: one row per (item, term), where the term is a keyed HMAC of a normalised word, name prefix
 * or phone form — never the word itself. The database can answer "which messages contain this word" for a caller who
 * holds the index key, and learns only which items share a term (see docs/security.md, "Search over encrypted data").
 */
export const searchTerms = pgTable(
  "search_terms",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    itemType: text("item_type", { enum: searchItemTypes }).notNull(),
    /** A message id or a contact id (no foreign key: one column serves both; rows go with their item, see search/repo). */
    itemId: uuid("item_id").notNull(),
    term: text("term").notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemType, t.itemId, t.term] }), index("search_terms_lookup_idx").on(t.workspaceId, t.itemType, t.term)],
);
