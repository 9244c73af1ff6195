import type { ServiceContext } from "../../context.ts";
import type { DbOrTx } from "../../db/client.ts";
import type { Deps } from "../../deps.ts";
import { AppError, isUniqueViolation, notFound } from "../../http/errors.ts";
import type { AuditAction } from "../audit/actions.ts";
import type { AuditJson } from "../audit/chain.ts";
import { actorOf } from "../audit/trail.ts";
import { createTeamsRepo, type Team } from "./repo.ts";

type TeamDeps = Pick<Deps, "database" | "audit">;

const NOT_FOUND = "teams";

/** The unique (workspace, name) index refused the write. */
function nameTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw new AppError({
      code: "teams.name_taken",
      status: 409,
      message: "name: another team of this workspace already has this name",
      details: { field: "name" },
    });
  throw error;
}

const distinct = (ids: readonly string[]): string[] => [...new Set(ids)];

/** Members must be users of the caller's workspace: an id of another workspace is refused like an unknown one. */
async function requireMembers(repo: ReturnType<typeof createTeamsRepo>, workspaceId: string, memberIds: readonly string[]) {
  const [unknown] = await repo.unknownUsers(workspaceId, memberIds);
  if (unknown)
    throw new AppError({
      code: "teams.invalid_member",
      status: 400,
      message: `memberIds: ${unknown} is not a user of this workspace`,
      details: { field: "memberIds", id: unknown },
    });
}

async function audited(
  deps: TeamDeps,
  tx: DbOrTx,
  ctx: ServiceContext,
  action: AuditAction,
  teamId: string,
  details: Record<string, AuditJson>,
  ip: string | undefined,
) {
  await deps.audit.record(
    { workspaceId: ctx.workspaceId, actor: actorOf(ctx), action, target: { type: "team", id: teamId }, details, ...(ip ? { ip } : {}) },
    { tx },
  );
}

export async function listTeams(deps: Pick<Deps, "database">, ctx: ServiceContext): Promise<Team[]> {
  return createTeamsRepo({ db: deps.database.db }).list(ctx.workspaceId);
}

export async function createTeam(
  deps: TeamDeps,
  ctx: ServiceContext,
  input: { name: string; memberIds?: readonly string[] | undefined },
  ip?: string,
): Promise<Team> {
  const memberIds = distinct(input.memberIds ?? []);
  return deps.database.db
    .transaction(async (tx) => {
      const repo = createTeamsRepo({ db: tx });
      await requireMembers(repo, ctx.workspaceId, memberIds);
      const id = await repo.insert(ctx.workspaceId, { name: input.name, memberIds });
      // A team name is not personal data (see db/schema/teams.ts): it may stay in the clear details.
      await audited(deps, tx, ctx, "team.created", id, { name: input.name, memberIds }, ip);
      const created = await repo.get(ctx.workspaceId, id);
      if (!created) throw new Error("team insert returned no row");
      return created;
    })
    .catch(nameTaken);
}

export async function updateTeam(
  deps: TeamDeps,
  ctx: ServiceContext,
  id: string,
  input: { name?: string | undefined; memberIds?: readonly string[] | undefined },
  ip?: string,
): Promise<Team> {
  const memberIds = input.memberIds === undefined ? undefined : distinct(input.memberIds);
  return deps.database.db
    .transaction(async (tx) => {
      const repo = createTeamsRepo({ db: tx });
      if (memberIds !== undefined) await requireMembers(repo, ctx.workspaceId, memberIds);
      const before = await repo.get(ctx.workspaceId, id);
      if (!before || !(await repo.update(ctx.workspaceId, id, { name: input.name, memberIds }))) throw notFound(NOT_FOUND, id);
      const after = await repo.get(ctx.workspaceId, id);
      if (!after) throw notFound(NOT_FOUND, id);
      await audited(
        deps,
        tx,
        ctx,
        "team.updated",
        id,
        {
          ...(input.name !== undefined ? { name: { from: before.name, to: after.name } } : {}),
          ...(memberIds !== undefined ? { memberIds: { from: before.memberIds, to: after.memberIds } } : {}),
        },
        ip,
      );
      return after;
    })
    .catch(nameTaken);
}

export async function deleteTeam(deps: TeamDeps, ctx: ServiceContext, id: string, ip?: string): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const repo = createTeamsRepo({ db: tx });
    const before = await repo.get(ctx.workspaceId, id);
    if (!before || !(await repo.delete(ctx.workspaceId, id))) throw notFound(NOT_FOUND, id);
    await audited(deps, tx, ctx, "team.deleted", id, { name: before.name, memberIds: before.memberIds }, ip);
  });
}
