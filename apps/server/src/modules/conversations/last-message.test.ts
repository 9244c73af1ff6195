import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type LastMessage = { direction: string; type: string; senderKind: string; status: string; text: string | null };
type Conversation = { id: string; contact: { waId: string } | null; lastMessage: LastMessage | null };
type Page<T> = { data: T[]; nextCursor: string | null };

describe.each(DATABASE_KINDS)("the conversation list's last-message preview (%s)", (kind) => {
  let t: TestPapo;
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  const conversationOf = (waId: string) =>
    eventually(async () => {
      const { body } = await t.api<Page<Conversation>>("GET", "/api/v1/conversations");
      return body.data.find((c) => c.contact?.waId === waId);
    }, `the conversation with ${waId}`);

  it.skipIf(!isAvailable(kind))(
    "when the newest message is a photo without caption, the preview names its type and has no words",
    async () => {
      t.sim.sendAsCustomer({ from: "5511955550001", type: "text", text: "primeira" });
      await conversationOf("5511955550001");
      t.sim.sendAsCustomer({ from: "5511955550001", type: "image", image: { mimeType: "image/png" } });
      const preview = await eventually(async () => {
        const c = await conversationOf("5511955550001");
        return c.lastMessage?.type === "image" && c.lastMessage;
      }, "the photo as last message");
      expect(preview).toMatchObject({ direction: "inbound", type: "image", senderKind: "contact", text: null });
    },
  );

  it.skipIf(!isAvailable(kind))("when a reply button was chosen, the preview shows the chosen title", async () => {
    t.sim.sendAsCustomer({
      from: "5511955550002",
      type: "interactive",
      interactive: { type: "button_reply", id: "yes", title: "Confirmar pedido" },
    });
    const preview = await eventually(async () => (await conversationOf("5511955550002")).lastMessage, "a preview");
    expect(preview).toMatchObject({ type: "interactive", text: "Confirmar pedido" });
  });

  it.skipIf(!isAvailable(kind))("when the agent answered last, the preview is the answer with its delivery status", async () => {
    t.sim.sendAsCustomer({ from: "5511955550003", type: "text", text: "oi" });
    const conversation = await conversationOf("5511955550003");
    expect(conversation.lastMessage).toMatchObject({ direction: "inbound", type: "text", text: "oi" });
    const sent = await t.api("POST", `/api/v1/conversations/${conversation.id}/messages`, { type: "text", body: "Olá! Já vejo isso." });
    expect(sent.status).toBe(202);
    const { body } = await t.api<Conversation>("GET", `/api/v1/conversations/${conversation.id}`);
    expect(body.lastMessage).toMatchObject({ direction: "outbound", senderKind: "agent", type: "text", text: "Olá! Já vejo isso." });
  });

  it.skipIf(!isAvailable(kind))("when the customer and the agent react, the preview stays on the message, not the reactions", async () => {
    t.sim.sendAsCustomer({ from: "5511955550004", type: "text", text: "tem em azul?" });
    const conversation = await conversationOf("5511955550004");
    const { body: page } = await t.api<Page<{ id: string; waMessageId: string }>>(
      "GET",
      `/api/v1/conversations/${conversation.id}/messages`,
    );
    const target = page.data[0];
    if (!target) throw new Error("no message");
    t.sim.sendAsCustomer({ from: "5511955550004", type: "reaction", reaction: { messageId: target.waMessageId, emoji: "👍" } });
    await eventually(async () => {
      const { body } = await t.api<Page<{ reactions: unknown[] }>>("GET", `/api/v1/conversations/${conversation.id}/messages`);
      return body.data[0]?.reactions.length === 1;
    }, "the reaction to land");
    const reacted = await t.api("POST", `/api/v1/conversations/${conversation.id}/messages`, {
      type: "reaction",
      messageId: target.id,
      emoji: "❤️",
    });
    expect(reacted.status).toBe(202);
    expect((await conversationOf("5511955550004")).lastMessage).toMatchObject({ type: "text", text: "tem em azul?" });
  });
});
