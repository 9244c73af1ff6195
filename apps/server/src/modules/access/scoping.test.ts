import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { hashPassword } from "../auth/passwords.ts";
import { createUsersRepo } from "../auth/repo.ts";
import { createConversationsRepo } from "../conversations/repo.ts";

type Page<T> = { data: T[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; message: string; details?: { field?: string } } };
type User = { id: string; role: string; permissions: string[]; effectivePermissions: string[] };
type Frame = { type: string; conversationId?: string; contactId?: string };

/**
 * Agent scoping: without `conversations.see_all`, a user reaches the conversations of the numbers they are a member of
 * and those assigned to them — and, through them, messages, media, contacts and notes. Everything else is a 404.
 */
describe.each(DATABASE_KINDS)("agent scoping (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let workspaceId: string;
  let otherChannelId: string;
  const people = {} as Record<"ana" | "bruno" | "sara", { id: string; token: string }>;
  /** Ana's conversation (assigned to her) and one on another number nobody is assigned to. */
  const c1 = { id: "", contactId: "", messageId: "", mediaId: "" };
  const c2 = { id: "", contactId: "" };

  const as = async <T>(token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${t.papo.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = response.headers.get("content-type")?.includes("json") ? await response.text() : "";
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const addUser = async (name: string, role: "agent" | "supervisor") => {
    const email = `${name.toLowerCase()}-${randomBytes(3).toString("hex")}@papo.test`;
    const password = `${randomBytes(12).toString("base64url")}#7q`;
    const created = await t.api<User>("POST", "/api/v1/users", { name, email, role, password });
    if (created.status !== 201) throw new Error(`user not created: ${JSON.stringify(created.body)}`);
    const login = await t.api<{ token: string }>("POST", "/api/v1/auth/login", { email, password });
    return { id: created.body.id, token: login.body.token };
  };
  const status = async (token: string, method: string, path: string, body?: unknown) =>
    (await as<ErrorBody>(token, method, path, body)).status;
  const listIds = async (token: string, path: string) => (await as<Page<{ id: string }>>(token, "GET", path)).body.data.map((x) => x.id);

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const me = await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me");
    workspaceId = me.body.workspaceId;
    people.ana = await addUser("Ana", "agent");
    people.bruno = await addUser("Bruno", "agent");
    people.sara = await addUser("Sara", "supervisor");

    // c1: a customer writes to the sandbox number; the admin answers with an image (a media file of c1) and assigns it to Ana.
    t.sim.sendAsCustomer({ from: "5511966660001", name: "Cliente Um", type: "text", text: "Oi" });
    const first = await eventually(
      async () => (await t.api<Page<{ id: string; contactId: string }>>("GET", "/api/v1/conversations")).body.data[0],
      "c1",
    );
    c1.id = first.id;
    c1.contactId = first.contactId;
    const form = new FormData();
    form.append("file", new Blob([Buffer.from("89504e470d0a1a0a", "hex")], { type: "image/png" }), "foto.png");
    const upload = await fetch(`${t.papo.url}/api/v1/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}` },
      body: form,
    });
    const uploaded = (await upload.json()) as { id: string };
    if (upload.status !== 201) throw new Error(`upload failed: ${JSON.stringify(uploaded)}`);
    c1.mediaId = uploaded.id;
    const sent = await t.api<{ id: string }>("POST", `/api/v1/conversations/${c1.id}/messages`, {
      type: "image",
      mediaId: c1.mediaId,
    });
    if (sent.status !== 202) throw new Error(`image not sent: ${JSON.stringify(sent.body)}`);
    c1.messageId = sent.body.id;
    await t.api("PATCH", `/api/v1/conversations/${c1.id}`, { assigneeId: people.ana.id });

    // c2: a conversation on a second number, nobody assigned.
    const channel = await t.api<{ id: string }>("POST", "/api/v1/channels", {
      name: "Vendas",
      phoneNumberId: "7000000001",
      wabaId: "7000000002",
      accessToken: "EAAvendas",
    });
    otherChannelId = channel.body.id;
    const contact = await t.api<{ id: string }>("POST", "/api/v1/contacts", { name: "Cliente Dois", waId: "5511966660002" });
    c2.contactId = contact.body.id;
    c2.id = (
      await createConversationsRepo({ db: t.papo.deps.database.db }).openOrReuse(workspaceId, otherChannelId, c2.contactId, new Date())
    ).conversation.id;
  }, 120_000);
  afterAll(async () => t?.close());

  run("when an agent is neither a member nor the assignee, the conversation and everything reached through it is 404", async () => {
    const { token } = people.bruno;
    expect(await listIds(token, "/api/v1/conversations")).toEqual([]);
    expect(await listIds(token, "/api/v1/contacts")).toEqual([]);
    expect(await listIds(token, "/api/v1/contacts?phone=5511966660001")).toEqual([]);
    const denied = [
      ["GET", `/api/v1/conversations/${c1.id}`],
      ["PATCH", `/api/v1/conversations/${c1.id}`, { status: "resolved" }],
      ["GET", `/api/v1/conversations/${c1.id}/messages`],
      ["POST", `/api/v1/conversations/${c1.id}/messages`, { type: "text", body: "intruso" }],
      ["GET", `/api/v1/messages/${c1.messageId}`],
      ["GET", `/api/v1/media/${c1.mediaId}`],
      ["GET", `/api/v1/contacts/${c1.contactId}`],
      ["PATCH", `/api/v1/contacts/${c1.contactId}`, { tags: ["x"] }],
      ["GET", `/api/v1/contacts/${c1.contactId}/notes`],
      ["POST", `/api/v1/contacts/${c1.contactId}/notes`, { body: "nota" }],
    ] as const;
    for (const [method, path, body] of denied) {
      const answer = await as<ErrorBody>(token, method, path, body);
      expect([method, path, answer.status, answer.body.error.code.endsWith(".not_found")]).toEqual([method, path, 404, true]);
    }
    // Nothing was changed by those calls.
    const c1Now = await t.api<{ status: string }>("GET", `/api/v1/conversations/${c1.id}`);
    expect(c1Now.body.status).toBe("open");
  });

  run("when a conversation is assigned to an agent, they reach it, its messages, media and contact — and nothing else", async () => {
    const { token } = people.ana;
    expect(await listIds(token, "/api/v1/conversations")).toEqual([c1.id]);
    expect(await listIds(token, "/api/v1/contacts")).toEqual([c1.contactId]);
    for (const path of [
      `/api/v1/conversations/${c1.id}`,
      `/api/v1/conversations/${c1.id}/messages`,
      `/api/v1/messages/${c1.messageId}`,
      `/api/v1/media/${c1.mediaId}`,
      `/api/v1/contacts/${c1.contactId}`,
      `/api/v1/contacts/${c1.contactId}/notes`,
    ])
      expect([path, await status(token, "GET", path)]).toEqual([path, 200]);
    expect(await status(token, "GET", `/api/v1/conversations/${c2.id}`)).toBe(404);
    expect(await status(token, "GET", `/api/v1/contacts/${c2.contactId}`)).toBe(404);
  });

  run("when an agent becomes a member of a number, they see its conversations, assigned or not; removed, they no longer do", async () => {
    const { token, id } = people.bruno;
    const put = await t.api<{ userIds: string[] }>("PUT", `/api/v1/channels/${otherChannelId}/members`, { userIds: [id, id] });
    expect(put).toEqual({ status: 200, body: { userIds: [id] } });
    expect((await t.api<{ userIds: string[] }>("GET", `/api/v1/channels/${otherChannelId}/members`)).body.userIds).toEqual([id]);
    expect(await listIds(token, "/api/v1/conversations")).toEqual([c2.id]);
    expect(await status(token, "GET", `/api/v1/contacts/${c2.contactId}`)).toBe(200);
    expect(await status(token, "PATCH", `/api/v1/conversations/${c2.id}`, { assigneeId: id })).toBe(200);
    expect(await status(token, "GET", `/api/v1/conversations/${c1.id}`)).toBe(404);

    await t.api("PUT", `/api/v1/channels/${otherChannelId}/members`, { userIds: [] });
    await t.api("PATCH", `/api/v1/conversations/${c2.id}`, { assigneeId: null });
    expect(await listIds(token, "/api/v1/conversations")).toEqual([]);
  });

  run("when the members name someone who is not a user of the workspace, the 400 names the entry and nothing changes", async () => {
    await t.api("PUT", `/api/v1/channels/${otherChannelId}/members`, { userIds: [people.ana.id] });
    const stranger = randomUUID();
    const bad = await t.api<ErrorBody>("PUT", `/api/v1/channels/${otherChannelId}/members`, { userIds: [people.bruno.id, stranger] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "channels.unknown_member", details: { field: "userIds.1" } });
    expect(bad.body.error.message).toMatch(/^userIds\.1: /);
    // A user of another workspace is not a user of this one either.
    const otherWs = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWs, name: "Outra" });
    const outsider = await createUsersRepo({ db: t.papo.deps.database.db }).insert({
      id: randomUUID(),
      workspaceId: otherWs,
      name: "Fora",
      email: `fora-${randomBytes(3).toString("hex")}@outra.test`,
      passwordHash: await hashPassword("uma-senha-qualquer-123"),
      role: "agent",
    });
    expect((await t.api<ErrorBody>("PUT", `/api/v1/channels/${otherChannelId}/members`, { userIds: [outsider.id] })).status).toBe(400);
    expect((await t.api<{ userIds: string[] }>("GET", `/api/v1/channels/${otherChannelId}/members`)).body.userIds).toEqual([people.ana.id]);
    expect((await t.api<ErrorBody>("GET", `/api/v1/channels/${randomUUID()}/members`)).status).toBe(404);
    await t.api("PUT", `/api/v1/channels/${otherChannelId}/members`, { userIds: [] });
  });

  run("when an agent is granted conversations.see_all, they see everything at their next request; revoked, the 404s are back", async () => {
    const { token, id } = people.bruno;
    const granted = await t.api<User>("PATCH", `/api/v1/users/${id}`, { permissions: ["conversations.see_all", "conversations.see_all"] });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      role: "agent",
      permissions: ["conversations.see_all"],
      effectivePermissions: ["conversations.see_all"],
    });
    expect((await listIds(token, "/api/v1/conversations")).sort()).toEqual([c1.id, c2.id].sort());
    expect(await status(token, "GET", `/api/v1/media/${c1.mediaId}`)).toBe(200);

    await t.api<User>("PATCH", `/api/v1/users/${id}`, { permissions: [] });
    expect(await status(token, "GET", `/api/v1/conversations/${c1.id}`)).toBe(404);
  });

  run("a supervisor sees every conversation without being a member; their user shows the role's permissions as effective", async () => {
    expect((await listIds(people.sara.token, "/api/v1/conversations")).sort()).toEqual([c1.id, c2.id].sort());
    const sara = (await t.api<Page<User>>("GET", "/api/v1/users")).body.data.find((u) => u.id === people.sara.id);
    expect(sara?.permissions).toEqual([]);
    expect(sara?.effectivePermissions).toContain("conversations.see_all");
    expect(sara?.effectivePermissions).not.toContain("users.manage");
  });

  run("when permissions name something that is not a permission, the 400 names the field and nothing is stored", async () => {
    const bad = await t.api<ErrorBody & { error: { details: { issues: Array<{ field: string }> } } }>(
      "PATCH",
      `/api/v1/users/${people.ana.id}`,
      {
        permissions: ["reports.view", "everything"],
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("request.invalid");
    expect(bad.body.error.details.issues[0]?.field).toBe("body.permissions.1");
    const ana = (await t.api<Page<User>>("GET", "/api/v1/users")).body.data.find((u) => u.id === people.ana.id);
    expect(ana?.permissions).toEqual([]);
    // A grant given at creation is stored too.
    const created = await t.api<User>("POST", "/api/v1/users", {
      name: "Relatórios",
      email: `rel-${randomBytes(3).toString("hex")}@papo.test`,
      role: "agent",
      password: `${randomBytes(12).toString("base64url")}#7q`,
      permissions: ["reports.view"],
    });
    expect(created.body).toMatchObject({ permissions: ["reports.view"], effectivePermissions: ["reports.view"] });
  });

  run("an agent's live stream carries only the events of conversations they may see", async () => {
    const connect = (token: string) => t.openStream<Frame>(token);
    const ana = connect(people.ana.token);
    const bruno = connect(people.bruno.token);
    const admin = connect(t.token);
    for (const s of [ana, bruno, admin]) await eventually(() => s.frames.some((f) => f.type === "ready"), "ready");

    // c1 is Ana's: the customer's new message reaches Ana and the admin, not Bruno.
    t.sim.sendAsCustomer({ from: "5511966660001", name: "Cliente Um", type: "text", text: "Mais uma" });
    await eventually(() => ana.frames.some((f) => f.type === "message.received" && f.conversationId === c1.id), "Ana's frame");
    await eventually(() => admin.frames.some((f) => f.type === "message.received" && f.conversationId === c1.id), "the admin's frame");
    await t.api("PATCH", `/api/v1/contacts/${c2.contactId}`, { tags: ["vendas"] });
    // Frames are decided in order: once Bruno has the later canned-response event, the earlier ones were filtered, not late.
    const canned = await t.api<{ id: string }>("POST", "/api/v1/canned-responses", { shortcut: "ola", title: "Olá", body: "Olá!" });
    for (const s of [ana, bruno, admin])
      await eventually(() => s.frames.some((f) => f.type === "canned_response.changed"), "the canned-response frame");
    expect(bruno.frames.filter((f) => f.conversationId || f.contactId)).toEqual([]);
    expect(ana.frames.some((f) => f.type === "contact.updated" && f.contactId === c2.contactId)).toBe(false);
    expect(admin.frames.some((f) => f.type === "contact.updated" && f.contactId === c2.contactId)).toBe(true);
    expect(canned.status).toBe(201);
    for (const s of [ana, bruno, admin]) s.ws.close();
  });
  run("when an agent creates a contact, they read it back until it has a conversation on a number they do not work", async () => {
    const { token } = people.bruno;
    const created = await as<{ id: string }>(token, "POST", "/api/v1/contacts", { name: "Cliente Três", waId: "5511966660003" });
    expect(created.status).toBe(201);
    expect(await status(token, "GET", `/api/v1/contacts/${created.body.id}`)).toBe(200);
    expect(await listIds(token, "/api/v1/contacts")).toContain(created.body.id);

    await createConversationsRepo({ db: t.papo.deps.database.db }).openOrReuse(workspaceId, otherChannelId, created.body.id, new Date());

    expect(await status(token, "GET", `/api/v1/contacts/${created.body.id}`)).toBe(404);
    expect(await listIds(token, "/api/v1/contacts")).not.toContain(created.body.id);
  });
});
