import type { SimContext } from "../context.ts";
import type { FaultTarget } from "../rules/faults.ts";
import type { GraphFailure } from "./failure.ts";

/**
 * Applies the next fault scenario for a Graph call: waits its delay, then returns the failure to answer with,
 * or `undefined` when the call should go on normally.
 */
export async function applyCallFault(ctx: SimContext, on: Exclude<FaultTarget, "send" | "webhook">): Promise<GraphFailure | undefined> {
  const fault = ctx.faults.take({ on });
  if (fault?.scenario.delayMs) await ctx.scheduler.sleep(fault.scenario.delayMs);
  if (!fault?.fails) return undefined;
  return { code: fault.code, ...(fault.httpStatus === undefined ? {} : { httpStatus: fault.httpStatus }) };
}
