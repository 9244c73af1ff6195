import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

export const kbLanguages = ["pt", "en", "es"] as const;

/**
 * A knowledge-base article: the business's own public FAQ that the bot sends to customers and the copilot grounds
 * suggestions on. It is not personal data, so title, body, tags and phrasings stay in clear (docs/security.md): the
 * `q` filter and the retrieval index read them without decrypting every row.
 */
export const kbArticles = pgTable(
  "kb_articles",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    tags: jsonb("tags").$type<string[]>().notNull(),
    phrasings: jsonb("phrasings").$type<string[]>().notNull(),
    language: text("language", { enum: kbLanguages }),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // The admin list: newest first within a workspace.
  (t) => [index("kb_articles_created_idx").on(t.workspaceId, t.createdAt)],
);

export type KbArticleRow = typeof kbArticles.$inferSelect;
