import { createManualClock, type ManualClock } from "@papo/meta-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { countSendCalls, customerWrites, expectReadTimeline, sendMessage, waitForStatus } from "./outbound.test-utils.ts";
import { createMessagesRepo } from "./repo.ts";

/** Retries without waiting: the backoff is the worker's to compute, the tests only need to know it is applied. */
const NO_BACKOFF = { retryDelayMs: () => 0, maxAttempts: 3 };

/** How many times the send worker claimed the message (Papo's side of the attempt count). */
async function attemptsOf(t: TestPapo, id: string): Promise<number | undefined> {
  const row = await createMessagesRepo({ db: t.papo.deps.database.db, cipher: t.papo.deps.cipher }).get(t.papo.bootstrap.workspaceId, id);
  return row?.attempts;
}

describe.each(DATABASE_KINDS)("retrying failed sends (%s)", (kind) => {
  let t: TestPapo;
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind, start: { send: NO_BACKOFF } });
  });
  afterAll(async () => t?.close());

  it.skipIf(!isAvailable(kind))("when Meta answers 130429 twice, the message is retried and still ends read", async () => {
    const waId = "5511912341001";
    const { conversationId } = await customerWrites(t, { from: waId });
    t.sim.setFaults([{ on: "send", code: 130429, times: 2, to: `+${waId}` }]);
    const accepted = countSendCalls(t.sim, `+${waId}`);

    const queued = await sendMessage(t, conversationId, { type: "text", body: "Segue o orçamento." });
    const read = await waitForStatus(t, queued.body.id, "read");

    expectReadTimeline(read);
    expect(t.sim.faults().filter((f) => f.code === 130429)).toEqual([]);
    expect(accepted()).toBe(1);
    expect(t.sim.sentTo(waId).map((m) => m.wamid)).toEqual([read.waMessageId]);
    expect(await attemptsOf(t, read.id)).toBe(3);
  });

  it.skipIf(!isAvailable(kind))("when Meta answers 503 twice, the message is retried and still ends read", async () => {
    const waId = "5511912341002";
    const { conversationId } = await customerWrites(t, { from: waId });
    t.sim.setFaults([{ on: "send", httpStatus: 503, times: 2, to: `+${waId}` }]);
    const accepted = countSendCalls(t.sim, `+${waId}`);

    const queued = await sendMessage(t, conversationId, { type: "text", body: "Segue o orçamento." });
    const read = await waitForStatus(t, queued.body.id, "read");

    expectReadTimeline(read);
    expect(t.sim.faults().filter((f) => f.httpStatus === 503)).toEqual([]);
    expect(accepted()).toBe(1);
    expect(t.sim.sentTo(waId)).toHaveLength(1);
    expect(await attemptsOf(t, read.id)).toBe(3);
  });

  it.skipIf(!isAvailable(kind))(
    "when the first of several quick messages is retried, the later ones wait for it and WhatsApp gets them in order",
    async () => {
      const waId = "5511912341009";
      const { conversationId } = await customerWrites(t, { from: waId });
      t.sim.setFaults([{ on: "send", httpStatus: 503, times: 2, to: `+${waId}` }]);
      const texts = ["Primeira", "Segunda", "Terceira", "Quarta", "Quinta", "Sexta"];
      const ids: string[] = [];
      // One after the other (each queued before the next is asked for), as an agent typing fast would.
      for (const body of texts) ids.push((await sendMessage(t, conversationId, { type: "text", body })).body.id);
      for (const id of ids) await waitForStatus(t, id, "read");

      expect(t.sim.sentTo(waId).map((m) => (m.body as { text?: { body?: string } }).text?.body)).toEqual(texts);
      expect(await attemptsOf(t, ids[0] as string)).toBe(3);
    },
  );

  it.skipIf(!isAvailable(kind))("when Meta keeps answering 503, the message fails after the last attempt with Meta's code", async () => {
    const waId = "5511912341003";
    const { conversationId } = await customerWrites(t, { from: waId });
    t.sim.setFaults([{ on: "send", httpStatus: 503, times: 5, to: `+${waId}` }]);

    const queued = await sendMessage(t, conversationId, { type: "text", body: "Segue o orçamento." });
    const failed = await waitForStatus(t, queued.body.id, "failed");

    expect(failed.error).toMatchObject({
      code: "131000",
      title: "Something went wrong",
      details: "Gave up after 3 attempts: Something went wrong on WhatsApp's side. The message will be retried automatically.",
    });
    // A retryable code on a message that finally failed must not promise another attempt.
    expect(failed.error?.message).toBe(
      "O WhatsApp não aceitou a mensagem depois de várias tentativas (Something went wrong). Tente reenviar mais tarde.",
    );
    expect(t.sim.faults()).toEqual([expect.objectContaining({ httpStatus: 503, times: 2 })]);
    expect(t.sim.sentTo(waId)).toEqual([]);
    expect(await attemptsOf(t, failed.id)).toBe(NO_BACKOFF.maxAttempts);
  });

  it.skipIf(!isAvailable(kind))("when the number is not on WhatsApp (131026), the message fails after sent, without a retry", async () => {
    const waId = "5521987650000";
    const { conversationId } = await customerWrites(t, { from: waId });
    const calls = countSendCalls(t.sim, `+${waId}`);

    const queued = await sendMessage(t, conversationId, { type: "text", body: "Seu pedido saiu." });
    const failed = await waitForStatus(t, queued.body.id, "failed");

    expect(failed.error).toEqual({
      code: "131026",
      title: "Message undeliverable",
      details: "Message Undeliverable: the recipient is not on WhatsApp or cannot receive messages from this business.",
      message:
        "Não foi possível entregar a mensagem: o número pode não ter WhatsApp, usar um app desatualizado ou ter bloqueado a empresa. Tente outro canal.",
    });
    expect(failed.statusTimestamps.sentAt).not.toBeNull();
    expect(failed.statusTimestamps.failedAt).not.toBeNull();
    expect(failed.statusTimestamps.deliveredAt).toBeNull();
    expect(calls()).toBe(1);
    expect(t.sim.sentTo(waId).map((m) => m.statuses.map((s) => s.status))).toEqual([["sent", "failed"]]);
    expect(await attemptsOf(t, failed.id)).toBe(1);
  });
});

