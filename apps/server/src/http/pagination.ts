import { z } from "zod";
import { badRequest } from "./errors.ts";

/** Opaque cursors: base64url of `<iso timestamp>|<id>`, the sort key of the last row returned. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = iso ? new Date(iso) : undefined;
  // Every paged table is keyed by a UUID and a timestamp PostgreSQL can hold: anything else is a forged cursor that
  // would reach the query as a bad uuid or an out-of-range date.
  const year = at?.getUTCFullYear() ?? Number.NaN;
  if (!at || !(year >= 1970 && year <= 9999) || !id || !CURSOR_ID.test(id))
    throw badRequest("request.invalid_cursor", "cursor: not a cursor returned by this API");
  return { at, id };
}

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
};

export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** Builds `{ data, nextCursor }` from one extra row fetched beyond the limit. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  key: (row: R) => { at: Date; id: string },
): { data: T[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { data: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(key(last).at, key(last).id) : null };
}

export const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
