import { AppError } from "../../../http/errors.ts";
import type { ReportContext } from "../context.ts";

/**
 * Delivery and cost are counted per channel and agent as messages change state, never per contact: a tag filter
 * cannot be honoured, and answering the unfiltered numbers under it would mislead.
 */
export function rejectTagFilter(ctx: Pick<ReportContext, "tag">, report: string): void {
  if (ctx.tag === undefined) return;
  throw new AppError({
    code: "reports.filter_unsupported",
    status: 400,
    message: `tag: the ${report} report counts messages per channel and agent, not per contact; remove the tag filter`,
    details: { field: "tag" },
  });
}
