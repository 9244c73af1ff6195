import { and, asc, count, eq, exists, gt, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { sessions } from "../../db/schema/sessions.ts";
import { type UserRole, users } from "../../db/schema/users.ts";
import { workspaces } from "../../db/schema/workspaces.ts";

export type UserRow = typeof users.$inferSelect;

/** What a user's administrator may change; `disabledAt` null reactivates. */
export type UserChanges = Partial<Pick<UserRow, "name" | "role" | "disabledAt" | "passwordHash" | "passwordChangedAt">>;

/** E-mails are stored and looked up trimmed and lower-cased, so `Ana@X.com ` and `ana@x.com` are one login. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function createUsersRepo({ db }: { db: DbOrTx }) {
  return {
    /** Login is the one lookup that happens before a workspace is known. */
    async findByEmailForLogin(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(eq(users.email, normaliseEmail(email)))
        .limit(1);
      return row;
    },
    /**
     * The bearer-token check of every request: the user's role now, if they still exist in that workspace and are
     * active; `undefined` otherwise. One primary-key lookup.
     */
    async activeRole(workspaceId: string, id: string): Promise<UserRole | undefined> {
      const [row] = await db
        .select({ role: users.role })
        .from(users)
        .where(and(eq(users.id, id), eq(users.workspaceId, workspaceId), isNull(users.disabledAt)))
        .limit(1);
      return row?.role;
    },
    /**
     * The bearer-token check of every request, in one query: the user's role and grants now, if they still exist in
     * that workspace, are active, and the token's session (`sid`, a family) still has a live refresh token — neither
     * revoked (logout, theft detected, password changed) nor expired. `undefined` otherwise.
     */
    async activeInSession(
      workspaceId: string,
      id: string,
      sessionId: string,
      now: Date,
    ): Promise<{ role: UserRole; permissions: string[] } | undefined> {
      const liveSession = db
        .select({ one: sql`1` })
        .from(sessions)
        .where(
          and(
            eq(sessions.familyId, sessionId),
            eq(sessions.userId, users.id),
            isNull(sessions.rotatedAt),
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, now),
          ),
        );
      const [row] = await db
        .select({ role: users.role, permissions: users.permissions })
        .from(users)
        .where(and(eq(users.id, id), eq(users.workspaceId, workspaceId), isNull(users.disabledAt), exists(liveSession)))
        .limit(1);
      return row;
    },
    async existsInWorkspace(workspaceId: string, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
      return Boolean(row);
    },
    async get(workspaceId: string, id: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
      return row;
    },
    async list(workspaceId: string): Promise<UserRow[]> {
      return db.select().from(users).where(eq(users.workspaceId, workspaceId)).orderBy(asc(users.name), asc(users.id));
    },
    async insert(user: {
      id: string;
      workspaceId: string;
      name: string;
      email: string;
      passwordHash: string;
      role: UserRole;
    }): Promise<UserRow> {
      const [row] = await db
        .insert(users)
        .values({ ...user, email: normaliseEmail(user.email) })
        .returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async update(workspaceId: string, id: string, changes: UserChanges): Promise<UserRow | undefined> {
      const [row] = await db
        .update(users)
        .set(changes)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)))
        .returning();
      return row;
    },
    /**
     * Serialises changes to the workspace's users (inside a transaction): two administrators demoting each other at
     * the same moment must not both succeed and leave the workspace without one.
     */
    async lockWorkspace(workspaceId: string): Promise<void> {
      await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
    },
    /** Active administrators of the workspace other than `exceptId`. */
    async countActiveAdmins(workspaceId: string, exceptId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, exceptId)));
      return row?.n ?? 0;
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
