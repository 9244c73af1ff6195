import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "../../db/schema/users.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { checkChannelHealth, HEALTH_CHECK_TIMEOUT_MS } from "./health-check.ts";
import { createChannelsRepo } from "./repo.ts";

type ErrorBody = { error: { code: string; message: string } };
type Channel = { id: string; webhook: { url: string; verifyToken: string } };
type HealthCheck = {
  ok: boolean;
  checkedAt: string;
  phoneNumber?: { id: string; displayPhoneNumber: string; verifiedName: string; qualityRating: string };
  webhook: { url: string; verifyToken: string };
  error?: {
    code: number | null;
    reason: string;
    category: string;
    retryable: boolean;
    message: string;
    hint: { "pt-BR": string; en: string };
  };
};

describe.each(DATABASE_KINDS)("channel health check (%s)", (kind) => {
  let t: TestPapo;
  let sandboxId: string;
  let agentToken: string;
  let supervisorToken: string;
  let otherToken: string;
  const run = it.skipIf(!isAvailable(kind));

  const userToken = async (workspaceId: string, email: string, role: UserRole) => (await t.addUser({ workspaceId, email, role })).token;
  const as = <T>(token: string, method: string, path: string) => t.apiAs<T>(token, method, path);
  const check = (channelId: string) => t.api<HealthCheck>("POST", `/api/v1/channels/${channelId}/health-check`);
  const connect = async (fields: { phoneNumberId: string; accessToken: string; apiUrl: string }) => {
    const created = await t.api<Channel>("POST", "/api/v1/channels", { name: "Loja", wabaId: "200000000000001", ...fields });
    if (created.status !== 201) throw new Error(`channel not created: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const sandbox = t.papo.sandbox?.channel;
    if (!sandbox) throw new Error("no sandbox channel");
    sandboxId = sandbox.id;
    const me = await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me");
    agentToken = await userToken(me.body.workspaceId, "agente@papo.test", "agent");
    supervisorToken = await userToken(me.body.workspaceId, "supervisora@papo.test", "supervisor");
    const otherWorkspace = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWorkspace, name: "Outra empresa" });
    otherToken = await userToken(otherWorkspace, "admin@outra.test", "admin");
  });
  afterAll(async () => t?.close());

  run("when the sandbox number is checked, Meta's answer comes back with the number, its name and quality", async () => {
    const { status, body } = await check(sandboxId);

    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.phoneNumber).toMatchObject({
      id: t.sim.phoneNumberId,
      displayPhoneNumber: "+55 11 95555-0000",
      verifiedName: "Papo Demo",
      qualityRating: "GREEN",
    });
    expect(body.error).toBeUndefined();
    expect(Number.isNaN(Date.parse(body.checkedAt))).toBe(false);
    const channel = await t.api<Channel>("GET", `/api/v1/channels/${sandboxId}`);
    expect(body.webhook).toEqual(channel.body.webhook);
    expect(body.webhook.url).toBe(`${t.config.publicUrl}/webhook`);
  });

  run("when the channel's access token is wrong, the check answers ok:false with Meta's 190 and a hint about the token", async () => {
    const channel = await connect({ phoneNumberId: "300000000000101", accessToken: "not-the-token", apiUrl: t.sim.url });

    const { status, body } = await check(channel.id);

    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.phoneNumber).toBeUndefined();
    expect(body.error).toMatchObject({ code: 190, reason: "credentials", category: "auth", retryable: false });
    expect(body.error?.message).toContain("access token");
    expect(body.error?.hint["pt-BR"]).toContain("token");
    expect(body.webhook.verifyToken).toBe(channel.webhook.verifyToken);
  });

  run("when the number does not exist for a valid token, the check says number_not_found with Meta's code 100", async () => {
    const channel = await connect({ phoneNumberId: "300000000000102", accessToken: t.sim.accessToken, apiUrl: t.sim.url });

    const { body } = await check(channel.id);

    expect(body.ok).toBe(false);
    expect(body.error).toMatchObject({ code: 100, reason: "number_not_found", category: "permanent" });
    expect(body.error?.message).toContain("300000000000102");
  });

  run("when the API URL answers nothing, the check says unreachable with no Meta code", async () => {
    const channel = await connect({ phoneNumberId: "300000000000103", accessToken: t.sim.accessToken, apiUrl: "http://127.0.0.1:1" });

    const { status, body } = await check(channel.id);

    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.error).toMatchObject({ code: null, reason: "unreachable", retryable: true });
  });

  run("when the API URL accepts the connection but never answers, the check gives up at its own timeout as unreachable", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const channel = await connect({
        phoneNumberId: "300000000000104",
        accessToken: t.sim.accessToken,
        apiUrl: `http://127.0.0.1:${port}`,
      });
      const stored = await createChannelsRepo({ db: t.papo.deps.database.db, cipher: t.papo.deps.cipher }).get(
        t.papo.bootstrap.workspaceId,
        channel.id,
      );
      if (!stored) throw new Error("channel not stored");
      const started = Date.now();

      const result = await checkChannelHealth({ channel: stored, deps: t.papo.deps, timeoutMs: 300 });

      expect(result.ok).toBe(false);
      expect(result.error).toMatchObject({ code: null, reason: "unreachable" });
      // Far below the Graph client's 30 s default, which is what the check used to wait.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(HEALTH_CHECK_TIMEOUT_MS).toBeLessThan(30_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  run("when an agent checks, it is 403 auth.forbidden; a supervisor may check", async () => {
    const denied = await as<ErrorBody>(agentToken, "POST", `/api/v1/channels/${sandboxId}/health-check`);
    expect([denied.status, denied.body.error.code]).toEqual([403, "auth.forbidden"]);

    const bySupervisor = await as<HealthCheck>(supervisorToken, "POST", `/api/v1/channels/${sandboxId}/health-check`);
    expect([bySupervisor.status, bySupervisor.body.ok]).toEqual([200, true]);
  });

  run("when another workspace checks this workspace's channel, it is 404 channels.not_found", async () => {
    const other = await as<ErrorBody>(otherToken, "POST", `/api/v1/channels/${sandboxId}/health-check`);
    expect([other.status, other.body.error.code]).toEqual([404, "channels.not_found"]);
  });
  run("when the OpenAPI document is fetched, it documents the check and its answer", async () => {
    const doc = (await (await fetch(`${t.papo.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>>;
    };
    const operation = doc.paths["/api/v1/channels/{id}/health-check"]?.post;
    expect(operation?.tags).toEqual(["channels"]);
    expect(JSON.stringify(operation?.responses?.["200"])).toContain("number_not_found");
  });
});
