import type { TimeRange } from "../api/types.ts";

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]|24):([0-5]\d)$/;

/** "09:00-12:00, 13:00-18:00" → ranges; null when a part is not HH:MM-HH:MM (an overnight range such as 22:00-02:00 is allowed). */
export function parseRanges(text: string): TimeRange[] | null {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const ranges: TimeRange[] = [];
  for (const part of parts) {
    const match = RANGE.exec(part);
    if (!match) return null;
    ranges.push({ start: `${match[1]}:${match[2]}`, end: `${match[3]}:${match[4]}` });
  }
  return ranges;
}

export const formatRanges = (ranges: readonly TimeRange[]): string => ranges.map((r) => `${r.start}-${r.end}`).join(", ");

/** Human-only topics typed one per line or comma-separated. */
export const parseTopics = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\n,]/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];
