/**
 * The simulator's convention for customers who cannot receive messages (not on WhatsApp, blocked the business…):
 * any wa_id ending in `0000`. Sends to them are accepted, reported `sent`, then `failed` with 131026, as Meta does.
 */
export const UNDELIVERABLE_SUFFIX = "0000";

/** Whether messages to `waId` end in a 131026 `failed` status. */
export function isUndeliverable(waId: string): boolean {
  return waId.endsWith(UNDELIVERABLE_SUFFIX);
}
