import { randomUUID } from "node:crypto";
import { type OpenAITestServer, startOpenAITestServer } from "@papo/copilot/testing";
import { serializeLikeMeta, signPayload } from "@papo/whatsapp";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiSettings } from "../../db/schema/ai-settings.ts";
import { aiUsage } from "../../db/schema/ai-usage.ts";
import { copilotTasks } from "../../db/schema/copilot-tasks.ts";
import { messageInsights } from "../../db/schema/message-insights.ts";
import { messages as messagesTable } from "../../db/schema/messages.ts";
import { webhookEvents } from "../../db/schema/webhook-events.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { wamidBlindIndex } from "../messages/repo.ts";
import type { MessageDto } from "../messages/schemas.ts";
import { TRANSCRIPT_REASONS } from "./analysis.ts";
import { copilotFor } from "./copilot-for.ts";
import type { AiSettingsDto } from "./schemas.ts";
import { usageMonth } from "./usage-repo.ts";

type ErrorBody = { error: { code: string; message: string; details?: unknown } };
type Page<T> = { data: T[]; nextCursor: string | null };
type ConversationDto = { id: string; ai: { language: string | null; sentiment: { label: string } | null; needsAttention: boolean } | null };
type UsageDto = {
  month: string;
  budgetTokens: number | null;
  usedTokens: number;
  remainingTokens: number | null;
  rows: Array<{
    feature: string;
    engine: string;
    requests: number;
    inputTokens: number;
    outputTokens: number;
    fallbacks: number;
    cached: number;
  }>;
};

let counter = 0;
/** A customer number no other test uses (never ending in 0000, which the simulator treats as undeliverable). */
const customerNumber = () => `55318${String(6_100_000 + ++counter * 23).padStart(8, "0")}`;

