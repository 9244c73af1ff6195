import { bigint, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/**
 * AI use per workspace, month (`YYYY-MM`, UTC), feature, engine and model: counters only, no content. Built-in answers
 * and fallbacks are counted too, so the usage page shows which engine answered; tokens feed the monthly budget.
 */
export const aiUsage = pgTable(
  "ai_usage",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    /** The copilot capability (`sentiment`, `suggestions`, `transcription` …). */
    feature: text("feature").notNull(),
    engine: text("engine", { enum: ["builtin", "provider"] }).notNull(),
    /** The provider model; empty for the built-in engine. */
    model: text("model").notNull().default(""),
    requests: integer("requests").notNull().default(0),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
    fallbacks: integer("fallbacks").notNull().default(0),
    cached: integer("cached").notNull().default(0),
  },
  (t) => [primaryKey({ name: "ai_usage_pkey", columns: [t.workspaceId, t.month, t.feature, t.engine, t.model] })],
);
