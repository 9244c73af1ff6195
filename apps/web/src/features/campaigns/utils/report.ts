import type { ReportCounts } from "../api/types.ts";

export type Segment = "read" | "delivered" | "sent" | "waiting" | "failed" | "skipped" | "cancelled";
export const segments: readonly Segment[] = ["read", "delivered", "sent", "waiting", "failed", "skipped", "cancelled"];

/**
 * The report's counts cut into parts that add up to the recipients, for the stacked bar: delivered includes read and
 * sent includes delivered (README → Campaigns → report), so each part is the difference with the next stage.
 */
export function reportSegments(counts: ReportCounts): Record<Segment, number> {
  const read = Math.max(0, counts.read);
  const delivered = Math.max(0, counts.delivered - read);
  const sent = Math.max(0, counts.sent - counts.delivered);
  return {
    read,
    delivered,
    sent,
    waiting: Math.max(0, counts.pending + counts.queued + counts.sending),
    failed: counts.failed,
    skipped: counts.skipped,
    cancelled: counts.cancelled,
  };
}

/** A share as a CSS width, never NaN. */
export const percent = (part: number, whole: number) => (whole > 0 ? `${Math.min(100, (part / whole) * 100).toFixed(2)}%` : "0%");
