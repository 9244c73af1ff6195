/** Offset of `zone` from UTC at the instant `utcMs`, in ms (positive east of Greenwich). */
function offsetAt(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time (`2026-12-01T09:30`, as a datetime-local input gives it) names in `zone`, as ISO;
 * null when the text is not a date and time. Two passes settle the offset across a daylight-saving change.
 */
export function zonedToIso(local: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let utc = wall - offsetAt(zone, wall);
  utc = wall - offsetAt(zone, utc);
  return new Date(utc).toISOString();
}

/** The wall-clock time of an instant in `zone`, in the datetime-local input's format. */
export function isoToZoned(iso: string, zone: string): string {
  const utc = new Date(iso).getTime();
  const wall = new Date(utc + offsetAt(zone, utc));
  return wall.toISOString().slice(0, 16);
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
