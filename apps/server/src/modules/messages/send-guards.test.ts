import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import {
  countSendCalls,
  customerWrites,
  listMessages,
  type MessageView,
  pdfBytes,
  sendMessage,
  uploadMedia,
  waitForStatus,
} from "./outbound.test-utils.ts";

describe.each(DATABASE_KINDS)("the Idempotency-Key header (%s)", (kind) => {
  let t: TestPapo;
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  it.skipIf(!isAvailable(kind))(
    "when the same key is sent twice, the first gets 202, the repeat 200 with the same message, and Meta one send",
    async () => {
      const waId = "5511912343001";
      const { conversationId } = await customerWrites(t, { from: waId });
      const calls = countSendCalls(t.sim, `+${waId}`);
      const key = `crm-order-${randomUUID()}`;

      const first = await sendMessage(t, conversationId, { type: "text", body: "Pedido confirmado." }, { "idempotency-key": key });
      expect(first.status).toBe(202);
      await waitForStatus(t, first.body.id, "read");
      const repeat = await sendMessage(t, conversationId, { type: "text", body: "Pedido confirmado." }, { "idempotency-key": key });

      expect(repeat.status).toBe(200);
      expect(repeat.body.id).toBe(first.body.id);
      expect(repeat.body.status).toBe("read");
      expect(calls()).toBe(1);
      expect(t.sim.sentTo(waId)).toHaveLength(1);
      expect((await listMessages(t, conversationId)).filter((m) => m.direction === "outbound")).toHaveLength(1);
    },
  );

  it.skipIf(!isAvailable(kind))("when two requests with the same key race, one message is stored and sent once", async () => {
    const waId = "5511912343002";
    const { conversationId } = await customerWrites(t, { from: waId });
    const calls = countSendCalls(t.sim, `+${waId}`);
    const key = `crm-order-${randomUUID()}`;
    const body = { type: "text", body: "Pedido confirmado." };

    const answers = await Promise.all([
      sendMessage(t, conversationId, body, { "idempotency-key": key }),
      sendMessage(t, conversationId, body, { "idempotency-key": key }),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 202]);
    expect(answers[0]?.body.id).toBe(answers[1]?.body.id);
    await waitForStatus(t, answers[0]?.body.id ?? "", "read");
    expect(calls()).toBe(1);
    expect((await listMessages(t, conversationId)).filter((m) => m.direction === "outbound")).toHaveLength(1);
  });

  it.skipIf(!isAvailable(kind))(
    "when a key is reused in another conversation, or takes Papo's reserved prefixes, it is refused and nothing is sent",
    async () => {
      const first = await customerWrites(t, { from: "5511912343003" });
      const second = await customerWrites(t, { from: "5511912343004" });
      const key = `crm-order-${randomUUID()}`;
      const body = { type: "text", body: "Pedido confirmado." };
      expect((await sendMessage(t, first.conversationId, body, { "idempotency-key": key })).status).toBe(202);

      const reused = await sendMessage(t, second.conversationId, body, { "idempotency-key": key });
      expect(reused.status).toBe(409);
      expect(reused.body).toMatchObject({ error: { code: "messages.idempotency_key_reused" } });
      const reserved = await sendMessage(t, second.conversationId, body, { "idempotency-key": `scheduled:${randomUUID()}` });
      expect(reserved.status).toBe(400);
      expect(JSON.stringify(reserved.body)).toContain("reserved");
      expect((await listMessages(t, second.conversationId)).filter((m) => m.direction === "outbound")).toHaveLength(0);
    },
  );
});

