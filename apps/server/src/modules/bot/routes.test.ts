import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { DEFAULT_HANDOFF_REPLY, DEFAULT_OUTSIDE_HOURS_REPLY } from "./defaults.ts";
import type { BotSettingsDto } from "./schemas.ts";

type ErrorBody = { error: { code: string; message: string; details?: { issues?: Array<{ field: string }> } } };
type Conversation = { id: string; handledBy: string; assigneeId: string | null; status: string; contact: { waId: string | null } | null };
type Handoff = {
  id: string;
  reason: string;
  detail: string | null;
  summary: string | null;
  by: { kind: string; userId: string | null };
  at: string;
};
type AuditEvent = { action: string; actor: { type: string; id: string | null }; details: Record<string, unknown> };

describe.each(DATABASE_KINDS)("bot settings and handoff routes (%s)", (kind) => {
  let t: TestPapo;
  let channelId: string;
  let adminId: string;
  let agent: { id: string; token: string };
  const run = it.skipIf(!isAvailable(kind));
  const path = () => `/api/v1/channels/${channelId}/bot`;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    if (!t.papo.sandbox) throw new Error("no sandbox channel");
    channelId = t.papo.sandbox.channel.id;
    adminId = (await t.api<{ id: string }>("GET", "/api/v1/auth/me")).body.id;
    // Not a member of the number and without conversations.see_all: sees none of its conversations.
    agent = await t.addUser({ workspaceId: t.papo.bootstrap.workspaceId, email: "agente@papo.test", role: "agent" });
  }, 120_000);
  afterAll(async () => t?.close());

  const valid = (): BotSettingsDto => ({
    mode: "bot_first",
    confidenceThreshold: 0.6,
    negativeSentimentThreshold: 0.4,
    humanOnlyTopics: ["cancelamento", "reembolso"],
    businessHours: {
      timezone: "America/Sao_Paulo",
      days: {
        mon: [{ start: "09:00", end: "18:00" }],
        tue: [],
        wed: [],
        thu: [],
        fri: [{ start: "22:00", end: "06:00" }],
        sat: [],
        sun: [],
      },
    },
    outsideHoursReply: { pt: "Fora do horário", en: "Outside hours", es: "Fuera de horario" },
    handoffReply: { pt: "Chamando alguém", en: "Calling someone", es: "Llamando a alguien" },
  });

  run("a number without settings has the defaults: the bot off, thresholds 0.5, replies in pt, en and es", async () => {
    const answer = await t.apiAs<BotSettingsDto>(agent.token, "GET", path());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      mode: "off",
      confidenceThreshold: 0.5,
      negativeSentimentThreshold: 0.5,
      humanOnlyTopics: [],
      businessHours: null,
      outsideHoursReply: DEFAULT_OUTSIDE_HOURS_REPLY,
      handoffReply: DEFAULT_HANDOFF_REPLY,
    });
  });

  run("saves and returns the settings, audited; agents may read but not write", async () => {
    const put = await t.api<BotSettingsDto>("PUT", path(), valid());
    expect(put.status).toBe(200);
    expect(put.body).toEqual(valid());
    expect((await t.api<BotSettingsDto>("GET", path())).body.confidenceThreshold).toBeCloseTo(0.6);
    expect((await t.apiAs<ErrorBody>(agent.token, "PUT", path(), valid())).body.error.code).toBe("auth.forbidden");
    const audit = await t.api<{ data: AuditEvent[] }>("GET", `/api/v1/audit-events?action=settings.changed&targetId=${channelId}`);
    expect(audit.body.data[0]?.details).toMatchObject({ area: "bot", mode: "bot_first" });
    expect((await t.api<ErrorBody>("GET", "/api/v1/channels/00000000-0000-4000-8000-000000000000/bot")).body.error.code).toBe(
      "channels.not_found",
    );
    await t.api("PUT", path(), { ...valid(), mode: "off" });
  });

  run("refuses invalid settings naming the field", async () => {
    const hours = valid().businessHours;
    if (!hours) throw new Error("fixture without hours");
    const cases: Array<[BotSettingsDto, string]> = [
      [{ ...valid(), confidenceThreshold: 1.5 }, "body.confidenceThreshold"],
      [{ ...valid(), businessHours: { ...hours, timezone: "Brasil/Sao_Paulo" } }, "body.businessHours.timezone"],
      [
        { ...valid(), businessHours: { ...hours, days: { ...hours.days, mon: [{ start: "9:00", end: "18:00" }] } } },
        "body.businessHours.days.mon.0.start",
      ],
      [
        { ...valid(), businessHours: { ...hours, days: { ...hours.days, tue: [{ start: "10:00", end: "10:00" }] } } },
        "body.businessHours.days.tue.0.end",
      ],
    ];
    for (const [body, field] of cases) {
      const answer = await t.api<ErrorBody>("PUT", path(), body);
      expect(answer.status, field).toBe(400);
      expect(answer.body.error.details?.issues?.map((i) => i.field)).toContain(field);
    }
  });

  run("transfer to human, hand back to the bot and the handoff history, scoped like the conversation", async () => {
    const waId = "5511933330001";
    t.sim.sendAsCustomer({ from: waId, name: "Cliente", type: "text", text: "Meu pedido não chegou ainda" });
    const conversation = await eventually(async () => {
      const list = await t.api<{ data: Conversation[] }>("GET", "/api/v1/conversations?limit=200");
      return list.body.data.find((c) => c.contact?.waId === waId);
    }, "the conversation");
    await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { assigneeId: adminId });

    // The number's bot is off: nothing to hand back to.
    const refused = await t.api<ErrorBody>("POST", `/api/v1/conversations/${conversation.id}/bot`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("bot.not_enabled");

    // Out of the agent's scope: answered like a conversation that does not exist.
    for (const [method, suffix] of [
      ["POST", "handoff"],
      ["POST", "bot"],
      ["GET", "handoffs"],
    ] as const)
      expect(
        (
          await t.apiAs<ErrorBody>(
            agent.token,
            method,
            `/api/v1/conversations/${conversation.id}/${suffix}`,
            method === "POST" ? {} : undefined,
          )
        ).status,
      ).toBe(404);

    await t.api("PUT", path(), valid());
    const back = await t.api<Conversation>("POST", `/api/v1/conversations/${conversation.id}/bot`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ id: conversation.id, handledBy: "bot", assigneeId: null });

    const handed = await t.api<Conversation>("POST", `/api/v1/conversations/${conversation.id}/handoff`, { note: "cliente VIP" });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ handledBy: "human", assigneeId: null, status: "open" });
    const history = await t.api<{ data: Handoff[] }>("GET", `/api/v1/conversations/${conversation.id}/handoffs`);
    expect(history.body.data).toHaveLength(1);
    expect(history.body.data[0]).toMatchObject({ reason: "agent_request", detail: "cliente VIP", by: { kind: "user", userId: adminId } });
    expect(history.body.data[0]?.summary).toContain("pedido");

    const audit = await t.api<{ data: AuditEvent[] }>("GET", `/api/v1/audit-events?targetId=${conversation.id}&action=conversation.handed`);
    expect(audit.body.data.map((e) => e.action)).toEqual(["conversation.handed_off", "conversation.handed_to_bot"]);
    // An agent's transfer tells the customer nothing: the person is there.
    expect(t.sim.sentTo(waId).filter((m) => (m.body.text as { body?: string } | undefined)?.body === "Chamando alguém")).toEqual([]);
    await t.api("PUT", path(), { ...valid(), mode: "off" });
  });

  run("erasing the customer's data erases the handoff summaries and notes, keeping the facts", async () => {
    const waId = "5511933330002";
    t.sim.sendAsCustomer({ from: waId, name: "Cliente", type: "text", text: "Meu endereço é Rua das Palmeiras, 10" });
    const conversation = await eventually(async () => {
      const list = await t.api<{ data: Array<Conversation & { contactId: string }> }>("GET", "/api/v1/conversations?limit=200");
      return list.body.data.find((c) => c.contact?.waId === waId);
    }, "the conversation");
    await t.api("POST", `/api/v1/conversations/${conversation.id}/handoff`, { note: "mora na Rua das Palmeiras" });
    const before = (await t.api<{ data: Handoff[] }>("GET", `/api/v1/conversations/${conversation.id}/handoffs`)).body.data[0];
    expect(before?.summary).toContain("Palmeiras");

    const erased = await t.api("POST", `/api/v1/contacts/${conversation.contactId}/erase`, { confirm: "APAGAR" });
    expect(erased.status).toBe(200);
    const after = (await t.api<{ data: Handoff[] }>("GET", `/api/v1/conversations/${conversation.id}/handoffs`)).body.data;
    expect(after).toEqual([{ ...before, summary: null, detail: null }]);
  });
});
