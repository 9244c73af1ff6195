import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { type UserRole, users } from "../../db/schema/users.ts";

export type UserRow = typeof users.$inferSelect;

export function createUsersRepo({ db }: { db: DbOrTx }) {
  return {
    /** Login is the one lookup that happens before a workspace is known. */
    async findByEmailForLogin(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
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
      return db.select().from(users).where(eq(users.workspaceId, workspaceId)).orderBy(asc(users.name));
    },
    async insert(user: { id: string; workspaceId: string; name: string; email: string; passwordHash: string; role: UserRole }) {
      await db.insert(users).values({ ...user, email: user.email.toLowerCase() });
    },
  };
}
