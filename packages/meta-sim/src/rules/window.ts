import type { Clock } from "../clock.ts";

/** The customer-service window: 24 h from the customer's last message (meta-cloud-api.md §5.1). */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** How a free-form send outside the window is refused. */
export type WindowMode =
  /** Accepted with 200, then a `failed` status webhook with 131047 — what Meta usually does. The default. */
  | "async"
  /** Refused synchronously with HTTP 400 and code 131047, for callers that want the failure in the response. */
  | "strict";

/** What the window tracker knows about one (business number, customer) pair. */
export interface WindowState {
  open: boolean;
  /** Epoch ms of the last window-opening message, if any. */
  lastInboundMs?: number;
  /** Epoch ms at which the window closes (or closed). */
  closesAtMs?: number;
  /** The last opening message came from a Click-to-WhatsApp ad, which makes replies free-entry-point. */
  viaReferral: boolean;
}

/** Tracks customer-service windows per (phone number id, customer). */
export interface WindowTracker {
  /** Records a window-opening message sent at `atMs` (the message's own timestamp, not arrival time). */
  record(input: { phoneNumberId: string; customer: string; atMs: number; viaReferral?: boolean }): void;
  state(pair: { phoneNumberId: string; customer: string }): WindowState;
  clear(): void;
}

/** Creates a {@link WindowTracker} that reads "now" from `clock`, so tests can close a window without waiting a day. */
export function createWindowTracker({ clock, windowMs = CUSTOMER_SERVICE_WINDOW_MS }: { clock: Clock; windowMs?: number }): WindowTracker {
  const last = new Map<string, { atMs: number; viaReferral: boolean }>();
  const key = (phoneNumberId: string, customer: string): string => `${phoneNumberId}:${customer}`;
  return {
    record({ phoneNumberId, customer, atMs, viaReferral = false }) {
      const previous = last.get(key(phoneNumberId, customer));
      // A backdated message must not shorten a window a later message already opened.
      if (previous && previous.atMs > atMs) return;
      last.set(key(phoneNumberId, customer), { atMs, viaReferral });
    },
    state({ phoneNumberId, customer }) {
      const entry = last.get(key(phoneNumberId, customer));
      if (!entry) return { open: false, viaReferral: false };
      const closesAtMs = entry.atMs + windowMs;
      return { open: clock.now() < closesAtMs, lastInboundMs: entry.atMs, closesAtMs, viaReferral: entry.viaReferral };
    },
    clear() {
      last.clear();
    },
  };
}
