import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { teamMembers, teams } from "../../db/schema/teams.ts";
import { users } from "../../db/schema/users.ts";

export interface Team {
  id: string;
  name: string;
  memberIds: string[];
  createdAt: Date;
}

export function createTeamsRepo({ db }: { db: DbOrTx }) {
  const membersOf = async (workspaceId: string, teamIds: string[]): Promise<Map<string, string[]>> => {
    const byTeam = new Map<string, string[]>(teamIds.map((id) => [id, []]));
    if (teamIds.length === 0) return byTeam;
    const rows = await db
      .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
      .from(teamMembers)
      .where(and(eq(teamMembers.workspaceId, workspaceId), inArray(teamMembers.teamId, teamIds)))
      .orderBy(asc(teamMembers.userId));
    for (const row of rows) byTeam.get(row.teamId)?.push(row.userId);
    return byTeam;
  };

  const list = async (workspaceId: string, teamId?: string): Promise<Team[]> => {
    const rows = await db
      .select()
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), teamId === undefined ? undefined : eq(teams.id, teamId)))
      .orderBy(asc(teams.name), asc(teams.id));
    const members = await membersOf(
      workspaceId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ id: r.id, name: r.name, memberIds: members.get(r.id) ?? [], createdAt: r.createdAt }));
  };

  const replaceMembers = async (workspaceId: string, teamId: string, memberIds: readonly string[]): Promise<void> => {
    await db.delete(teamMembers).where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.teamId, teamId)));
    if (memberIds.length > 0) await db.insert(teamMembers).values(memberIds.map((userId) => ({ teamId, userId, workspaceId })));
  };

  return {
    list,
    async get(workspaceId: string, id: string): Promise<Team | undefined> {
      return (await list(workspaceId, id))[0];
    },
    /** Those of `ids` that are not users of the workspace. */
    async unknownUsers(workspaceId: string, ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const found = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, [...ids])));
      const known = new Set(found.map((u) => u.id));
      return ids.filter((id) => !known.has(id));
    },
    async insert(workspaceId: string, { name, memberIds }: { name: string; memberIds: readonly string[] }): Promise<string> {
      const id = randomUUID();
      await db.insert(teams).values({ id, workspaceId, name });
      await replaceMembers(workspaceId, id, memberIds);
      return id;
    },
    async update(
      workspaceId: string,
      id: string,
      { name, memberIds }: { name?: string | undefined; memberIds?: readonly string[] | undefined },
    ): Promise<boolean> {
      const [row] = await db
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)))
        .for("update");
      if (!row) return false;
      if (name !== undefined)
        await db
          .update(teams)
          .set({ name })
          .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
      if (memberIds !== undefined) await replaceMembers(workspaceId, id, memberIds);
      return true;
    },
    async delete(workspaceId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(teams)
        .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)))
        .returning({ id: teams.id });
      return rows.length > 0;
    },
  };
}

export type TeamsRepo = ReturnType<typeof createTeamsRepo>;
