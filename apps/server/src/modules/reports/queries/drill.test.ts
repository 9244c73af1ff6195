import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFieldCipher, type FieldCipher } from "../../../crypto/field-cipher.ts";
import { loadMasterKeys } from "../../../crypto/master-key.ts";
import { conversationInsights } from "../../../db/schema/conversation-insights.ts";
import { DATABASE_KINDS, isAvailable } from "../../../testing/databases.test-utils.ts";
import { drillReport as drillReportSchema } from "../schemas.ts";
import { type DrillParams, drillReport } from "./drill.ts";
import { newReportsWorkspace, openReportsTestDb, type ReportsTestDb } from "./report-facts.test-utils.ts";

const NOW = new Date("2026-03-15T12:00:00Z");
const range = { from: "2026-03-02", to: "2026-03-15" };

describe.each(DATABASE_KINDS)("drillReport (%s)", (kind) => {
  let testDb: ReportsTestDb;
  let cipher: FieldCipher;
  let keyDir: string;
  const run = it.skipIf(!isAvailable(kind));

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    testDb = await openReportsTestDb(kind);
    keyDir = mkdtempSync(join(tmpdir(), "papo-drill-keys-"));
    cipher = createFieldCipher(loadMasterKeys({ configured: randomBytes(32), dataDir: keyDir }), { indexKey: randomBytes(32) });
  });
  afterAll(async () => {
    await testDb?.close();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  const setUp = async () => {
    const ws = await newReportsWorkspace(testDb.database);
    const ana = await ws.addUser("Ana");
    const ch = ws.salesChannel;
    const named = randomUUID();
    const nameEnc = cipher.encrypt({ workspaceId: ws.workspaceId, table: "contacts", column: "name_enc", rowId: named }, "Maria Souza");
    // The contact is made first so its name is sealed under its own id, as the contacts repo does.
    await testDb.database.db.execute(
      sql`insert into contacts (id, workspace_id, name_enc) values (${named}::uuid, ${ws.workspaceId}::uuid, ${nameEnc})`,
    );
    const opened: string[] = [];
    // Seven conversations, two opened at the same instant (the id breaks the tie), one outside the range.
    const times = [
      "2026-03-03T12:00:00Z",
      "2026-03-04T12:00:00Z",
      "2026-03-05T12:00:00Z",
      "2026-03-05T12:00:00Z",
      "2026-03-06T12:00:00Z",
      "2026-03-07T12:00:00Z",
      "2026-03-08T12:00:00Z",
    ];
    for (const [i, openedAt] of times.entries()) {
      const c = await ws.addConversation({
        channelId: ch,
        openedAt,
        assigneeId: i === 6 ? ana : null,
        ...(i === 6 ? { contactId: named } : {}),
        ...(i === 0 ? { resolvedAt: "2026-03-03T13:00:00Z", resolvedById: ana } : {}),
        ...(i === 1 ? { waitingSince: "2026-03-15T11:00:00Z" } : {}),
        ...(i === 2 ? { botHandled: true, handedOffAt: "2026-03-05T12:05:00Z", handoffReason: "unsure" as const } : {}),
        ...(i === 3 ? { botHandled: true, handedOffAt: "2026-03-05T12:06:00Z", handoffReason: "customer_request" as const } : {}),
      });
      opened.push(c.id);
    }
    await ws.addConversation({ channelId: ch, openedAt: "2026-02-20T12:00:00Z" });
    await testDb.database.db.insert(conversationInsights).values({
      conversationId: opened[1] as string,
      workspaceId: ws.workspaceId,
      sentimentScore: -0.7,
      sentimentLabel: "negative",
      updatedAt: NOW,
    });
    await ws.durations([
      {
        kind: "first_response",
        at: "2026-03-06T12:10:00Z",
        conversationId: opened[4] as string,
        channelId: ch,
        agentId: ana,
        seconds: 600,
        businessSeconds: 0,
      },
      {
        kind: "first_response",
        at: "2026-03-08T12:01:00Z",
        conversationId: opened[6] as string,
        channelId: ch,
        agentId: ana,
        seconds: 60,
        businessSeconds: 60,
      },
    ]);
    return { ws, ana, opened };
  };
  const drill = async (ws: Awaited<ReturnType<typeof setUp>>["ws"], params: DrillParams, query: object = {}) =>
    drillReport(testDb.database.db, cipher, await ws.context({ ...range, ...query }, NOW), params);

  run("pages the conversations opened, newest first, without skipping or repeating a tie", async () => {
    const { ws, ana, opened } = await setUp();
    const seen: string[] = [];
    let cursor: string | undefined;
    const pages: number[] = [];
    do {
      const page = await drill(ws, { metric: "opened", limit: 2, ...(cursor ? { cursor } : {}) });
      expect(drillReportSchema.parse(page)).toEqual(page);
      pages.push(page.items.length);
      seen.push(...page.items.map((i) => i.conversationId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([2, 2, 2, 1]);
    const tie = [opened[2], opened[3]].sort().reverse();
    expect(seen).toEqual([opened[6], opened[5], opened[4], tie[0], tie[1], opened[1], opened[0]]);
    const first = await drill(ws, { metric: "opened", limit: 1 });
    expect(first.items[0]).toEqual({
      conversationId: opened[6],
      channelId: ws.salesChannel,
      contactName: "Maria Souza",
      status: "open",
      openedAt: "2026-03-08T12:00:00.000Z",
      resolvedAt: null,
      assignee: { id: ana, name: "Ana" },
      seconds: null,
      at: "2026-03-08T12:00:00.000Z",
    });
  });

  run("a bucket narrows the range; resolved, handoffs by reason and durations list their facts", async () => {
    const { ws, opened } = await setUp();
    const day5 = await drill(ws, { metric: "opened", bucketStart: "2026-03-05T03:00:00.000Z", bucketEnd: "2026-03-06T03:00:00.000Z" });
    expect(day5.items.map((i) => i.conversationId).sort()).toEqual([opened[2], opened[3]].sort());
    const resolved = await drill(ws, { metric: "resolved" });
    expect(resolved.items.map((i) => [i.conversationId, i.status, i.at])).toEqual([[opened[0], "resolved", "2026-03-03T13:00:00.000Z"]]);
    const unsure = await drill(ws, { metric: "handed_off", handoffReason: "unsure" });
    expect(unsure.items.map((i) => [i.conversationId, i.at])).toEqual([[opened[2], "2026-03-05T12:05:00.000Z"]]);
    expect((await drill(ws, { metric: "handed_off" })).items).toHaveLength(2);
    expect((await drill(ws, { metric: "bot_handled" })).items).toHaveLength(2);
    expect((await drill(ws, { metric: "contained" })).items).toHaveLength(0);
    const calendar = await drill(ws, { metric: "first_response" });
    expect(calendar.items.map((i) => [i.conversationId, i.seconds, i.at])).toEqual([
      [opened[6], 60, "2026-03-08T12:01:00.000Z"],
      [opened[4], 600, "2026-03-06T12:10:00.000Z"],
    ]);
    const business = await drill(ws, { metric: "first_response", limit: 1 }, { businessHours: "true" });
    expect(business.items.map((i) => i.seconds)).toEqual([60]);
    const next = await drill(ws, { metric: "first_response", limit: 1, cursor: business.nextCursor ?? "" }, { businessHours: "true" });
    expect(next.items.map((i) => [i.conversationId, i.seconds])).toEqual([[opened[4], 0]]);
    expect(next.nextCursor).toBeNull();
  });

  run("now metrics: waiting with its seconds, unassigned, negative and unanswered", async () => {
    const { ws, opened } = await setUp();
    const waiting = await drill(ws, { metric: "waiting" });
    expect(waiting.items.map((i) => [i.conversationId, i.seconds, i.at])).toEqual([[opened[1], 3600, "2026-03-15T11:00:00.000Z"]]);
    const negative = await drill(ws, { metric: "negative_unanswered" });
    expect(negative.items.map((i) => i.conversationId)).toEqual([opened[1]]);
    const unassigned = await drill(ws, { metric: "unassigned" });
    // Open, handled by a person, nobody assigned: all but the resolved one and Ana's (and the one from before the range).
    expect(unassigned.items).toHaveLength(6);
    expect(unassigned.items.map((i) => i.conversationId)).not.toContain(opened[0]);
    expect(unassigned.items.map((i) => i.conversationId)).not.toContain(opened[6]);
  });

  run("a forged cursor is refused naming the field", async () => {
    const { ws } = await setUp();
    await expect(drill(ws, { metric: "opened", cursor: Buffer.from("yesterday|x'; drop").toString("base64url") })).rejects.toMatchObject({
      code: "request.invalid_cursor",
      status: 400,
    });
  });
});
