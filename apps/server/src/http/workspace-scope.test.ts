import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaces } from "../db/schema/workspaces.ts";
import { hashPassword } from "../modules/auth/passwords.ts";
import { createUsersRepo } from "../modules/auth/repo.ts";
import { DATABASE_KINDS, isAvailable } from "../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";

type Page<T> = { data: T[]; nextCursor: string | null };

describe.each(DATABASE_KINDS)("workspace isolation (%s)", (kind) => {
  let t: TestPapo;
  let otherToken: string;
  const run = it.skipIf(!isAvailable(kind));
  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    // A second tenant with its own user; users and workspaces have no API yet, so they are inserted directly.
    const workspaceId = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: workspaceId, name: "Outra empresa" });
    await createUsersRepo({ db: t.papo.deps.database.db }).insert({
      id: randomUUID(),
      workspaceId,
      name: "Outro admin",
      email: "admin@outra.test",
      passwordHash: await hashPassword("outra-senha-forte"),
      role: "admin",
    });
    const login = await t.api<{ token: string }>("POST", "/api/v1/auth/login", {
      email: "admin@outra.test",
      password: "outra-senha-forte",
    });
    otherToken = login.body.token;
  });
  afterAll(async () => t?.close());

  const asOther = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${t.papo.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${otherToken}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  run("when another workspace's user asks for this workspace's conversation, message, contact or channel, each is 404", async () => {
    t.sim.sendAsCustomer({ from: "5511922220001", name: "Cliente A", type: "text", text: "só para a empresa A" });
    const conversation = await eventually(
      async () => (await t.api<Page<{ id: string; contactId: string; channelId: string }>>("GET", "/api/v1/conversations")).body.data[0],
      "a conversation",
    );
    const [message] = (await t.api<Page<{ id: string }>>("GET", `/api/v1/conversations/${conversation.id}/messages`)).body.data;
    if (!message) throw new Error("no message");

    expect((await asOther("GET", `/api/v1/conversations/${conversation.id}`)).status).toBe(404);
    expect((await asOther("GET", `/api/v1/conversations/${conversation.id}/messages`)).status).toBe(404);
    expect((await asOther("GET", `/api/v1/messages/${message.id}`)).status).toBe(404);
    expect((await asOther("GET", `/api/v1/contacts/${conversation.contactId}`)).status).toBe(404);
    expect((await asOther("GET", `/api/v1/channels/${conversation.channelId}`)).status).toBe(404);
    expect((await asOther("GET", `/api/v1/channels/${conversation.channelId}/members`)).status).toBe(404);
    expect((await asOther("GET", `/api/v1/contacts/${conversation.contactId}/notes`)).status).toBe(404);
    expect((await asOther("PATCH", `/api/v1/conversations/${conversation.id}`, { status: "resolved" })).status).toBe(404);
    expect((await asOther("POST", `/api/v1/conversations/${conversation.id}/messages`, { type: "text", body: "intruso" })).status).toBe(
      404,
    );
  });

  run("when another workspace lists conversations, contacts, channels and the feed, it sees none of this workspace's", async () => {
    expect((await asOther<Page<unknown>>("GET", "/api/v1/conversations")).body.data).toEqual([]);
    expect((await asOther<Page<unknown>>("GET", "/api/v1/contacts")).body.data).toEqual([]);
    expect((await asOther<Page<unknown>>("GET", "/api/v1/contacts?phone=5511922220001")).body.data).toEqual([]);
    expect((await asOther<Page<unknown>>("GET", "/api/v1/channels")).body.data).toEqual([]);
    expect((await asOther<Page<unknown>>("GET", "/receive-message")).body.data).toEqual([]);
    expect((await t.api<Page<unknown>>("GET", "/api/v1/contacts?phone=5511922220001")).body.data).toHaveLength(1);
  });
});
