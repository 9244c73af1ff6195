import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db } from "../../db/client.ts";
import { type AuthThrottleRow, authThrottles } from "../../db/schema/auth-throttles.ts";
import { AppError } from "../../http/errors.ts";
import { normaliseEmail } from "./repo.ts";

/** How many failures lock, over which window, and for how long (each lock `factor` times the last, up to `maxLockMs`). */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  baseLockMs: number;
  factor: number;
  maxLockMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Per login e-mail: 5 failures in 15 minutes lock it for 5 minutes, then 15, 45… up to a day. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE, baseLockMs: 5 * MINUTE, factor: 3, maxLockMs: DAY };
/** Per client address (an office behind one NAT shares it): 50 failures in 15 minutes lock it for 15 minutes, then 30… */
export const IP_RULE: ThrottleRule = { maxFailures: 50, windowMs: 15 * MINUTE, baseLockMs: 15 * MINUTE, factor: 2, maxLockMs: DAY };

/** A lock is forgotten (the next one starts short again) a day after it ended. */
const FORGET_AFTER_MS = DAY;

export interface ThrottleKeys {
  account: string;
  ip: string;
}

export const lockedError = (retryAfter: number) =>
  new AppError({
    code: "auth.locked",
    status: 429,
    message: `Too many failed attempts: try again in ${retryAfter} seconds`,
    details: { retryAfter },
  });

export function lockDurationMs(rule: ThrottleRule, lockCount: number): number {
  return Math.min(rule.baseLockMs * rule.factor ** lockCount, rule.maxLockMs);
}

/**
 * Brute-force protection that survives restarts and holds across processes: failure counters in the database, one per
 * login e-mail — existing or not, so a lock says nothing about which e-mails exist — and one per client address. The
 * keys are keyed HMACs: the table holds neither e-mails nor addresses.
 */
export function createLoginThrottle({ db, cipher, clock }: { db: Db; cipher: FieldCipher; clock: Clock }) {
  const rules = (key: string): ThrottleRule => (key.startsWith("ip:") ? IP_RULE : ACCOUNT_RULE);
  const bidx = (purpose: string, value: string) => cipher.blindIndex({ workspaceId: "papo", purpose, value });

  return {
    keys: (email: string, ip: string): ThrottleKeys => ({
      account: `account:${bidx("auth-throttle-account", normaliseEmail(email))}`,
      ip: `ip:${bidx("auth-throttle-ip", ip)}`,
    }),

    /** Throws `auth.locked` (429, `details.retryAfter` in seconds) while the e-mail or the address is locked. */
    async assertNotLocked(keys: ThrottleKeys): Promise<void> {
      const now = clock.now();
      const rows = await db
        .select()
        .from(authThrottles)
        .where(inArray(authThrottles.key, [keys.account, keys.ip]));
      const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
      if (until > now.getTime()) throw lockedError(Math.ceil((until - now.getTime()) / 1000));
    },

    /** Counts a failure against both keys; the failure that reaches a rule's limit starts a lock. */
    async recordFailure(keys: ThrottleKeys): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        // Sorted, so two concurrent failures lock the rows in the same order.
        for (const key of [keys.account, keys.ip].sort()) {
          await tx.insert(authThrottles).values({ key, failures: 0, windowStartedAt: now, updatedAt: now }).onConflictDoNothing();
          const [row] = await tx.select().from(authThrottles).where(eq(authThrottles.key, key)).for("update");
          if (!row) continue;
          await tx
            .update(authThrottles)
            .set(nextState(row, rules(key), now))
            .where(eq(authThrottles.key, key));
        }
        // Counters nobody failed against for two days, and not locked now, are forgotten.
        await tx
          .delete(authThrottles)
          .where(
            and(
              lt(authThrottles.updatedAt, new Date(now.getTime() - 2 * DAY)),
              or(isNull(authThrottles.lockedUntil), lt(authThrottles.lockedUntil, now)),
            ),
          );
      });
    },

    /** A successful login clears the e-mail's counter (never the address's: one good account must not reset it). */
    async recordSuccess(keys: ThrottleKeys): Promise<void> {
      await db.delete(authThrottles).where(eq(authThrottles.key, keys.account));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

function nextState(row: AuthThrottleRow, rule: ThrottleRule, now: Date): Partial<AuthThrottleRow> {
  const t = now.getTime();
  const windowOver = t - row.windowStartedAt.getTime() >= rule.windowMs;
  const lockForgotten = row.lockedUntil !== null && t - row.lockedUntil.getTime() >= FORGET_AFTER_MS;
  const lockCount = lockForgotten ? 0 : row.lockCount;
  const failures = (windowOver ? 0 : row.failures) + 1;
  if (failures >= rule.maxFailures) {
    return {
      failures: 0,
      windowStartedAt: now,
      lockedUntil: new Date(t + lockDurationMs(rule, lockCount)),
      lockCount: lockCount + 1,
      updatedAt: now,
    };
  }
  return { failures, windowStartedAt: windowOver ? now : row.windowStartedAt, lockCount, updatedAt: now };
}
