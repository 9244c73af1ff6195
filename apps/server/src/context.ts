import type { UserRole } from "./db/schema/users.ts";
import type { Permission } from "./modules/access/permissions.ts";

/** Who is acting: a signed-in user, or Papo itself (workers, webhook ingest, sandbox). */
export type Actor =
  | {
      type: "user";
      userId: string;
      role: UserRole;
      /** Effective permissions, loaded by the route-access guard (`http/route-access.ts`); absent: the role's defaults. */
      permissions?: readonly Permission[];
    }
  | { type: "system"; name: string };

/**
 * Every service call carries the workspace it acts in; repositories take it from here on every query, so there is no
 * unscoped path to tenant data.
 */
export interface ServiceContext {
  workspaceId: string;
  actor: Actor;
}

export const systemContext = (workspaceId: string, name: string): ServiceContext => ({ workspaceId, actor: { type: "system", name } });
