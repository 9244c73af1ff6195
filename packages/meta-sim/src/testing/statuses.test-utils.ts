import type { WebhookReceiver } from "./webhook-receiver.test-utils.ts";
import { statusesOf } from "./webhook-receiver.test-utils.ts";

/** Every status item the receiver got for one wamid, in arrival order. */
export function statusesFor(receiver: WebhookReceiver, wamid: string): Record<string, unknown>[] {
  return receiver.received.flatMap(statusesOf).filter((s) => s.id === wamid);
}

/** Waits for a given status of a wamid and returns it. */
export async function waitForStatus(
  receiver: WebhookReceiver,
  wamid: string,
  status: string,
  timeoutMs = 3_000,
): Promise<Record<string, unknown>> {
  const [hook] = await receiver.waitForCount(1, (w) => statusesOf(w).some((s) => s.id === wamid && s.status === status), timeoutMs);
  const found = hook ? statusesOf(hook).find((s) => s.id === wamid && s.status === status) : undefined;
  if (!found) throw new Error(`no ${status} status for ${wamid}`);
  return found;
}
