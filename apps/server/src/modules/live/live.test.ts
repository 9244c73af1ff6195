import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type Frame = { type: string; conversationId?: string; messageId?: string; workspaceId?: string };

describe.each(DATABASE_KINDS)("live stream and console (%s)", (kind) => {
  let t: TestPapo;
  const consoleDir = mkdtempSync(join(tmpdir(), "papo-console-"));
  writeFileSync(join(consoleDir, "index.html"), "<!doctype html><title>Papo console</title>");
  writeFileSync(join(consoleDir, "app.js"), "console.log('papo')");
  const run = it.skipIf(!isAvailable(kind));
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind, overrides: { webDistDir: consoleDir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  const connect = (token: string) => t.openStream<Frame>(token);

  run("when a customer writes, a connected console receives the new message and the conversation update, ids only", async () => {
    const live = connect(t.token);
    await eventually(() => live.frames.some((f) => f.type === "ready"), "the ready frame");
    t.sim.sendAsCustomer({ from: "5511933331111", name: "Ao vivo", type: "text", text: "chegou agora" });
    const received = await eventually(() => live.frames.find((f) => f.type === "message.received"), "message.received");
    expect(received).toEqual({ type: "message.received", conversationId: expect.any(String), messageId: expect.any(String) });
    expect(JSON.stringify(live.frames)).not.toContain("chegou agora");
    await eventually(
      () => live.frames.some((f) => f.type === "conversation.updated" && f.conversationId === received.conversationId),
      "conversation.updated",
    );
    live.ws.close();
  });

  run("when the token is missing or forged, the stream closes with 4401", async () => {
    expect(await connect("forged").closed).toBe(4401);
  });

  run("when an agent transfers a conversation to a human and lists users, the API answers with the change and the people", async () => {
    t.sim.sendAsCustomer({ from: "5511933332222", name: "Bot", type: "text", text: "quero falar com alguém" });
    const conversation = await eventually(async () => {
      const { body } = await t.api<{ data: Array<{ id: string; contact: { waId: string } }> }>("GET", "/api/v1/conversations");
      return body.data.find((c) => c.contact.waId === "5511933332222");
    }, "the conversation");
    const transferred = await t.api<{ handledBy: string }>("PATCH", `/api/v1/conversations/${conversation.id}`, { handledBy: "human" });
    expect(transferred.body.handledBy).toBe("human");
    const me = await t.api<{ id: string; email: string; active: boolean }>("GET", "/api/v1/auth/me");
    expect(me.body).toMatchObject({ email: "admin@papo.test", active: true });
    const users = await t.api<{ data: Array<{ id: string }> }>("GET", "/api/v1/users");
    expect(users.body.data.map((u) => u.id)).toEqual([me.body.id]);
  });

  run("when the templates of the sandbox number are listed, the simulator's approved pt-BR templates come back", async () => {
    const channelId = t.papo.sandbox?.channel.id;
    const { status, body } = await t.api<{
      data: Array<{ name: string; language: string; status: string; components: Array<{ type: string }> }>;
    }>("GET", `/api/v1/channels/${channelId}/templates?status=APPROVED`);
    expect(status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((tpl) => tpl.status === "APPROVED")).toBe(true);
    expect(body.data[0]?.components.some((c) => c.type === "BODY")).toBe(true);
  });

  run("when the console is requested, / and its client-side routes serve index.html while unknown API paths stay JSON 404s", async () => {
    const home = await fetch(`${t.papo.url}/`);
    expect(await home.text()).toContain("Papo console");
    const deep = await fetch(`${t.papo.url}/conversations/123`);
    expect(deep.headers.get("content-type")).toContain("text/html");
    expect((await fetch(`${t.papo.url}/app.js`)).status).toBe(200);
    const api = await fetch(`${t.papo.url}/api/v1/nope`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("route.not_found");
    expect((await fetch(`${t.papo.url}/missing.js`)).status).toBe(404);
  });
});
