/** Delivery states of an outbound message as reported by status webhooks (plus the local states before Meta answers). */
export type DeliveryStatus = "sent" | "delivered" | "read" | "played" | "failed";

const RANK: Record<Exclude<DeliveryStatus, "failed">, number> = { sent: 1, delivered: 2, read: 3, played: 4 };

/**
 * Whether a status update may replace the current one. Meta delivers statuses at least once and in any order
 * (`read` can come before `delivered`, and `delivered` may never come), so a message only ever moves forward:
 * sent < delivered < read < played, and `failed` is terminal. `failed` may follow `sent` (a late failure) but
 * never replaces delivered/read/played, which prove the message arrived.
 *
 * @example
 * canReplaceStatus({ current: "read", next: "delivered" }) // false — a late delivered never downgrades read
 */
export function canReplaceStatus({ current, next }: { current: DeliveryStatus | null | undefined; next: DeliveryStatus }): boolean {
  if (current === undefined || current === null) return true;
  if (current === "failed") return false;
  if (next === "failed") return current === "sent";
  return RANK[next] > RANK[current];
}
