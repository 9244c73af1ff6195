import { and, desc, eq, gt, isNull, lt, ne, or, type SQL } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { type SessionRow, sessions } from "../../db/schema/sessions.ts";

export type RevokeReason =
  | "logout"
  | "logout_all"
  | "revoked_by_user"
  | "reuse_detected"
  | "password_changed"
  | "password_reset"
  | "mfa_changed"
  | "deactivated";

/** A session as its owner sees it (the family's current token row, decrypted). */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface NewSessionRow {
  id: string;
  workspaceId: string;
  userId: string;
  familyId: string;
  refreshTokenHash: string;
  authenticatedAt: Date;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** The family's live token: neither rotated nor revoked, and not expired. */
const live = (now: Date): SQL => and(isNull(sessions.rotatedAt), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)) as SQL;

export function createSessionsRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (row: { workspaceId: string; id: string }, column: string) => ({
    workspaceId: row.workspaceId,
    table: "sessions",
    column,
    rowId: row.id,
  });
  const open = (row: SessionRow, column: "user_agent" | "ip", value: string | null): string | null => {
    if (value === null) return null;
    try {
      return cipher.decrypt(place(row, column), value);
    } catch {
      return null;
    }
  };

  return {
    async insert(row: NewSessionRow): Promise<void> {
      await db.insert(sessions).values({
        id: row.id,
        workspaceId: row.workspaceId,
        userId: row.userId,
        familyId: row.familyId,
        refreshTokenHash: row.refreshTokenHash,
        authenticatedAt: row.authenticatedAt,
        createdAt: row.createdAt,
        lastUsedAt: row.createdAt,
        expiresAt: row.expiresAt,
        userAgentEnc: row.userAgent === null ? null : cipher.encrypt(place(row, "user_agent"), row.userAgent),
        ipEnc: row.ip === null ? null : cipher.encrypt(place(row, "ip"), row.ip),
      });
    },
    /** The row of a refresh token (by its hash), locked until the transaction ends so two refreshes are serialised. */
    async findByHashForUpdate(refreshTokenHash: string): Promise<SessionRow | undefined> {
      const [row] = await db.select().from(sessions).where(eq(sessions.refreshTokenHash, refreshTokenHash)).for("update");
      return row;
    },
    async findByHash(refreshTokenHash: string): Promise<SessionRow | undefined> {
      const [row] = await db.select().from(sessions).where(eq(sessions.refreshTokenHash, refreshTokenHash));
      return row;
    },
    async markRotated(id: string, at: Date): Promise<void> {
      await db.update(sessions).set({ rotatedAt: at, lastUsedAt: at }).where(eq(sessions.id, id));
    },
    /** Revokes every token of a family (the session); returns whether anything was still live. */
    async revokeFamily(workspaceId: string, familyId: string, at: Date, reason: RevokeReason): Promise<boolean> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: at, revokedReason: reason })
        .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.familyId, familyId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id, rotatedAt: sessions.rotatedAt, expiresAt: sessions.expiresAt });
      return rows.some((r) => r.rotatedAt === null && r.expiresAt > at);
    },
    revokeUser: (workspaceId: string, userId: string, at: Date, reason: RevokeReason, exceptFamilyId?: string) =>
      revokeUserSessions({ db, workspaceId, userId, at, reason, ...(exceptFamilyId ? { exceptFamilyId } : {}) }),
    /** The user's live sessions, most recently used first. */
    async listLive(workspaceId: string, userId: string, now: Date): Promise<SessionView[]> {
      const rows = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.userId, userId), live(now)))
        .orderBy(desc(sessions.lastUsedAt), desc(sessions.id));
      return rows.map((row) => ({
        id: row.familyId,
        createdAt: row.authenticatedAt,
        lastUsedAt: row.lastUsedAt,
        expiresAt: row.expiresAt,
        userAgent: open(row, "user_agent", row.userAgentEnc),
        ip: open(row, "ip", row.ipEnc),
      }));
    },
    /** Whether the user has this live session (the family of a `sid`). */
    async isLive(workspaceId: string, userId: string, familyId: string, now: Date): Promise<boolean> {
      const [row] = await db
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.userId, userId), eq(sessions.familyId, familyId), live(now)))
        .limit(1);
      return Boolean(row);
    },
    /** Forgets a user's sessions that ended (expired or revoked) more than `before`: they are no longer shown or needed. */
    async deleteEnded(workspaceId: string, userId: string, before: Date): Promise<void> {
      await db.delete(sessions).where(
        and(
          eq(sessions.workspaceId, workspaceId),
          eq(sessions.userId, userId),
          // A rotated row stays until its own expiry: presenting it again before then is how theft is detected.
          or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before)),
        ),
      );
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;

/**
 * Revokes a user's sessions — all, or all but the caller's own family — and with them every access token they issued;
 * returns the families that were live. Needs no key, so user management calls it inside its own transaction.
 */
export async function revokeUserSessions({
  db,
  workspaceId,
  userId,
  at,
  reason,
  exceptFamilyId,
}: {
  db: DbOrTx;
  workspaceId: string;
  userId: string;
  at: Date;
  reason: RevokeReason;
  exceptFamilyId?: string;
}): Promise<string[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: at, revokedReason: reason })
    .where(
      and(
        eq(sessions.workspaceId, workspaceId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptFamilyId ? ne(sessions.familyId, exceptFamilyId) : undefined,
      ),
    )
    .returning({ familyId: sessions.familyId, rotatedAt: sessions.rotatedAt, expiresAt: sessions.expiresAt });
  return [...new Set(rows.filter((r) => r.rotatedAt === null && r.expiresAt > at).map((r) => r.familyId))];
}
