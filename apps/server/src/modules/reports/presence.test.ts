import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { agentPresence } from "../../db/schema/reports.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { agentsOnlineNow, onlineIntervals, onlineSeconds } from "./presence.ts";

const at = (hhmm: string) => new Date(`2026-11-02T${hhmm}:00.000Z`);

// One database kind: the queries are plain selects; the live socket is what this exercises.
describe("agent presence (pglite)", () => {
  let t: TestPapo;
  let db: Db;

  beforeAll(async () => {
    t = await startTestPapo({ db: "pglite" });
    db = t.papo.deps.database.db;
  }, 180_000);
  afterAll(async () => t?.close());

  it("a live console connection is one presence row, ended when the socket closes", async () => {
    const me = (await t.api<{ id: string; workspaceId: string }>("GET", "/api/v1/auth/me")).body;
    const stream = t.openStream(t.token);
    await stream.opened;
    const [row] = await eventually(
      () =>
        db
          .select()
          .from(agentPresence)
          .where(eq(agentPresence.userId, me.id))
          .then((r) => r.length > 0 && r),
      "the presence row",
    );
    expect(row).toMatchObject({ workspaceId: me.workspaceId, endedAt: null });
    expect(row?.lastSeenAt.getTime()).toBe(row?.startedAt.getTime());
    expect((await agentsOnlineNow(db, me.workspaceId)).map((a) => a.userId)).toEqual([me.id]);

    stream.ws.close();
    await stream.closed;
    const ended = await eventually(async () => {
      const [current] = await db.select().from(agentPresence).where(eq(agentPresence.userId, me.id));
      return current?.endedAt ? current : undefined;
    }, "the presence row to end");
    expect(ended?.endedAt?.getTime()).toBeGreaterThanOrEqual(row?.startedAt.getTime() ?? 0);
    expect(await agentsOnlineNow(db, me.workspaceId)).toEqual([]);
  });

  it("online time is the union of connections, a dead connection ends at its heartbeat, an open one at now", async () => {
    const ws = randomUUID();
    await db.insert(workspaces).values({ id: ws, name: "Presença" });
    const [ana, bruno, carla, dora] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const now = at("12:00");
    const row = (userId: string, startedAt: Date, lastSeenAt: Date, endedAt: Date | null) => ({
      id: randomUUID(),
      workspaceId: ws,
      userId,
      startedAt,
      lastSeenAt,
      endedAt,
    });
    await db.insert(agentPresence).values([
      // Ana: two tabs overlapping 08:00–09:30 and 09:00–10:00, then 10:30–11:00.
      row(ana, at("08:00"), at("09:30"), at("09:30")),
      row(ana, at("09:00"), at("10:00"), at("10:00")),
      row(ana, at("10:30"), at("11:00"), at("11:00")),
      // Bruno: a process that died at 09:10 (heartbeat stale, never ended).
      row(bruno, at("09:00"), at("09:10"), null),
      // Carla: online since 11:00, heartbeat 20 s ago.
      row(carla, at("11:00"), new Date(now.getTime() - 20_000), null),
      // Dora: a long tab 09:00–11:00 with a short one inside it (09:15–09:30), a third from 10:45 to 11:30 reaching past
      // the long one's end through it, and one that starts exactly when that ends (touching: one stretch).
      row(dora, at("09:00"), at("11:00"), at("11:00")),
      row(dora, at("09:15"), at("09:30"), at("09:30")),
      row(dora, at("10:45"), at("11:30"), at("11:30")),
      row(dora, at("11:30"), at("11:40"), at("11:40")),
    ]);
    const intervals = await onlineIntervals(db, ws, at("08:30"), at("12:00"), now);
    const view = Object.fromEntries(
      intervals.map((u) => [u.userId, u.intervals.map((i) => [i.start.toISOString().slice(11, 16), i.end.toISOString().slice(11, 16)])]),
    );
    expect(view).toEqual({
      [ana]: [
        ["08:30", "10:00"],
        ["10:30", "11:00"],
      ],
      [bruno]: [["09:00", "09:10"]],
      [carla]: [["11:00", "12:00"]],
      [dora]: [["09:00", "11:40"]],
    });
    // The database's sum merges the same stretches.
    const seconds = await onlineSeconds(db, ws, at("08:30"), at("12:00"), now);
    expect(Object.fromEntries(seconds)).toEqual({
      // 08:30–10:00 (clipped to the range's start) and 10:30–11:00.
      [ana]: 120 * 60,
      [bruno]: 10 * 60,
      // 11:00 to the range's end.
      [carla]: 60 * 60,
      // 09:00–11:40 in one stretch.
      [dora]: 160 * 60,
    });
    expect(await agentsOnlineNow(db, ws, now)).toEqual([{ userId: carla, since: at("11:00") }]);
    await db.execute(sql`delete from workspaces where id = ${ws}`);
  });
});
