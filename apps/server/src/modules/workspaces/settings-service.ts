import type { ServiceContext } from "../../context.ts";
import type { Deps } from "../../deps.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { actorOf } from "../audit/trail.ts";
import { businessHoursSchema } from "../bot/schemas.ts";
import { rebuildDayRollups } from "../reports/fold.ts";
import { isValidTimeZone } from "../scheduling/local-time.ts";
import { createWorkspaceSettingsRepo, type WorkspaceSettings } from "./settings-repo.ts";

/**
 * Business hours as the bot reads them (same schema). Checked here rather than in the body schema so that a bad zone or
 * time is a 422 naming the field, like a bad workspace time zone.
 */
export function parseBusinessHours(value: unknown): WorkspaceSettings["businessHours"] {
  if (value === null) return null;
  const parsed = businessHoursSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const field = ["businessHours", ...(issue?.path ?? []).map(String)].join(".");
  throw new AppError({
    code: "workspace.invalid_business_hours",
    status: 422,
    message: `${field}: ${issue?.message ?? "invalid business hours"}`,
    details: { field },
  });
}

export async function getWorkspaceSettings(deps: Pick<Deps, "database">, ctx: ServiceContext): Promise<WorkspaceSettings> {
  const settings = await createWorkspaceSettingsRepo({ db: deps.database.db }).get(ctx.workspaceId);
  if (!settings) throw notFound("workspaces", ctx.workspaceId);
  return settings;
}

/**
 * Renames the workspace or changes its time zone. A zone the runtime's Intl does not know is refused: every date the
 * workspace shows or schedules is read in it. Items already scheduled keep their instant (a new zone only changes how
 * they are shown).
 */
export async function updateWorkspaceSettings({
  deps,
  ctx,
  input,
  ip,
}: {
  deps: Pick<Deps, "database" | "audit">;
  ctx: ServiceContext;
  input: Partial<WorkspaceSettings>;
  ip?: string | undefined;
}): Promise<WorkspaceSettings> {
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone))
    throw new AppError({
      code: "workspace.invalid_time_zone",
      status: 422,
      message: `timeZone: ${input.timeZone} is not an IANA time zone (like America/Sao_Paulo)`,
      details: { field: "timeZone" },
    });
  const { db } = deps.database;
  return db.transaction(async (tx) => {
    const repo = createWorkspaceSettingsRepo({ db: tx });
    const before = await repo.get(ctx.workspaceId);
    if (!before) throw notFound("workspaces", ctx.workspaceId);
    const after = (await repo.update(ctx.workspaceId, input)) ?? before;
    // The reports' day rollups are days of the workspace's zone.
    if (after.timeZone !== before.timeZone) await rebuildDayRollups(tx, ctx.workspaceId);
    const fields = (Object.keys(input) as Array<keyof WorkspaceSettings>).filter((k) => input[k] !== undefined).sort();
    await deps.audit.record(
      {
        workspaceId: ctx.workspaceId,
        actor: actorOf(ctx),
        action: "workspace.settings_changed",
        target: { type: "workspace", id: ctx.workspaceId },
        // A time zone is not personal; the name may be a company's, kept out of the clear details like other names.
        details: { fields, ...(input.timeZone !== undefined ? { timeZone: { from: before.timeZone, to: after.timeZone } } : {}) },
        ...(input.name !== undefined ? { personal: { name: { from: before.name, to: after.name } } } : {}),
        ...(ip ? { ip } : {}),
      },
      { tx },
    );
    return after;
  });
}
