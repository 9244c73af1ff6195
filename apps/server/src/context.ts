import type { UserRole } from "./db/schema/users.ts";

/** Who is acting: a signed-in user, or Papo itself (workers, webhook ingest, sandbox). */
export type Actor = { type: "user"; userId: string; role: UserRole } | { type: "system"; name: string };

/**
 * Every service call carries the workspace it acts in; repositories take it from here on every query, so there is no
 * unscoped path to tenant data.
 */
export interface ServiceContext {
  workspaceId: string;
  actor: Actor;
}

export const systemContext = (workspaceId: string, name: string): ServiceContext => ({ workspaceId, actor: { type: "system", name } });