describe.each(DATABASE_KINDS)("copilot settings, usage and inbound analysis (%s)", (kind) => {
  let t: TestPapo;
  let ai: OpenAITestServer;
  let workspaceId: string;
  const run = it.skipIf(!isAvailable(kind));

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    ai = await startOpenAITestServer();
    t = await startTestPapo({ db: kind });
    workspaceId = t.papo.bootstrap.workspaceId;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await ai?.close();
  });

  const db = () => t.papo.deps.database.db;
  const putAi = (body: unknown) => t.api<AiSettingsDto & ErrorBody>("PUT", "/api/v1/workspace/ai", body);
  const useProvider = (overrides: Record<string, unknown> = {}) =>
    putAi({ provider: { ...ai.providerConfig(), headers: undefined }, monthlyTokenBudget: null, ...overrides });
  const builtinOnly = () => putAi({ provider: null, monthlyTokenBudget: null });

  /** Plays a customer message through the simulator and waits until Papo stored it. */
  const customerSends = async (input: Parameters<TestPapo["sim"]["sendAsCustomer"]>[0]) => {
    const { wamid } = t.sim.sendAsCustomer(input);
    const index = wamidBlindIndex(t.papo.deps.cipher, workspaceId, wamid);
    const stored = await eventually(async () => {
      const [row] = await db()
        .select({ id: messagesTable.id, conversationId: messagesTable.conversationId })
        .from(messagesTable)
        .where(eq(messagesTable.waMessageIdBidx, index));
      return row;
    }, "the customer's message stored");
    return { ...stored, wamid };
  };
  const messageDto = async (conversationId: string, messageId: string) => {
    const page = await t.api<Page<MessageDto>>("GET", `/api/v1/conversations/${conversationId}/messages?limit=50`);
    return page.body.data.find((m) => m.id === messageId);
  };
  const analysed = (conversationId: string, messageId: string, ready: (m: MessageDto) => boolean) =>
    eventually(async () => {
      const m = await messageDto(conversationId, messageId);
      return m && ready(m) ? m : undefined;
    }, "the message analysed");

  describe("AI settings", () => {
    run("defaults: no provider, every feature on, masking on, no budget; status says built-in only", async () => {
      const got = await t.api<AiSettingsDto>("GET", "/api/v1/workspace/ai");
      expect(got.status).toBe(200);
      expect(got.body).toEqual({
        provider: null,
        features: { suggestions: true, sentiment: true, summary: true, rewrite: true, translation: true, transcription: true, bot: true },
        maskPersonalData: true,
        monthlyTokenBudget: null,
        updatedAt: null,
      });
      const status = await t.api<{ providerConfigured: boolean; capabilities: string[] }>("GET", "/api/v1/copilot/status");
      expect(status.body.providerConfigured).toBe(false);
      expect(status.body.capabilities).toContain("sentiment");
      expect(status.body.capabilities).not.toContain("transcription");
    });

    run("the API key is write-only: kept when absent, cleared by an empty string, never returned or audited", async () => {
      const saved = await putAi({ provider: { ...ai.providerConfig(), apiKey: "sk-secret-123" }, features: { rewrite: false } });
      expect(saved.status).toBe(200);
      expect(saved.body.provider).toMatchObject({ baseUrl: ai.baseUrl, chatModel: "test-chat", hasApiKey: true });
      expect(JSON.stringify(saved.body)).not.toContain("sk-secret-123");
      expect(saved.body.features.rewrite).toBe(false);
      expect(saved.body.updatedAt).not.toBeNull();

      const { apiKey: _omitted, ...withoutKey } = ai.providerConfig();
      const kept = await putAi({ provider: { ...withoutKey, chatModel: "other-chat" } });
      expect(kept.body.provider).toMatchObject({ chatModel: "other-chat", hasApiKey: true });
      // Features left out keep their state.
      expect(kept.body.features.rewrite).toBe(false);
      // The saved key never follows the URL to another server unless it is typed again.
      const moved = await putAi({ provider: { ...withoutKey, baseUrl: "http://127.0.0.1:9/v1" } });
      expect(moved.status).toBe(422);
      expect((moved.body as unknown as { error: { code: string; message: string } }).error).toMatchObject({
        code: "copilot.api_key_required",
        message: expect.stringContaining("provider.apiKey"),
      });
      const [row] = await db().select().from(aiSettings).where(eq(aiSettings.workspaceId, workspaceId));
      expect(row?.apiKeyEnc).toBeTruthy();
      expect(row?.apiKeyEnc).not.toContain("sk-secret-123");

      const cleared = await putAi({ provider: { ...withoutKey, apiKey: "" }, features: { rewrite: true } });
      expect(cleared.body.provider?.hasApiKey).toBe(false);

      const audit = await t.api<Page<{ action: string; details: { fields: string[] } }>>(
        "GET",
        "/api/v1/audit-events?action=ai.settings_changed",
      );
      expect(audit.body.data.length).toBeGreaterThanOrEqual(3);
      expect(audit.body.data.map((e) => e.details.fields)).toContainEqual(["provider.chatModel"]);
      expect(JSON.stringify(audit.body.data)).not.toContain("sk-secret-123");
      await builtinOnly();
    });

    run("validation errors name the field; a non-http(s) base URL is refused", async () => {
      const ftp = await putAi({ provider: { ...ai.providerConfig(), baseUrl: "ftp://example.com/v1" } });
      expect(ftp.status).toBe(400);
      expect(ftp.body.error.code).toBe("request.invalid");
      expect(ftp.body.error.message).toContain("body.provider.baseUrl");
      const budget = await putAi({ provider: null, monthlyTokenBudget: -5 });
      expect(budget.status).toBe(400);
      expect(budget.body.error.message).toContain("body.monthlyTokenBudget");
      const month = await t.api<ErrorBody>("GET", "/api/v1/workspace/ai/usage?month=2026-13");
      expect(month.status).toBe(400);
    });

    run("an agent may read the status but not the settings", async () => {
      const agent = await t.addUser({ workspaceId, email: `agent-${randomUUID()}@papo.test`, role: "agent" });
      expect((await t.apiAs(agent.token, "GET", "/api/v1/copilot/status")).status).toBe(200);
      expect((await t.apiAs(agent.token, "GET", "/api/v1/workspace/ai")).status).toBe(403);
    });

    run("the provider test checks the saved provider", async () => {
      await useProvider();
      const test = await t.api<{ ok: boolean; checks: Array<{ capability: string; ok: boolean }> }>("POST", "/api/v1/workspace/ai/test");
      expect(test.status).toBe(200);
      expect(test.body.ok).toBe(true);
      expect(test.body.checks.length).toBeGreaterThan(0);
      await builtinOnly();
      expect((await t.api<{ ok: boolean }>("POST", "/api/v1/workspace/ai/test")).body).toEqual({ ok: false, checks: [] });
    });
  });

  describe("usage, budget and cache", () => {
    const usageRows = async () =>
      db()
        .select()
        .from(aiUsage)
        .where(and(eq(aiUsage.workspaceId, workspaceId), eq(aiUsage.month, usageMonth(new Date()))));

    run("provider calls are counted with their tokens and audited; a repeated request is served from the cache", async () => {
      await useProvider();
      const { copilot } = await copilotFor(t.papo.deps, workspaceId);
      const text = `O pedido ${randomUUID()} chegou, obrigado!`;
      const first = await copilot.sentiment(text, "pt");
      expect(first.engine).toBe("provider");
      const second = await copilot.sentiment(text, "pt");
      expect(second).toMatchObject({ engine: "provider", cached: true });

      const rows = (await usageRows()).filter((r) => r.feature === "sentiment" && r.engine === "provider");
      expect(rows.reduce((s, r) => s + r.requests, 0)).toBeGreaterThanOrEqual(2);
      expect(rows.reduce((s, r) => s + r.cached, 0)).toBeGreaterThanOrEqual(1);
      expect(rows.reduce((s, r) => s + r.inputTokens + r.outputTokens, 0)).toBeGreaterThan(0);

      const audit = await t.api<Page<{ details: Record<string, unknown> }>>("GET", "/api/v1/audit-events?action=ai.provider_used");
      expect(audit.body.data[0]?.details).toMatchObject({ feature: "sentiment", model: "test-chat" });
      expect(JSON.stringify(audit.body.data)).not.toContain(text);
    });

    run("over the monthly budget the built-in engine answers, and the fallback is counted", async () => {
      await useProvider({ monthlyTokenBudget: 1 });
      const { copilot } = await copilotFor(t.papo.deps, workspaceId);
      const outcome = await copilot.sentiment(`Que horrível ${randomUUID()}`, "pt");
      expect(outcome.engine).toBe("builtin");
      expect(outcome.fallback?.reason).toBe("budget_exhausted");

      const usage = await t.api<UsageDto>("GET", "/api/v1/workspace/ai/usage");
      expect(usage.status).toBe(200);
      expect(usage.body).toMatchObject({ month: usageMonth(new Date()), budgetTokens: 1, remainingTokens: 0 });
      expect(usage.body.usedTokens).toBeGreaterThan(1);
      const builtin = usage.body.rows.find((r) => r.feature === "sentiment" && r.engine === "builtin");
      expect(builtin?.fallbacks).toBeGreaterThanOrEqual(1);
      const other = await t.api<UsageDto>("GET", "/api/v1/workspace/ai/usage?month=2020-01");
      expect(other.body).toMatchObject({ month: "2020-01", usedTokens: 0, rows: [] });
      // What only a provider can do is refused with its own code, not "configure a provider".
      const translation = await t.api<{ error: { code: string } }>("POST", "/api/v1/copilot/translate", {
        text: "Bom dia, tudo bem?",
        to: "en",
      });
      expect(translation.status).toBe(429);
      expect(translation.body.error.code).toBe("copilot.budget_exhausted");
      await builtinOnly();
    });

    run("a switched-off feature answers 409 copilot.feature_disabled", async () => {
      await putAi({ provider: null, features: { summary: false } });
      const workspace = await copilotFor(t.papo.deps, workspaceId);
      expect(workspace.isEnabled("summary")).toBe(false);
      expect(() => workspace.assertEnabled("summary")).toThrow(expect.objectContaining({ code: "copilot.feature_disabled", status: 409 }));
      await putAi({ provider: null, features: { summary: true } });
    });
  });

  describe("inbound analysis", () => {
    run(
      "a customer's text gets language and sentiment on the message and the conversation, analysed once despite a redelivery",
      async () => {
        await builtinOnly();
        const from = customerNumber();
        const stored = await customerSends({ from, type: "text", text: "O atendimento foi péssimo, estou muito irritado com o atraso" });
        const message = await analysed(stored.conversationId, stored.id, (m) => Boolean(m.insights?.sentiment));
        expect(message.insights).toMatchObject({ language: "pt", sentiment: { label: "negative", engine: "builtin" }, transcript: null });
        const conversation = await t.api<ConversationDto>("GET", `/api/v1/conversations/${stored.conversationId}`);
        expect(conversation.body.ai).toMatchObject({ language: "pt", sentiment: { label: "negative" } });

        // Meta redelivers the same message (re-batched: other bytes, same wamid): no second task, no second analysis.
        const [delivery] = t.sim.webhookLog().filter((d) => JSON.stringify(d.payload).includes(stored.wamid));
        const body = serializeLikeMeta({ ...(delivery?.payload as Record<string, unknown>), rebatched: true });
        const again = await fetch(`${t.papo.url}/webhook`, {
          method: "POST",
          body,
          headers: { "content-type": "application/json", "x-hub-signature-256": signPayload({ body, appSecret: t.appSecret }) },
        });
        expect(again.status).toBe(200);
        // Once the redelivered body is processed, a second task would exist; a moment more lets a worker pick it up.
        await eventually(
          async () =>
            (await db().select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.status, "pending"))).length === 0,
          "the redelivery processed",
        );
        await new Promise((resolve) => setTimeout(resolve, 500));
        const tasks = await db().select().from(copilotTasks).where(eq(copilotTasks.messageId, stored.id));
        expect(tasks).toHaveLength(1);
        expect(tasks[0]?.status).toBe("done");
        expect(await db().select().from(messagesTable).where(eq(messagesTable.conversationId, stored.conversationId))).toHaveLength(1);
      },
    );

    run("a strongly negative conversation waiting for an answer alerts supervisors, not agents, once until answered", async () => {
      await builtinOnly();
      const supervisor = await t.addUser({ workspaceId, email: `sup-${randomUUID()}@papo.test`, role: "supervisor" });
      const agent = await t.addUser({ workspaceId, email: `ag-${randomUUID()}@papo.test`, role: "agent" });
      const from = customerNumber();
      const first = await customerSends({ from, type: "text", text: "Bom dia, tudo bem?" });
      await analysed(first.conversationId, first.id, (m) => m.insights !== null);
      // The agent owns the conversation, so their stream carries its events (but not the supervisors' alert).
      expect((await t.api("PATCH", `/api/v1/conversations/${first.conversationId}`, { assigneeId: agent.id })).status).toBe(200);
      const supervisorStream = t.openStream(supervisor.token);
      const agentStream = t.openStream(agent.token);
      await Promise.all([supervisorStream.opened, agentStream.opened]);
      await eventually(() => supervisorStream.frames.length > 0 && agentStream.frames.length > 0, "both streams ready");

      const angry = await customerSends({
        from,
        type: "text",
        text: "Péssimo! Horrível! Absurdo, estou com muita raiva, quero meu dinheiro de volta",
      });
      await analysed(angry.conversationId, angry.id, (m) => Boolean(m.insights?.sentiment));
      const alert = (frames: Array<{ type: string; conversationId?: string }>) =>
        frames.filter((f) => f.type === "conversation.needs_attention" && f.conversationId === angry.conversationId);
      await eventually(() => alert(supervisorStream.frames).length === 1, "the supervisor alerted");
      await eventually(
        () => agentStream.frames.some((f) => f.type === "conversation.updated" && f.conversationId === angry.conversationId),
        "the agent sees the conversation change",
      );
      expect(alert(agentStream.frames)).toHaveLength(0);
      const flagged = await t.api<ConversationDto>("GET", `/api/v1/conversations/${angry.conversationId}`);
      expect(flagged.body.ai?.needsAttention).toBe(true);

      // Still negative: no second alert while it stays raised.
      const more = await customerSends({ from, type: "text", text: "Horrível, péssimo serviço" });
      await analysed(more.conversationId, more.id, (m) => Boolean(m.insights?.sentiment));
      expect(alert(supervisorStream.frames)).toHaveLength(1);

      // An answer clears it.
      const reply = await t.api("POST", `/api/v1/conversations/${angry.conversationId}/messages`, {
        type: "text",
        body: "Sinto muito, vamos resolver.",
      });
      expect(reply.status).toBeLessThan(300);
      await eventually(async () => {
        const c = await t.api<ConversationDto>("GET", `/api/v1/conversations/${angry.conversationId}`);
        return c.body.ai?.needsAttention === false;
      }, "the attention flag cleared by the reply");
    });

    run("without a provider a voice note's transcript is unavailable, with the reason", async () => {
      await builtinOnly();
      const stored = await customerSends({ from: customerNumber(), type: "audio", audio: { voice: true } });
      const message = await analysed(stored.conversationId, stored.id, (m) => m.insights?.transcript?.status === "unavailable");
      expect(message.insights?.transcript).toEqual({ status: "unavailable", reason: TRANSCRIPT_REASONS.noProvider });
      expect(message.insights?.sentiment).toBeNull();
    });

    run("with a provider a voice note is transcribed once downloaded, stored encrypted and found by search", async () => {
      await useProvider();
      ai.enqueue({ path: "/v1/audio/transcriptions", transcript: "Minha encomenda chegou quebrada, quero trocar" });
      const stored = await customerSends({ from: customerNumber(), type: "audio", audio: { voice: true } });
      const message = await analysed(
        stored.conversationId,
        stored.id,
        (m) => m.insights?.transcript?.status === "done" && m.insights.sentiment !== null,
      );
      expect(message.insights?.transcript).toMatchObject({
        status: "done",
        text: "Minha encomenda chegou quebrada, quero trocar",
        engine: "provider",
      });
      expect(message.insights?.language).toBe("pt");
      expect(message.insights?.sentiment).not.toBeNull();
      const upload = ai.requests.find((r) => r.path === "/v1/audio/transcriptions");
      expect(upload?.file?.size).toBeGreaterThan(0);

      const [row] = await db().select().from(messageInsights).where(eq(messageInsights.messageId, stored.id));
      expect(row?.transcriptEnc).toBeTruthy();
      expect(row?.transcriptEnc).not.toContain("encomenda");

      const found = await t.api<{ messages: Page<{ id: string }> | null }>("GET", "/api/v1/search?q=encomenda&type=messages");
      expect(found.status).toBe(200);
      expect(found.body.messages?.data.map((m) => m.id)).toContain(stored.id);
      await builtinOnly();
    });
  });
});
