import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type Page<T> = { data: T[]; nextCursor: string | null };
type Conversation = { id: string; contact: { name: string; waId: string }; unreadCount: number; windowOpen: boolean };
type Message = { id: string; direction: string; status: string; text: string | null; waMessageId: string | null };

describe.each(DATABASE_KINDS)("a customer writes and an agent answers (%s)", (kind) => {
  let t: TestPapo;
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  it.skipIf(!isAvailable(kind))(
    "when a customer writes, the conversation appears with the message; the answer goes sent → delivered → read",
    async () => {
      t.sim.sendAsCustomer({ from: "5511912345678", name: "Lia", type: "text", text: "Olá! Meu pedido já saiu?" });

      const conversation = await eventually(async () => {
        const { body } = await t.api<Page<Conversation>>("GET", "/api/v1/conversations");
        return body.data[0];
      }, "the conversation");
      expect(conversation.contact).toMatchObject({ name: "Lia", waId: "5511912345678" });
      expect(conversation.unreadCount).toBe(1);
      expect(conversation.windowOpen).toBe(true);

      const sent = await t.api<Message>("POST", `/api/v1/conversations/${conversation.id}/messages`, {
        type: "text",
        body: "Saiu sim, Lia!",
      });
      expect(sent.status).toBe(202);
      expect(sent.body.status).toBe("queued");

      const read = await eventually(async () => {
        const { body } = await t.api<Message>("GET", `/api/v1/messages/${sent.body.id}`);
        return body.status === "read" && body;
      }, "the reply to be read");
      expect(read.waMessageId).toMatch(/^wamid\./);
      expect(t.sim.sentTo("5511912345678").map((m) => m.body)).toContainEqual(
        expect.objectContaining({ type: "text", text: { body: "Saiu sim, Lia!" } }),
      );
    },
  );
});
