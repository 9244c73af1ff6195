import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { BusinessHours } from "../../db/schema/bot-settings.ts";
import { workspaces } from "../../db/schema/workspaces.ts";

export interface WorkspaceSettings {
  name: string;
  timeZone: string;
  businessHours: BusinessHours | null;
}

/** The workspace's own row: its name and the IANA time zone its dates are read in. */
export function createWorkspaceSettingsRepo({ db }: { db: DbOrTx }) {
  return {
    async get(workspaceId: string): Promise<WorkspaceSettings | undefined> {
      const [row] = await db
        .select({ name: workspaces.name, timeZone: workspaces.timeZone, businessHours: workspaces.businessHours })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId));
      return row;
    },
    async update(workspaceId: string, fields: Partial<WorkspaceSettings>): Promise<WorkspaceSettings | undefined> {
      const set = {
        ...(fields.name !== undefined ? { name: fields.name } : {}),
        ...(fields.timeZone !== undefined ? { timeZone: fields.timeZone } : {}),
        ...(fields.businessHours !== undefined ? { businessHours: fields.businessHours } : {}),
      };
      if (Object.keys(set).length === 0) return this.get(workspaceId);
      const [row] = await db
        .update(workspaces)
        .set(set)
        .where(eq(workspaces.id, workspaceId))
        .returning({ name: workspaces.name, timeZone: workspaces.timeZone, businessHours: workspaces.businessHours });
      return row;
    },
  };
}

/** The zone a workspace reads dates in (the schema's default when the row is somehow missing). */
export async function workspaceTimeZone(db: DbOrTx, workspaceId: string): Promise<string> {
  return (await createWorkspaceSettingsRepo({ db }).get(workspaceId))?.timeZone ?? "America/Sao_Paulo";
}
