import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";

/**
 * Meta's messaging limit: how many unique customers a business number may reach with business-initiated (template)
 * conversations in a rolling 24 hours. A number Meta has not told us about is treated as the lowest tier: sending
 * past the real limit gets messages refused and hurts the number's quality.
 */
const TIER_LIMITS: Record<string, number> = {
  TIER_50: 50,
  TIER_250: 250,
  TIER_1K: 1_000,
  TIER_2K: 2_000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: Number.POSITIVE_INFINITY,
};
export const UNKNOWN_TIER_LIMIT = 250;
export const ROLLING_WINDOW_MS = 24 * 3600_000;
/** A throttled campaign looks again after this at the latest (the tier may have been raised meanwhile). */
export const THROTTLE_RECHECK_MS = 15 * 60_000;
/** Re-read the tier from Meta this often per channel (also at each campaign's first send). */
export const TIER_REFRESH_MS = 3600_000;

export function limitOfTier(tier: string | null | undefined, unknownLimit = UNKNOWN_TIER_LIMIT): number {
  return (tier && TIER_LIMITS[tier.toUpperCase()]) || unknownLimit;
}

/**
 * Unique contacts reached with templates on the channel in the last 24 hours, and when the oldest of them leaves the
 * window. Approximation: every template message counts as business-initiated (Meta counts only those sent while the
 * customer's service window was closed), so the count can only err on the safe side.
 */
export async function templateReach(
  db: DbOrTx,
  workspaceId: string,
  channelId: string,
  now: Date,
): Promise<{ contacts: number; oldestAt: Date | null }> {
  const since = new Date(now.getTime() - ROLLING_WINDOW_MS).toISOString();
  const [row] = await queryRows<{ contacts: string | number; oldest: string | Date | null }>(
    db,
    sql`select count(distinct contact_id) as contacts, min(created_at) as oldest from messages
        where workspace_id = ${workspaceId} and channel_id = ${channelId} and direction = 'outbound' and type = 'template'
          and status <> 'failed' and created_at > ${since}::timestamptz`,
  );
  return { contacts: Number(row?.contacts ?? 0), oldestAt: row?.oldest ? new Date(row.oldest) : null };
}

/** When a throttled campaign may try again: when the oldest counted send leaves the window, but at most 15 min away. */
export function throttleUntil(now: Date, oldestAt: Date | null): Date {
  const recheck = now.getTime() + THROTTLE_RECHECK_MS;
  const freed = oldestAt ? oldestAt.getTime() + ROLLING_WINDOW_MS : recheck;
  return new Date(Math.max(now.getTime() + 60_000, Math.min(recheck, freed)));
}
