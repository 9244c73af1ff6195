import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type ErrorBody = { error: { code: string; message: string; details?: { issues?: Array<{ field: string }> } } };
type Conversation = { id: string; unreadCount: number; contactId: string; status: string };
type Page<T> = { data: T[]; nextCursor: string | null };

describe.each(DATABASE_KINDS)("PATCH /api/v1/conversations/:id markUnread (%s)", (kind) => {
  let t: TestPapo;
  const run = it.skipIf(!isAvailable(kind));
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  const customerWrites = (from: string, text: string) => {
    t.sim.sendAsCustomer({ from, name: "Cliente", type: "text", text });
    return eventually(async () => {
      const list = await t.api<Page<Conversation & { contact: { waId: string } | null }>>("GET", "/api/v1/conversations?limit=200");
      return list.body.data.find((c) => c.contact?.waId === from && c.unreadCount > 0);
    }, `an unread conversation with ${from}`);
  };
  const patch = <T>(id: string, body: object) => t.api<T>("PATCH", `/api/v1/conversations/${id}`, body);

  run("when a read conversation is marked unread, its unread count becomes 1 and the list shows it so", async () => {
    const conversation = await customerWrites("5511944440001", "oi");
    expect((await patch<Conversation>(conversation.id, { markRead: true })).body.unreadCount).toBe(0);

    const marked = await patch<Conversation>(conversation.id, { markUnread: true });

    expect(marked.status).toBe(200);
    expect(marked.body.unreadCount).toBe(1);
    const listed = await t.api<Page<Conversation>>("GET", `/api/v1/conversations?contactId=${conversation.contactId}`);
    expect(listed.body.data.find((c) => c.id === conversation.id)?.unreadCount).toBe(1);
  });

  run("when a conversation already has unread messages, marking it unread keeps their count", async () => {
    const conversation = await customerWrites("5511944440002", "primeira");
    t.sim.sendAsCustomer({ from: "5511944440002", type: "text", text: "segunda" });
    await eventually(async () => {
      const current = await t.api<Conversation>("GET", `/api/v1/conversations/${conversation.id}`);
      return current.body.unreadCount === 2;
    }, "two unread messages");

    const marked = await patch<Conversation>(conversation.id, { markUnread: true });

    expect(marked.status).toBe(200);
    expect(marked.body.unreadCount).toBe(2);
  });

  run("when marking unread comes with another change, both are applied in one call", async () => {
    const conversation = await customerWrites("5511944440003", "tchau");
    await patch(conversation.id, { markRead: true });

    const marked = await patch<Conversation>(conversation.id, { markUnread: true, status: "pending" });

    expect(marked.body).toMatchObject({ unreadCount: 1, status: "pending" });
  });

  run("when markRead and markUnread are both true, the 400 names both fields and nothing changes", async () => {
    const conversation = await customerWrites("5511944440004", "alô");

    const response = await patch<ErrorBody>(conversation.id, { markRead: true, markUnread: true });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("request.invalid");
    expect(response.body.error.message).toContain("markRead");
    expect(response.body.error.message).toContain("markUnread");
    expect(response.body.error.details?.issues?.map((i) => i.field)).toEqual(["body.markRead", "body.markUnread"]);
    expect((await t.api<Conversation>("GET", `/api/v1/conversations/${conversation.id}`)).body.unreadCount).toBe(1);
  });

  run("when the conversation is not in the workspace, marking it unread answers 404 conversations.not_found", async () => {
    const response = await patch<ErrorBody>("00000000-0000-4000-8000-00000000abcd", { markUnread: true });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("conversations.not_found");
  });
});