/**
 * Meta decides the window by its own clock. Here the simulator's clock runs 25 hours ahead of Papo's: Papo still sees
 * the customer's window open and queues free-form messages, Meta refuses them with 131047.
 */
describe.each(DATABASE_KINDS)("when Meta says the window is closed (%s)", (kind) => {
  let t: TestPapo;
  let metaClock: ManualClock;
  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    metaClock = createManualClock(Date.now());
    t = await startTestPapo({ db: kind, start: { send: NO_BACKOFF, sandboxSim: { clock: metaClock } } });
  });
  afterAll(async () => t?.close());

  /** The customer writes now by both clocks; then Meta's clock jumps past the window. */
  async function windowClosedAtMeta(waId: string): Promise<string> {
    const { conversationId } = await customerWrites(t, { from: waId });
    metaClock.advance(25 * 3600_000);
    return conversationId;
  }

  /** After Meta's 131047, Papo's own window is closed too: the next free-form message is refused before queueing. */
  async function expectWindowClosedInPapo(conversationId: string): Promise<void> {
    const conversation = await eventually(async () => {
      const { body } = await t.api<{ windowOpen: boolean }>("GET", `/api/v1/conversations/${conversationId}`);
      return body.windowOpen === false && body;
    }, "Papo's window to close");
    expect(conversation.windowOpen).toBe(false);
    const refused = await t.api<{ error: { code: string } }>("POST", `/api/v1/conversations/${conversationId}/messages`, {
      type: "text",
      body: "e agora?",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("messages.window_closed");
  }

  const REENGAGE_DETAILS = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";
  const REENGAGE_PT =
    "Passaram mais de 24 horas desde a última mensagem do cliente. Envie um modelo (template) aprovado para retomar a conversa.";

  it.skipIf(!isAvailable(kind))("when Meta refuses the send with 131047 (strict mode), the message fails at once, sent once", async () => {
    const waId = "5511912342001";
    const conversationId = await windowClosedAtMeta(waId);
    t.sim.configure({ windowMode: "strict" });
    const calls = countSendCalls(t.sim, `+${waId}`);
    try {
      const queued = await sendMessage(t, conversationId, { type: "text", body: "Ainda quer o orçamento?" });
      expect(queued.status).toBe(202);
      const failed = await waitForStatus(t, queued.body.id, "failed");

      expect(failed.error).toEqual({
        code: "131047",
        title: "Re-engagement message",
        details: REENGAGE_DETAILS,
        message: REENGAGE_PT,
      });
      expect(failed.waMessageId).toBeNull();
      expect(failed.statusTimestamps.failedAt).not.toBeNull();
      expect(calls()).toBe(1);
      expect(t.sim.sentTo(waId)).toEqual([]);
      expect(await attemptsOf(t, failed.id)).toBe(1);
      await expectWindowClosedInPapo(conversationId);
    } finally {
      t.sim.configure({ windowMode: "async" });
    }
  });

  it.skipIf(!isAvailable(kind))(
    "when Meta accepts and then reports 131047 in a failed status, the message fails without a retry",
    async () => {
      const waId = "5511912342002";
      const conversationId = await windowClosedAtMeta(waId);
      const calls = countSendCalls(t.sim, `+${waId}`);

      const queued = await sendMessage(t, conversationId, { type: "text", body: "Ainda quer o orçamento?" });
      const failed = await waitForStatus(t, queued.body.id, "failed");

      expect(failed.error).toEqual({
        code: "131047",
        title: "Re-engagement message",
        details: REENGAGE_DETAILS,
        message: REENGAGE_PT,
      });
      expect(failed.waMessageId).toMatch(/^wamid\./);
      expect(failed.statusTimestamps.sentAt).toBeNull();
      expect(failed.statusTimestamps.failedAt).not.toBeNull();
      expect(calls()).toBe(1);
      expect(t.sim.sentTo(waId).map((m) => m.statuses.map((s) => s.status))).toEqual([["failed"]]);
      expect(await attemptsOf(t, failed.id)).toBe(1);
      await expectWindowClosedInPapo(conversationId);
    },
  );
});
