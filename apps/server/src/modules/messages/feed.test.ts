import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { createMessagesRepo } from "./repo.ts";

type Feed = { data: Array<{ id: string; text: string | null }>; nextCursor: string | null };

// Concurrent transactions need a server with several connections: PGlite has one, so this runs on PostgreSQL only.
describe.skipIf(!isAvailable("postgres"))("the /receive-message feed under concurrent commits (postgres)", () => {
  let t: TestPapo;
  beforeAll(async () => {
    t = await startTestPapo({ db: "postgres" });
  });
  afterAll(async () => t?.close());

  it("when a message's transaction commits after a later one, the feed waits for it instead of skipping it", async () => {
    const { db } = t.papo.deps.database;
    const cipher = t.papo.deps.cipher;
    t.sim.sendAsCustomer({ from: "5511933330001", name: "Primeira", type: "text", text: "abre a conversa" });
    const opened = await eventually(async () => (await t.api<Feed>("GET", "/receive-message")).body.data.at(-1), "the first message");
    const cursor = (await t.api<Feed>("GET", "/receive-message")).body.nextCursor ?? "";
    const [conversation] = await createConversationsRepo({ db }).list(t.papo.bootstrap.workspaceId, {}, { limit: 1 });
    if (!conversation) throw new Error("no conversation");

    // A slow transaction: it has inserted its message but not committed yet.
    let commit = () => {};
    const gate = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let inserted = () => {};
    const insertedSignal = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const slow = db.transaction(async (tx) => {
      await createMessagesRepo({ db: tx, cipher }).insertUnlessDuplicate({
        workspaceId: conversation.workspaceId,
        channelId: conversation.channelId,
        conversationId: conversation.id,
        contactId: conversation.contactId,
        direction: "inbound",
        type: "text",
        senderKind: "contact",
        text: "commit lento",
        content: { content: { type: "text", body: "commit lento" } },
        status: "received",
        waMessageId: "wamid.slow-commit",
        createdAt: new Date(),
      });
      inserted();
      await gate;
    });
    await insertedSignal;

    // A later message commits first.
    t.sim.sendAsCustomer({ from: "5511933330001", type: "text", text: "commit rápido" });
    await eventually(async () => {
      const { body } = await t.api<{ data: Array<{ text: string | null }> }>("GET", `/api/v1/conversations/${conversation.id}/messages`);
      return body.data.some((m) => m.text === "commit rápido");
    }, "the fast message to be stored");

    const whileOpen = await t.api<Feed>("GET", `/receive-message?since=${cursor}`);
    expect(whileOpen.body.data.map((m) => m.text)).toEqual([]);
    expect(whileOpen.body.nextCursor).toBe(cursor);

    commit();
    await slow;
    const after = await t.api<Feed>("GET", `/receive-message?since=${cursor}`);
    expect(after.body.data.map((m) => m.text)).toEqual(["commit lento", "commit rápido"]);
    expect(opened.text).toBe("abre a conversa");
  });
});
