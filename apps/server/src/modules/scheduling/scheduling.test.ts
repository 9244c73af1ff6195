import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../clock.ts";
import { systemContext } from "../../context.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { scheduledMessages } from "../../db/schema/scheduled-messages.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { type Papo, startPapo } from "../../runtime.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { customerWrites, type MessageView } from "../messages/outbound.test-utils.ts";
import { queueMessage } from "../messages/send-service.ts";
import { instantToLocal, localToInstant } from "./local-time.ts";
import type { ScheduledDto } from "./schemas.ts";

type Created = { scheduled: ScheduledDto; warnings: Array<{ code: string; message: string; details: unknown }> };
type ErrorBody = { error: { code: string; message: string; details?: { field?: string } } };
type Frame = { type: string; conversationId?: string; scheduledId?: string; userId?: string };

const HELLO = { type: "template", name: "hello_world", language: "en_US" } as const;
const LEAD_MS = 45_000;

/**
 * The scheduler reads a clock the tests move forward: an item "45 seconds ahead" comes due when the clock is advanced,
 * without waiting. The access token lives long enough for every advance in the file.
 */
function testClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}

describe.each(DATABASE_KINDS)("scheduled messages, follow-ups and reminders (%s)", (kind) => {
  let t: TestPapo;
  let restarted: Papo | undefined;
  const clock = testClock();
  let phone = 5511930000000;
  const nextPhone = () => String(++phone);

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind, env: { ACCESS_TOKEN_TTL: "12h" }, start: { clock } });
  });
  afterAll(async () => {
    await restarted?.close();
    await t?.close();
  });

  const db = () => t.papo.deps.database.db;
  const schedule = (conversationId: string, body: unknown) =>
    t.api<Created & ErrorBody>("POST", `/api/v1/conversations/${conversationId}/scheduled-messages`, body);
  const ahead = (ms = LEAD_MS) => new Date(clock.now().getTime() + ms).toISOString();
  const getItem = async (conversationId: string, id: string) =>
    (await t.api<{ data: ScheduledDto[] }>("GET", `/api/v1/conversations/${conversationId}/scheduled-messages`)).body.data.find(
      (s) => s.id === id,
    );
  /** Lets the item's time come, then waits for the scheduler to leave it in `status`. */
  async function comesDue(conversationId: string, id: string, status: string): Promise<ScheduledDto> {
    clock.advance(LEAD_MS + 1000);
    return eventually(async () => {
      const list = (await t.api<{ data: ScheduledDto[] }>("GET", `/api/v1/conversations/${conversationId}/scheduled-messages`)).body.data;
      const item = list.find((s) => s.id === id);
      return item?.status === status ? item : undefined;
    }, `scheduled item ${id} to be ${status}`);
  }
  const outboundOf = async (conversationId: string) =>
    (await t.api<{ data: MessageView[] }>("GET", `/api/v1/conversations/${conversationId}/messages?limit=100`)).body.data.filter(
      (m) => m.direction === "outbound",
    );

  it.skipIf(!isAvailable(kind))("when the workspace's time zone is read and changed, only a valid IANA zone is kept", async () => {
    expect((await t.api("GET", "/api/v1/workspace/settings")).body).toEqual({
      name: "Papo",
      timeZone: "America/Sao_Paulo",
      businessHours: null,
    });
    const wrong = await t.api<ErrorBody>("PATCH", "/api/v1/workspace/settings", { timeZone: "America/Atlantida" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: "workspace.invalid_time_zone", details: { field: "timeZone" } });
    const agent = await t.addUser({ workspaceId: t.papo.bootstrap.workspaceId, email: "agente.tz@papo.test", role: "agent" });
    expect((await t.apiAs(agent.token, "GET", "/api/v1/workspace/settings")).status).toBe(200);
    expect((await t.apiAs(agent.token, "PATCH", "/api/v1/workspace/settings", { timeZone: "UTC" })).status).toBe(403);

    const changed = await t.api("PATCH", "/api/v1/workspace/settings", { name: "Loja Papo", timeZone: "Asia/Kolkata" });
    expect(changed.body).toEqual({ name: "Loja Papo", timeZone: "Asia/Kolkata", businessHours: null });
    const audit = await t.api<{ data: Array<{ action: string; details: unknown }> }>(
      "GET",
      "/api/v1/audit-events?action=workspace.settings_changed",
    );
    expect(audit.body.data[0]?.details).toMatchObject({
      fields: ["name", "timeZone"],
      timeZone: { from: "America/Sao_Paulo", to: "Asia/Kolkata" },
    });

    // A local time is read on the workspace's clock, and shown back on it.
    const { conversationId } = await customerWrites(t, { from: nextPhone() });
    const local = instantToLocal(new Date(clock.now().getTime() + 2 * 3600_000), "Asia/Kolkata");
    const created = await schedule(conversationId, { kind: "reminder", note: "ligar", sendAtLocal: local });
    expect(created.status).toBe(201);
    expect(created.body.scheduled).toMatchObject({
      sendAtLocal: local,
      timeZone: "Asia/Kolkata",
      sendAt: localToInstant(local, "Asia/Kolkata").toISOString(),
    });
    await t.api("PATCH", "/api/v1/workspace/settings", { name: "Papo", timeZone: "America/Sao_Paulo" });
    const shown = await getItem(conversationId, created.body.scheduled.id);
    expect(shown).toMatchObject({
      timeZone: "America/Sao_Paulo",
      sendAtLocal: instantToLocal(new Date(created.body.scheduled.sendAt), "America/Sao_Paulo"),
    });
  });

  it.skipIf(!isAvailable(kind))("when a text is scheduled inside the window, it is sent once, at its time", async () => {
    const waId = nextPhone();
    const { conversationId } = await customerWrites(t, { from: waId });
    const created = await schedule(conversationId, { message: { type: "text", body: "Seu pedido saiu!" }, sendAt: ahead() });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([]);
    expect(created.body.scheduled).toMatchObject({
      kind: "message",
      condition: "always",
      messageType: "text",
      message: { type: "text", body: "Seu pedido saiu!" },
      status: "scheduled",
      messageId: null,
      createdBy: { id: expect.any(String), name: "Admin" },
      windowOpenAtSendTime: true,
    });
    const id = created.body.scheduled.id;
    // Not before its time.
    expect((await getItem(conversationId, id))?.status).toBe("scheduled");
    expect(t.sim.sentTo(waId)).toHaveLength(0);

    const sent = await comesDue(conversationId, id, "sent");
    expect(sent.messageId).toEqual(expect.any(String));
    await eventually(() => t.sim.sentTo(waId).length === 1, "the simulator to receive the message");
    const outbound = await outboundOf(conversationId);
    expect(outbound.map((m) => ({ id: m.id, text: m.text }))).toEqual([{ id: sent.messageId, text: "Seu pedido saiu!" }]);

    // Once it went it cannot be changed or cancelled.
    const edit = await t.api<ErrorBody>("PATCH", `/api/v1/scheduled-messages/${id}`, { afterHours: 1 });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe("scheduling.not_editable");
    expect((await t.api<ErrorBody>("DELETE", `/api/v1/scheduled-messages/${id}`)).status).toBe(409);
    expect(t.sim.sentTo(waId)).toHaveLength(1);
  });

  it.skipIf(!isAvailable(kind))(
    "when the scheduler crashed after queueing, the retry finds the message and nothing is sent twice",
    async () => {
      const waId = nextPhone();
      const { conversationId } = await customerWrites(t, { from: waId });
      const created = await schedule(conversationId, { message: { type: "text", body: "Só uma vez" }, sendAt: ahead() });
      const id = created.body.scheduled.id;
      // What a scheduler that died right after queueing leaves: the message under the item's key, the item not marked.
      const { deps } = t.papo;
      const { message } = await queueMessage({
        ctx: systemContext(t.papo.bootstrap.workspaceId, "test"),
        conversationId,
        body: { type: "text", body: "Só uma vez" },
        idempotencyKey: `scheduled:${id}`,
        deps: { db: db(), cipher: deps.cipher, clock, events: deps.events, onQueued: deps.kick.send, audit: deps.audit },
      });
      await db()
        .update(scheduledMessages)
        .set({ status: "processing", lockedUntil: new Date(clock.now().getTime() - 1000) })
        .where(eq(scheduledMessages.id, id));

      const sent = await comesDue(conversationId, id, "sent");
      expect(sent.messageId).toBe(message.id);
      await eventually(() => t.sim.sentTo(waId).length === 1, "the one message to reach the simulator");
      expect(await outboundOf(conversationId)).toHaveLength(1);
    },
  );

  it.skipIf(!isAvailable(kind))("when sending fails unexpectedly, the item waits and is tried again", async () => {
    const waId = nextPhone();
    const { conversationId } = await customerWrites(t, { from: waId });
    // Meta cannot list the templates (so nobody can say whether this one is marketing): a retryable refusal.
    clock.advance(61_000);
    t.sim.addFaults([{ on: "templates", code: 131000, times: 20 }]);
    const created = await schedule(conversationId, { message: HELLO, sendAt: ahead() });
    const id = created.body.scheduled.id;
    clock.advance(LEAD_MS + 1000);
    const waiting = await eventually(async () => {
      const [row] = await db().select().from(scheduledMessages).where(eq(scheduledMessages.id, id));
      return row?.status === "scheduled" && row.attempts === 1 ? row : undefined;
    }, "the item to be put back after its first attempt");
    expect(waiting.lockedUntil?.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(t.sim.sentTo(waId)).toHaveLength(0);

    t.sim.setFaults([]);
    const sent = await comesDue(conversationId, id, "sent");
    expect(sent.errorCode).toBeNull();
    await eventually(() => t.sim.sentTo(waId).length === 1, "the template to reach the simulator on the second attempt");
  });

  it.skipIf(!isAvailable(kind))(
    "when the window will be closed at its time, scheduling warns; at its time the text is refused",
    async () => {
      // The customer wrote 23.5 hours ago: the window closes in half an hour.
      const waId = nextPhone();
      const { conversationId } = await customerWrites(t, { from: waId, hoursAgo: 23.5 });
      const late = await schedule(conversationId, { message: { type: "text", body: "Amanhã" }, afterHours: 2 });
      expect(late.status).toBe(201);
      expect(late.body.scheduled.windowOpenAtSendTime).toBe(false);
      expect(late.body.warnings).toEqual([
        {
          code: "scheduling.window_closed_at_send_time",
          message: expect.stringContaining("template"),
          details: { windowExpiresAt: expect.any(String), use: "template" },
        },
      ]);
      expect((await t.api("DELETE", `/api/v1/scheduled-messages/${late.body.scheduled.id}`)).body).toMatchObject({ status: "cancelled" });

      // Open when scheduled, closed (as Meta would say) by its time.
      const soon = await schedule(conversationId, { message: { type: "text", body: "Já volto" }, sendAt: ahead() });
      expect(soon.body.warnings).toEqual([]);
      await db()
        .update(conversations)
        .set({ windowExpiresAt: new Date(clock.now().getTime() + 1000) })
        .where(eq(conversations.id, conversationId));
      const failed = await comesDue(conversationId, soon.body.scheduled.id, "failed");
      expect(failed).toMatchObject({
        errorCode: "scheduling.window_closed",
        errorMessage: expect.stringContaining("template"),
        messageId: null,
      });
      expect(t.sim.sentTo(waId)).toHaveLength(0);
    },
  );

  it.skipIf(!isAvailable(kind))("when an approved template is scheduled outside the window, it goes", async () => {
    const waId = nextPhone();
    const { conversationId } = await customerWrites(t, { from: waId, hoursAgo: 30 });
    const created = await schedule(conversationId, { message: HELLO, sendAt: ahead() });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([]);
    expect(created.body.scheduled).toMatchObject({ messageType: "template", windowOpenAtSendTime: false });
    await comesDue(conversationId, created.body.scheduled.id, "sent");
    await eventually(() => t.sim.sentTo(waId).length === 1, "the template to reach the simulator");
  });

  it.skipIf(!isAvailable(kind))("when the customer answers before a follow-up is due it is skipped; when not, it goes", async () => {
    const answered = nextPhone();
    const first = await customerWrites(t, { from: answered });
    const followUp = await schedule(first.conversationId, {
      message: { type: "text", body: "Conseguiu ver?" },
      condition: "no_reply",
      sendAt: ahead(),
    });
    expect(followUp.body.scheduled.condition).toBe("no_reply");
    // The customer writes after it was scheduled (by the clock Papo reads).
    const { wamid } = t.sim.sendAsCustomer({
      from: answered,
      name: "Cliente",
      type: "text",
      text: "Vi sim, obrigado",
      timestamp: Math.ceil(clock.now().getTime() / 1000) + 1,
    });
    await eventually(async () => {
      const list = (await t.api<{ data: MessageView[] }>("GET", `/api/v1/conversations/${first.conversationId}/messages`)).body.data;
      return list.some((m) => m.waMessageId === wamid);
    }, "the customer's answer");
    const skipped = await comesDue(first.conversationId, followUp.body.scheduled.id, "skipped");
    expect(skipped.errorCode).toBe("scheduling.customer_replied");
    expect(t.sim.sentTo(answered)).toHaveLength(0);

    const silent = nextPhone();
    const second = await customerWrites(t, { from: silent });
    const nudge = await schedule(second.conversationId, {
      message: { type: "text", body: "Conseguiu ver?" },
      condition: "no_reply",
      sendAt: ahead(),
    });
    await comesDue(second.conversationId, nudge.body.scheduled.id, "sent");
    await eventually(() => t.sim.sentTo(silent).length === 1, "the follow-up to reach the simulator");
  });

  it.skipIf(!isAvailable(kind))("when a reminder comes due, only its author is told, and nothing is sent", async () => {
    const waId = nextPhone();
    const { conversationId } = await customerWrites(t, { from: waId });
    const supervisor = await t.addUser({ workspaceId: t.papo.bootstrap.workspaceId, email: "supervisora@papo.test", role: "supervisor" });
    const mine = t.openStream<Frame>(t.token);
    const theirs = t.openStream<Frame>(supervisor.token);
    await Promise.all([mine.opened, theirs.opened]);

    const created = await schedule(conversationId, { kind: "reminder", note: "Ligar para confirmar a entrega", sendAt: ahead() });
    expect(created.body.scheduled).toMatchObject({
      kind: "reminder",
      messageType: "reminder",
      note: "Ligar para confirmar a entrega",
      message: null,
    });
    // A reminder is its author's own: another person does not see it.
    const seenByOther = await t.apiAs<{ data: ScheduledDto[] }>(
      supervisor.token,
      "GET",
      `/api/v1/conversations/${conversationId}/scheduled-messages`,
    );
    expect(seenByOther.body.data.map((s) => s.id)).not.toContain(created.body.scheduled.id);
    expect((await t.apiAs(supervisor.token, "DELETE", `/api/v1/scheduled-messages/${created.body.scheduled.id}`)).status).toBe(404);

    await comesDue(conversationId, created.body.scheduled.id, "done");
    const due = await eventually(() => mine.frames.find((f) => f.type === "reminder.due"), "the reminder frame");
    expect(due).toEqual({ type: "reminder.due", conversationId, scheduledId: created.body.scheduled.id, userId: expect.any(String) });
    // The supervisor's stream is told of changes it may see, never of someone else's reminder coming due.
    await eventually(() => theirs.frames.some((f) => f.type === "scheduled_message.changed"), "the supervisor's change frames");
    expect(theirs.frames.filter((f) => f.type === "reminder.due")).toEqual([]);
    expect(t.sim.sentTo(waId)).toHaveLength(0);
    mine.ws.close();
    theirs.ws.close();
  });

  it.skipIf(!isAvailable(kind))("when a scheduled message is edited and then cancelled, it never goes", async () => {
    const waId = nextPhone();
    const { conversationId } = await customerWrites(t, { from: waId });
    const created = await schedule(conversationId, { message: { type: "text", body: "Primeira versão" }, afterHours: 1 });
    const id = created.body.scheduled.id;
    const edited = await t.api<Created>("PATCH", `/api/v1/scheduled-messages/${id}`, {
      message: { type: "text", body: "Segunda versão" },
      condition: "no_reply",
      sendAt: ahead(),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.scheduled).toMatchObject({
      message: { type: "text", body: "Segunda versão" },
      condition: "no_reply",
      status: "scheduled",
    });
    expect(edited.body.scheduled.sendAt).not.toBe(created.body.scheduled.sendAt);
    const tooLong = await t.api<ErrorBody>("PATCH", `/api/v1/scheduled-messages/${id}`, {
      message: { type: "text", body: "x".repeat(4097) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe("messages.invalid");

    const cancelled = await t.api<ScheduledDto>("DELETE", `/api/v1/scheduled-messages/${id}`);
    expect(cancelled.body).toMatchObject({ id, status: "cancelled" });
    const again = await t.api<ErrorBody>("DELETE", `/api/v1/scheduled-messages/${id}`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("scheduling.not_editable");
    clock.advance(LEAD_MS + 1000);
    // The workspace's list (newest state of every item): the cancelled one stays cancelled, and nothing went.
    const listed = await t.api<{ data: ScheduledDto[] }>("GET", "/api/v1/scheduled-messages?status=cancelled&mine=true");
    expect(listed.body.data.map((s) => s.id)).toContain(id);
    expect(t.sim.sentTo(waId)).toHaveLength(0);
  });

  it.skipIf(!isAvailable(kind))("when the request is wrong, the answer names the field", async () => {
    const { conversationId } = await customerWrites(t, { from: nextPhone() });
    const text = { type: "text", body: "oi" };
    const cases: Array<[unknown, number, string, string | undefined]> = [
      [{ message: text }, 422, "scheduling.invalid_send_time", "sendAt"],
      [{ message: text, sendAt: ahead(), afterHours: 1 }, 422, "scheduling.invalid_send_time", "afterHours"],
      [{ message: text, sendAt: ahead(10_000) }, 422, "scheduling.invalid_send_time", "sendAt"],
      [{ message: text, sendAt: ahead(400 * 24 * 3600_000) }, 422, "scheduling.invalid_send_time", "sendAt"],
      [{ message: text, sendAtLocal: "2030-02-30T09:00" }, 422, "scheduling.invalid_send_time", "sendAtLocal"],
      [{ afterHours: 1 }, 422, "scheduling.invalid", "message"],
      [{ kind: "reminder", message: text, afterHours: 1 }, 422, "scheduling.invalid", "message"],
      [{ message: { type: "image", mediaId: randomUUID() }, afterHours: 1 }, 400, "media.not_found", "mediaId"],
    ];
    for (const [body, status, code, field] of cases) {
      const answer = await schedule(conversationId, body);
      expect({ body, status: answer.status, code: answer.body.error?.code }).toEqual({ body, status, code });
      if (field) expect(answer.body.error.message.startsWith(`${field}:`) || answer.body.error.details?.field === field).toBe(true);
    }
    const tooSoon = await schedule(conversationId, { message: text, afterHours: 0.1 });
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.error.message).toContain("afterHours");
  });

  it.skipIf(!isAvailable(kind))("when another workspace asks for an item or a conversation, it does not exist", async () => {
    const { conversationId } = await customerWrites(t, { from: nextPhone() });
    const created = await schedule(conversationId, { message: { type: "text", body: "oi" }, afterHours: 1 });
    const otherWorkspace = randomUUID();
    await db().insert(workspaces).values({ id: otherWorkspace, name: "Outra" });
    const stranger = await t.addUser({ workspaceId: otherWorkspace, email: "admin@outra.test", role: "admin" });
    const id = created.body.scheduled.id;
    expect((await t.apiAs(stranger.token, "PATCH", `/api/v1/scheduled-messages/${id}`, { afterHours: 2 })).status).toBe(404);
    expect((await t.apiAs(stranger.token, "DELETE", `/api/v1/scheduled-messages/${id}`)).status).toBe(404);
    expect((await t.apiAs(stranger.token, "GET", `/api/v1/conversations/${conversationId}/scheduled-messages`)).status).toBe(404);
    expect(
      (
        await t.apiAs(stranger.token, "POST", `/api/v1/conversations/${conversationId}/scheduled-messages`, {
          kind: "reminder",
          afterHours: 1,
        })
      ).status,
    ).toBe(404);
    const theirs = await t.apiAs<{ data: ScheduledDto[] }>(stranger.token, "GET", "/api/v1/scheduled-messages");
    expect(theirs.body.data).toEqual([]);
    await t.api("DELETE", `/api/v1/scheduled-messages/${id}`);
  });

  it.skipIf(!isAvailable(kind))("when the contact is erased, its scheduled items are cancelled and lose their content", async () => {
    const { conversationId, inbound } = await customerWrites(t, { from: nextPhone() });
    const pending = await schedule(conversationId, { message: { type: "text", body: "Endereço: Rua X" }, note: "pessoal", afterHours: 2 });
    const erased = await t.api("POST", `/api/v1/contacts/${inbound.contactId}/erase`, { confirm: "APAGAR" });
    expect(erased.status).toBe(200);
    const [row] = await db().select().from(scheduledMessages).where(eq(scheduledMessages.id, pending.body.scheduled.id));
    expect(row).toMatchObject({ status: "cancelled", errorCode: "papo.contact_erased" });
    expect(
      t.papo.deps.cipher.decryptJson(
        { workspaceId: t.papo.bootstrap.workspaceId, table: "scheduled_messages", column: "content_enc", rowId: row?.id ?? "" },
        row?.contentEnc ?? "",
      ),
    ).toEqual({ erased: true });
  });

  // Last: it stops the shared Papo.
  it.skipIf(!isAvailable(kind))("when Papo restarts before a scheduled message is due, it is sent once after the restart", async () => {
    const waId = nextPhone();
    const { conversationId } = await customerWrites(t, { from: waId });
    const created = await schedule(conversationId, { message: HELLO, sendAt: ahead() });
    const id = created.body.scheduled.id;
    await t.stop();
    expect(t.sim.sentTo(waId)).toHaveLength(0);

    clock.advance(LEAD_MS + 1000);
    restarted = await startPapo(t.config, {
      clock,
      log: pino({ level: "silent" }),
      sandboxSim: { statusDelaysMs: { sent: 10, delivered: 20, read: 30 } },
    });
    const papo = restarted;
    const login = await fetch(`${papo.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    });
    const { token } = (await login.json()) as { token: string };
    const get = async <T>(path: string) =>
      (await (await fetch(`${papo.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    const sent = await eventually(async () => {
      const list = await get<{ data: ScheduledDto[] }>(`/api/v1/conversations/${conversationId}/scheduled-messages`);
      return list.data.find((s) => s.id === id && s.status === "sent");
    }, "the scheduled message to go after the restart");
    const sim = papo.sandbox?.sim;
    await eventually(() => sim?.sentTo(waId).length === 1, "the simulator to receive it");
    const messages = await get<{ data: MessageView[] }>(`/api/v1/conversations/${conversationId}/messages?limit=100`);
    expect(messages.data.filter((m) => m.direction === "outbound").map((m) => m.id)).toEqual([sent.messageId]);
  });
});