describe.each(DATABASE_KINDS)("refusing before anything is queued (%s)", (kind) => {
  let t: TestPapo;
  /** A customer who wrote just now, and one who last wrote 30 hours ago (Meta's own timestamp). */
  const OPEN = "5511912344001";
  const CLOSED = "5511912344002";
  const OTHER = "5511912344003";
  let open: { conversationId: string; inbound: MessageView };
  let closed: { conversationId: string; inbound: MessageView };
  let other: { conversationId: string; inbound: MessageView };
  let openCalls: () => number;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    open = await customerWrites(t, { from: OPEN, text: "Quero um orçamento" });
    closed = await customerWrites(t, { from: CLOSED, text: "Ainda tem vaga?", hoursAgo: 30 });
    other = await customerWrites(t, { from: OTHER, text: "Bom dia" });
    openCalls = countSendCalls(t.sim, `+${OPEN}`);
  });
  afterAll(async () => t?.close());

  /** No outbound row in the conversation and no call at the simulator. */
  async function expectNothingQueued(conversationId: string, waId: string, calls?: () => number) {
    expect((await listMessages(t, conversationId)).filter((m) => m.direction === "outbound")).toEqual([]);
    expect(t.sim.sentTo(waId)).toEqual([]);
    if (calls) expect(calls()).toBe(0);
  }

  it.skipIf(!isAvailable(kind))(
    "when the customer last wrote more than 24 hours ago, free text gets 422 messages.window_closed",
    async () => {
      const calls = countSendCalls(t.sim, `+${CLOSED}`);
      const refused = await sendMessage(t, closed.conversationId, { type: "text", body: "Tem sim!" });

      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("messages.window_closed");
      expect(refused.body.error.message).toMatch(/template/);
      expect(refused.body.error.details).toEqual({ windowExpiresAt: expect.any(String), use: "template" });
      const details: unknown = refused.body.error.details;
      const { windowExpiresAt } = details as { windowExpiresAt: string };
      expect(Date.parse(windowExpiresAt)).toBeLessThan(Date.now());
      await expectNothingQueued(closed.conversationId, CLOSED, calls);
    },
  );

  it.skipIf(!isAvailable(kind))("when a text is 4097 characters long, it gets 400 messages.invalid naming body", async () => {
    const refused = await sendMessage(t, open.conversationId, { type: "text", body: "a".repeat(4097) });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("messages.invalid");
    expect(refused.body.error.message).toBe("body: must be at most 4096 characters");
    await expectNothingQueued(open.conversationId, OPEN, openCalls);
  });

  it.skipIf(!isAvailable(kind))("when a message has 4 reply buttons, it gets 400 messages.invalid naming buttons", async () => {
    const refused = await sendMessage(t, open.conversationId, {
      type: "buttons",
      body: "Escolha",
      buttons: [1, 2, 3, 4].map((i) => ({ id: `b${i}`, title: `Opção ${i}` })),
    });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("messages.invalid");
    expect(refused.body.error.message).toMatch(/^buttons\[3\]: at most 3 buttons/);
    await expectNothingQueued(open.conversationId, OPEN, openCalls);
  });

  it.skipIf(!isAvailable(kind))("when an image names both a mediaId and a link, it gets 400 messages.invalid naming mediaId", async () => {
    const refused = await sendMessage(t, open.conversationId, { type: "image", mediaId: randomUUID(), link: "https://papo.dev/a.png" });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("messages.invalid");
    expect(refused.body.error.message).toBe("mediaId: give either mediaId or link, not both");
    await expectNothingQueued(open.conversationId, OPEN, openCalls);
  });

  it.skipIf(!isAvailable(kind))(
    "when an image names neither a mediaId nor a link, it gets 400 messages.invalid naming mediaId",
    async () => {
      const refused = await sendMessage(t, open.conversationId, { type: "image", caption: "sem arquivo" });

      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("messages.invalid");
      expect(refused.body.error.message).toMatch(/^mediaId: /);
      await expectNothingQueued(open.conversationId, OPEN, openCalls);
    },
  );

  it.skipIf(!isAvailable(kind))("when a buttons header names both a mediaId and a link, it gets 400 naming header.mediaId", async () => {
    const refused = await sendMessage(t, open.conversationId, {
      type: "buttons",
      header: { type: "image", mediaId: randomUUID(), link: "https://papo.dev/a.png" },
      body: "Escolha",
      buttons: [{ id: "a", title: "A" }],
    });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("messages.invalid");
    expect(refused.body.error.message).toBe("header.mediaId: give either mediaId or link, not both");
    await expectNothingQueued(open.conversationId, OPEN, openCalls);
  });

  it.skipIf(!isAvailable(kind))("when the mediaId was never uploaded, it gets 400 media.not_found naming mediaId", async () => {
    const unknown = randomUUID();
    const refused = await sendMessage(t, open.conversationId, { type: "image", mediaId: unknown });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("media.not_found");
    expect(refused.body.error.message).toBe(`mediaId: no stored media ${unknown}`);
    await expectNothingQueued(open.conversationId, OPEN, openCalls);
  });

  it.skipIf(!isAvailable(kind))("when an image message points at a PDF, it gets 400 media.type_mismatch naming mediaId", async () => {
    const uploaded = await uploadMedia(t, { data: pdfBytes(), mimeType: "application/pdf", filename: "boleto.pdf" });
    const refused = await sendMessage(t, open.conversationId, { type: "image", mediaId: uploaded.body.id });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("media.type_mismatch");
    expect(refused.body.error.message).toBe(`mediaId: media ${uploaded.body.id} is application/pdf, not image`);
    await expectNothingQueued(open.conversationId, OPEN, openCalls);
  });

  it.skipIf(!isAvailable(kind))(
    "when a reaction targets a message of another conversation, it gets 400 messages.target_not_found",
    async () => {
      const refused = await sendMessage(t, open.conversationId, { type: "reaction", messageId: other.inbound.id, emoji: "👍" });

      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("messages.target_not_found");
      expect(refused.body.error.message).toBe(`messageId: no message ${other.inbound.id} in this conversation`);
      await expectNothingQueued(open.conversationId, OPEN, openCalls);
    },
  );

  it.skipIf(!isAvailable(kind))(
    "when a reply quotes a message of another conversation, it gets 400 messages.target_not_found",
    async () => {
      const refused = await sendMessage(t, open.conversationId, { type: "text", body: "Sim", replyTo: other.inbound.id });

      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("messages.target_not_found");
      expect(refused.body.error.message).toBe(`replyTo: no message ${other.inbound.id} in this conversation`);
      await expectNothingQueued(open.conversationId, OPEN, openCalls);
    },
  );
});
