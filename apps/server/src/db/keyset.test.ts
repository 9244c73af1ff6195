import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";

type Page<T> = { data: T[]; nextCursor: string | null };

describe.each(DATABASE_KINDS)("cursor pages over sub-millisecond timestamps (%s)", (kind) => {
  let t: TestPapo;
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  // A cursor carries a JavaScript Date (milliseconds). Rows written a few microseconds apart inside one millisecond
  // used to fall between two pages and never be listed; the sort columns now keep milliseconds only, so ties are
  // broken by id and every row is listed exactly once.
  it.skipIf(!isAvailable(kind))("when rows differ only by microseconds, paging one at a time lists each exactly once", async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      const { body } = await t.api<{ id: string }>("POST", "/api/v1/contacts", { name: `Micro ${n}`, phone: `+55119777700${n}` });
      ids.push(body.id);
    }
    const micros = ["123456", "123400", "123300", "123999"];
    const { db } = t.papo.deps.database;
    for (const [i, id] of ids.entries())
      await db.execute(sql`update contacts set created_at = ${`2026-01-01T10:00:00.${micros[i]}Z`}::timestamptz where id = ${id}`);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const { body }: { body: Page<{ id: string }> } = await t.api<Page<{ id: string }>>("GET", `/api/v1/contacts?limit=1${query}`);
      seen.push(...body.data.map((c) => c.id));
      cursor = body.nextCursor;
    } while (cursor && seen.length < 50);

    expect(seen.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });
});
