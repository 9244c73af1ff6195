import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { channelMembers } from "../../db/schema/channel-members.ts";
import { users } from "../../db/schema/users.ts";

export function createChannelMembersRepo({ db }: { db: DbOrTx }) {
  return {
    async list(workspaceId: string, channelId: string): Promise<string[]> {
      const rows = await db
        .select({ userId: channelMembers.userId })
        .from(channelMembers)
        .innerJoin(users, eq(users.id, channelMembers.userId))
        .where(and(eq(channelMembers.workspaceId, workspaceId), eq(channelMembers.channelId, channelId)))
        .orderBy(asc(users.name), asc(users.id));
      return rows.map((r) => r.userId);
    },
    /** The ids among `ids` that are users of the workspace. */
    async existingUsers(workspaceId: string, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, ids)));
      return new Set(rows.map((r) => r.id));
    },
    /** Replaces the number's members with `userIds` (call inside a transaction). */
    async replace(workspaceId: string, channelId: string, userIds: string[]): Promise<void> {
      await db.delete(channelMembers).where(and(eq(channelMembers.workspaceId, workspaceId), eq(channelMembers.channelId, channelId)));
      if (userIds.length > 0) await db.insert(channelMembers).values(userIds.map((userId) => ({ workspaceId, channelId, userId })));
    },
  };
}
