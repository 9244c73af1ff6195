import type { SimContext } from "../context.ts";
import { copyConfig } from "../options.ts";
import { clearState } from "../state.ts";
import { seedTemplates } from "../templates/registry.ts";

/**
 * Puts the simulator back to how it started: messages, media, windows, rate counters, faults, the delivery log and
 * pending timers are dropped, templates are re-seeded (with new ids) and the configuration returns to the start-up options.
 */
export function resetSim(ctx: SimContext): void {
  ctx.scheduler.cancelAll();
  ctx.delivery.reset();
  clearState(ctx.state);
  seedTemplates(ctx.state);
  ctx.window.clear();
  ctx.throughput.clear();
  ctx.pairRate.clear();
  ctx.faults.clear();
  ctx.config = copyConfig(ctx.options.initialConfig);
}
