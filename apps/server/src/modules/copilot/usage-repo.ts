import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { aiUsage } from "../../db/schema/ai-usage.ts";

/** The accounting month of an instant: `YYYY-MM` in UTC (budgets reset at midnight UTC on the 1st). */
export const usageMonth = (at: Date): string => at.toISOString().slice(0, 7);

export interface UsageIncrement {
  feature: string;
  engine: "builtin" | "provider";
  model: string;
  requests?: number;
  inputTokens?: number;
  outputTokens?: number;
  fallbacks?: number;
  cached?: number;
}

export interface UsageRow {
  feature: string;
  engine: "builtin" | "provider";
  requests: number;
  inputTokens: number;
  outputTokens: number;
  fallbacks: number;
  cached: number;
}

export function createAiUsageRepo({ db }: { db: DbOrTx }) {
  return {
    /** Adds to the month's counters in one statement (concurrent increments of one row add up). */
    async add(workspaceId: string, month: string, inc: UsageIncrement): Promise<void> {
      const values = {
        requests: inc.requests ?? 0,
        inputTokens: inc.inputTokens ?? 0,
        outputTokens: inc.outputTokens ?? 0,
        fallbacks: inc.fallbacks ?? 0,
        cached: inc.cached ?? 0,
      };
      await db
        .insert(aiUsage)
        .values({ workspaceId, month, feature: inc.feature, engine: inc.engine, model: inc.model, ...values })
        .onConflictDoUpdate({
          target: [aiUsage.workspaceId, aiUsage.month, aiUsage.feature, aiUsage.engine, aiUsage.model],
          set: {
            requests: sql`${aiUsage.requests} + ${values.requests}`,
            inputTokens: sql`${aiUsage.inputTokens} + ${values.inputTokens}`,
            outputTokens: sql`${aiUsage.outputTokens} + ${values.outputTokens}`,
            fallbacks: sql`${aiUsage.fallbacks} + ${values.fallbacks}`,
            cached: sql`${aiUsage.cached} + ${values.cached}`,
          },
        });
    },
    async tokensUsed(workspaceId: string, month: string): Promise<number> {
      const [row] = await db
        .select({ total: sql<string | number | null>`sum(${aiUsage.inputTokens} + ${aiUsage.outputTokens})` })
        .from(aiUsage)
        .where(and(eq(aiUsage.workspaceId, workspaceId), eq(aiUsage.month, month)));
      return Number(row?.total ?? 0);
    },
    /** One row per feature and engine (models of one engine added together). */
    async month(workspaceId: string, month: string): Promise<UsageRow[]> {
      const rows = await db
        .select({
          feature: aiUsage.feature,
          engine: aiUsage.engine,
          requests: sql<string | number>`sum(${aiUsage.requests})`,
          inputTokens: sql<string | number>`sum(${aiUsage.inputTokens})`,
          outputTokens: sql<string | number>`sum(${aiUsage.outputTokens})`,
          fallbacks: sql<string | number>`sum(${aiUsage.fallbacks})`,
          cached: sql<string | number>`sum(${aiUsage.cached})`,
        })
        .from(aiUsage)
        .where(and(eq(aiUsage.workspaceId, workspaceId), eq(aiUsage.month, month)))
        .groupBy(aiUsage.feature, aiUsage.engine)
        .orderBy(aiUsage.feature, aiUsage.engine);
      return rows.map((r) => ({
        feature: r.feature,
        engine: r.engine,
        requests: Number(r.requests),
        inputTokens: Number(r.inputTokens),
        outputTokens: Number(r.outputTokens),
        fallbacks: Number(r.fallbacks),
        cached: Number(r.cached),
      }));
    },
  };
}
