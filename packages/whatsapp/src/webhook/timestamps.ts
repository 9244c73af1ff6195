/**
 * Turns a Meta timestamp into a Date. Meta sends unix **seconds**, as a string inside `messages[]`/`statuses[]`
 * and as an integer elsewhere; parsing them as milliseconds or comparing the strings is a classic bug.
 * Returns `null` for anything that is not a finite, non-negative number of seconds.
 */
export function parseUnixSeconds(value: unknown): Date | null {
  let seconds: number;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value)) seconds = Number(value);
  else return null;
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}
