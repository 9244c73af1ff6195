import { randomBytes, randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../clock.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { applyRetention } from "./retention-service.ts";

/*
 * The retention policy: a customer's conversation 45 days ago (text, a photo, our answer) and today (text). The clock
 * is injected: the old part is written with the clock 45 days back, then the dry run and the job run "today".
 */

type Page<T> = { data: T[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string } };
type Message = {
  id: string;
  type: string;
  status: string;
  direction: string;
  text: string | null;
  erasedAt?: string;
  media?: { id: string; status: string };
};
type Conversation = { id: string; contact: { waId: string | null } | null };
type Policy = { messageDays: number | null; mediaDays: number | null; updatedAt: string | null; lastApplied: unknown };
type Preview = {
  policy: { messageDays: number | null; mediaDays: number | null };
  messages: { count: number; oldest: string | null };
  media: { files: number; bytes: number; oldest: string | null };
  channels: Array<{ channelId: string | null; name: string | null; messages: number; mediaFiles: number; mediaBytes: number }>;
};
type AuditEvent = { action: string; actor: { type: string; id: string | null }; details: Record<string, unknown> };

const DAY = 86_400_000;
const token = () => randomBytes(5).toString("hex");

describe.each(DATABASE_KINDS)("retention policy (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  const waId = `55119${Array.from({ length: 8 }, () => randomInt(0, 10)).join("")}`;
  const imageBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300), Buffer.from([0xff, 0xd9])]);
  let conversationId: string;
  let old: Message[];
  let fresh: Message[];
  let queuedId: string;
  let imageMediaId: string;

  const messages = async () => (await t.api<Page<Message>>("GET", `/api/v1/conversations/${conversationId}/messages?limit=200`)).body.data;
  const preview = async (query = "") => t.api<Preview>("GET", `/api/v1/workspace/retention/preview${query}`);

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    // Meta's side (the simulator) lives on the same clock, so the old answers are inside the old window.
    t = await startTestPapo({ db: kind, start: { clock, sandboxSim: { clock: { now: () => clock.now().getTime() } } } });
    // 45 days ago: the customer writes and sends a photo; we answer twice (one answer stays queued, below).
    offsetMs = -45 * DAY;
    const then = Math.floor(clock.now().getTime() / 1000);
    t.sim.sendAsCustomer({ from: waId, name: "Retida", type: "text", text: `Antigo ${token()}`, timestamp: then });
    t.sim.sendAsCustomer({
      from: waId,
      name: "Retida",
      type: "image",
      timestamp: then + 1,
      image: { caption: `Foto antiga ${token()}`, mimeType: "image/jpeg", data: imageBytes.toString("base64") },
    });
    conversationId = (
      await eventually(async () => {
        const { body } = await t.api<Page<Conversation>>("GET", "/api/v1/conversations?limit=100");
        return body.data.find((c) => c.contact?.waId === waId);
      }, "the conversation")
    ).id;
    const image = await eventually(
      async () => (await messages()).find((m) => m.type === "image" && m.media?.status === "stored"),
      "the photo downloaded",
    );
    imageMediaId = image.media?.id ?? "";
    const reply = await t.api<Message>("POST", `/api/v1/conversations/${conversationId}/messages`, {
      type: "text",
      body: "Resposta antiga",
    });
    const pending = await t.api<Message>("POST", `/api/v1/conversations/${conversationId}/messages`, { type: "text", body: "Na fila" });
    expect([reply.status, pending.status], JSON.stringify([reply.body, pending.body])).toEqual([202, 202]);
    await eventually(async () => {
      const sent = await messages();
      return [reply.body.id, pending.body.id].every((id) => sent.find((m) => m.id === id)?.status === "read");
    }, "both answers read");
    await t.sim.webhooksIdle();
    // One answer is still waiting to be sent (as after a long outage): retention must never touch it.
    queuedId = pending.body.id;
    await t.papo.deps.database.db.execute(
      sql`update messages set status = 'queued', next_attempt_at = ${new Date(Date.now() + 365 * DAY).toISOString()}::timestamptz where id = ${queuedId}`,
    );
    // Today.
    offsetMs = 0;
    t.sim.sendAsCustomer({ from: waId, name: "Retida", type: "text", text: `Novo ${token()}` });
    await eventually(async () => (await messages()).length === 5 && true, "today's message");
    const all = await messages();
    old = all.filter((m) => Date.parse((m as unknown as { createdAt: string }).createdAt) < Date.now() - 40 * DAY);
    fresh = all.filter((m) => !old.includes(m));
    expect([old.length, fresh.length]).toEqual([4, 1]);
  }, 120_000);
  afterAll(async () => t?.close());

  run("without a policy everything is kept; the policy is validated and its change audited", async () => {
    expect((await t.api<Policy>("GET", "/api/v1/workspace/retention")).body).toMatchObject({ messageDays: null, mediaDays: null });
    expect((await preview()).body).toMatchObject({ messages: { count: 0 }, media: { files: 0, bytes: 0 } });
    for (const [body, field] of [
      [{ messageDays: 0 }, "body.messageDays"],
      [{ messageDays: 30, mediaDays: 5000 }, "body.mediaDays"],
      [{ messageDays: "30" }, "body.messageDays"],
      [{}, "body.messageDays"],
    ] as const) {
      const refused = await t.api<ErrorBody>("PUT", "/api/v1/workspace/retention", body);
      expect([refused.status, refused.body.error.code]).toEqual([400, "request.invalid"]);
      expect(refused.body.error.message).toContain(field);
    }
    const saved = await t.api<Policy>("PUT", "/api/v1/workspace/retention", { messageDays: 60, mediaDays: 30 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ messageDays: 60, mediaDays: 30 });
    const audit = await t.api<Page<AuditEvent>>("GET", "/api/v1/audit-events?action=settings.changed&limit=5");
    expect(audit.body.data[0]?.details).toMatchObject({ setting: "retention", to: { messageDays: 60, mediaDays: 30 } });
  });

  run("an agent cannot read or change the policy", async () => {
    const agent = await t.addUser({ workspaceId: t.papo.bootstrap.workspaceId, email: `ag-${token()}@papo.test`, role: "agent" });
    expect((await t.apiAs(agent.token, "GET", "/api/v1/workspace/retention")).status).toBe(403);
    expect((await t.apiAs(agent.token, "PUT", "/api/v1/workspace/retention", { messageDays: 1 })).status).toBe(403);
    expect((await t.apiAs(agent.token, "GET", "/api/v1/workspace/retention/preview")).status).toBe(403);
  });

  run(
    "with media kept 30 days and messages 60, the dry run counts exactly the old photo; the job deletes it and keeps every text",
    async () => {
      const channelId = t.papo.sandbox?.channel.id;
      const dry = await preview();
      expect(dry.status).toBe(200);
      expect(dry.body.messages).toEqual({ count: 0, oldest: null });
      expect(dry.body.media).toMatchObject({ files: 1, bytes: imageBytes.byteLength });
      expect(dry.body.channels).toEqual([{ channelId, name: "Sandbox", messages: 0, mediaFiles: 1, mediaBytes: imageBytes.byteLength }]);
      // The dry run changed nothing.
      expect((await messages()).find((m) => m.type === "image")?.media?.status).toBe("stored");

      const [result] = await applyRetention(t.papo.deps);
      expect(result).toMatchObject({ messages: 0, media: 1, bytes: imageBytes.byteLength });
      expect(existsSync(join(t.dataDir, "media", t.papo.bootstrap.workspaceId, `${imageMediaId}.bin`))).toBe(false);
      const after = await messages();
      expect(after.find((m) => m.type === "image")?.media).toBeUndefined();
      expect(after.every((m) => m.erasedAt === undefined)).toBe(true);
      expect(after.find((m) => m.type === "image")?.text).toContain("Foto antiga");
    },
  );

  run("with messages kept 30 days, the dry run counts the old messages exactly, and the job erases exactly those", async () => {
    const dry = await preview("?messageDays=30&mediaDays=null");
    // The queued answer is old too, but waits to be sent: neither counted nor erased.
    const due = old.filter((m) => m.id !== queuedId);
    expect(dry.body.policy).toEqual({ messageDays: 30, mediaDays: null });
    expect(dry.body.messages.count).toBe(due.length);
    expect(Date.parse(dry.body.messages.oldest ?? "")).toBeLessThan(Date.now() - 44 * DAY);
    expect(dry.body.media).toEqual({ files: 0, bytes: 0, oldest: null });
    // The saved policy is still 60/30: nothing older than 60 days.
    expect((await preview()).body.messages.count).toBe(0);

    expect((await t.api("PUT", "/api/v1/workspace/retention", { messageDays: 30 })).status).toBe(200);
    const [result] = await applyRetention(t.papo.deps, { batchSize: 2 });
    expect(result).toMatchObject({ messages: due.length, media: 0 });

    const after = new Map((await messages()).map((m) => [m.id, m]));
    for (const m of due) expect(after.get(m.id)).toMatchObject({ text: "Conteúdo apagado (LGPD)", erasedAt: expect.any(String) });
    expect(after.get(queuedId)).toMatchObject({ text: "Na fila" });
    expect(after.get(queuedId)?.erasedAt).toBeUndefined();
    for (const m of fresh) expect(after.get(m.id)?.text).toBe(m.text);
    expect(after.size).toBe(old.length + fresh.length);

    // Applied again, there is nothing left to do; the dry run agrees.
    expect((await preview()).body.messages.count).toBe(0);
    expect((await applyRetention(t.papo.deps))[0]).toMatchObject({ messages: 0, media: 0 });
    const policy = (await t.api<Policy>("GET", "/api/v1/workspace/retention")).body;
    expect(policy.lastApplied).toMatchObject({ messages: 0, media: 0 });

    const audit = await t.api<Page<AuditEvent>>("GET", "/api/v1/audit-events?action=retention.applied&limit=10");
    expect(audit.body.data.map((e) => [e.actor, e.details.messages, e.details.media])).toEqual([
      [{ type: "system", id: "retention" }, due.length, 0],
      [{ type: "system", id: "retention" }, 0, 1],
    ]);
  });
});
