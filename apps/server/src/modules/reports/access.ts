import type { ServiceContext } from "../../context.ts";
import { AppError } from "../../http/errors.ts";
import { can } from "../access/scope.ts";

/** Every report of the API, by the last segment of its path (`/api/v1/reports/<name>`). */
export const reportNames = [
  "overview",
  "volume",
  "speed",
  "agents",
  "teams",
  "bot",
  "quality",
  "delivery",
  "cost",
  "conversations",
] as const;
export type ReportName = (typeof reportNames)[number];

/**
 * What an agent (no `reports.view`) may ask for about themselves: their own volume, speed, row of the agents report
 * and the conversations behind those numbers. Everything else describes the team or the workspace as a whole.
 */
export const SELF_SERVICE_REPORTS: ReadonlySet<ReportName> = new Set(["volume", "speed", "agents", "conversations"]);

const forbidden = (message: string, field?: string) =>
  new AppError({ code: "reports.forbidden", status: 403, message, ...(field ? { details: { field } } : {}) });

/**
 * Whose numbers a caller may see in a report. `reports.view` (administrators, supervisors): the whole workspace
 * (`onlyAgent` undefined). Without it: a self-service report pinned to the caller (`onlyAgent` = the caller), and a
 * filter naming a team or another agent is refused rather than quietly narrowed, so nobody mistakes an empty answer
 * for a colleague's real numbers. Other reports are refused.
 */
export function reportAccessOf(
  caller: ServiceContext,
  report: ReportName,
  filters: { agentId?: string | undefined; teamId?: string | undefined },
): { onlyAgent: string | undefined } {
  if (can(caller, "reports.view")) return { onlyAgent: undefined };
  if (caller.actor.type !== "user") return { onlyAgent: undefined };
  if (!SELF_SERVICE_REPORTS.has(report))
    throw forbidden(`The ${report} report needs the permission reports.view: agents see their own volume, speed and conversations`);
  const userId = caller.actor.userId;
  if (filters.teamId !== undefined) throw forbidden("teamId: team reports need the permission reports.view", "teamId");
  if (filters.agentId !== undefined && filters.agentId !== userId)
    throw forbidden("agentId: without reports.view you see your own numbers only", "agentId");
  return { onlyAgent: userId };
}
