import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { messages } from "./messages.ts";
import { workspaces } from "./workspaces.ts";

/** The copilot's languages (`@papo/copilot`'s `languages`), repeated so the schema stays free of package imports. */
export const translationLanguages = ["pt", "en", "es"] as const;
export const translationEngines = ["builtin", "provider"] as const;

/**
 * A message's text translated into an agent's language, kept so a second agent (or a reload) does not pay the provider
 * again. The translation is the customer's words, so it is content: encrypted with AAD
 * `message_translations:text_enc:<id>`, deleted with the message and when its content is erased (privacy module).
 */
export const messageTranslations = pgTable(
  "message_translations",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    /** The language translated into. */
    language: text("language", { enum: translationLanguages }).notNull(),
    /** The message's language as detected or given; null when it could not be told. */
    sourceLanguage: text("source_language", { enum: translationLanguages }),
    textEnc: text("text_enc").notNull(),
    engine: text("engine", { enum: translationEngines }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One stored translation per message and language: concurrent requests race on this index, the loser reads it back.
    uniqueIndex("message_translations_message_language_key").on(t.messageId, t.language),
    index("message_translations_workspace_idx").on(t.workspaceId),
  ],
);

export type MessageTranslationRow = typeof messageTranslations.$inferSelect;
