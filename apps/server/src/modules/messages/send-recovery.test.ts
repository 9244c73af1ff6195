import { classifyError, createWhatsAppClient, type OutboundMessage, type SendResult, WhatsAppNetworkError } from "@papo/whatsapp";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { pendingStatuses } from "../../db/schema/messages.ts";
import { createRateLimiter } from "../../jobs/rate-limiter.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { SEND_OUTCOME_UNKNOWN } from "./models.ts";
import {
  countSendCalls,
  customerWrites,
  expectReadTimeline,
  getMessage,
  type MessageView,
  sendMessage,
  waitForStatus,
} from "./outbound.test-utils.ts";
import { createMessagesRepo, wamidBlindIndex } from "./repo.ts";
import { startSendWorker } from "./send-worker.ts";

/** Stands between the send worker and the simulator for one recipient: hold the answer, lose it, or change it. */
type SendHook = (args: { message: OutboundMessage; send: (message: OutboundMessage) => Promise<SendResult> }) => Promise<SendResult>;

const OUTCOME_UNKNOWN_PT = "O servidor parou durante o envio; a mensagem não foi reenviada para evitar duplicidade. Confira com o cliente.";

describe.each(DATABASE_KINDS)("sends whose outcome was in doubt (%s)", (kind) => {
  let t: TestPapo;
  const hooks = new Map<string, SendHook>();

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({
      db: kind,
      start: {
        wrapClient: (client) => ({
          ...client,
          send: (message, options) => {
            const hook = message.to === undefined ? undefined : hooks.get(message.to);
            return hook ? hook({ message, send: (m) => client.send(m, options) }) : client.send(message, options);
          },
        }),
      },
    });
  });
  afterAll(async () => t?.close());

  const repo = () => createMessagesRepo({ db: t.papo.deps.database.db, cipher: t.papo.deps.cipher });
  const ws = () => t.papo.bootstrap.workspaceId;

  /** What a process that died mid-call leaves behind: the message `sending` since five minutes ago. */
  /** A message whose worker died during the Graph call: `sending`, past its point of no return, five minutes ago. */
  async function leftSending(waId: string, body: string): Promise<string> {
    const id = await leftSendingBeforeTheCall(waId, body);
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    await repo().update(ws(), id, { sendStartedAt: fiveMinutesAgo, updatedAt: fiveMinutesAgo });
    return id;
  }

  /** A message whose worker died after claiming it but before calling Meta (loading, uploading, rate limiter). */
  async function leftSendingBeforeTheCall(waId: string, body: string): Promise<string> {
    const { conversationId } = await customerWrites(t, { from: waId });
    const conversation = (await t.api<{ channelId: string; contactId: string }>("GET", `/api/v1/conversations/${conversationId}`)).body;
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    const { message } = await repo().insertOutbound({
      workspaceId: ws(),
      channelId: conversation.channelId,
      conversationId,
      contactId: conversation.contactId,
      direction: "outbound",
      type: "text",
      senderKind: "agent",
      text: body,
      content: { request: { type: "text", body } },
      status: "sending",
      nextAttemptAt: fiveMinutesAgo,
      createdAt: fiveMinutesAgo,
    });
    return message.id;
  }

  /** The reconciliation a restarted process runs before its workers start (and every few seconds after). */
  async function reconcile(): Promise<number> {
    return withIdleWorker((worker) => worker.reconcileStuck());
  }

  async function withIdleWorker<T>(run: (worker: ReturnType<typeof startSendWorker>) => Promise<T>): Promise<T> {
    const { deps } = t.papo;
    const worker = startSendWorker({
      db: deps.database.db,
      cipher: deps.cipher,
      clock: systemClock,
      events: deps.events,
      log: deps.log,
      rateLimiter: createRateLimiter(),
      storage: deps.storage,
      clientFor: deps.clientFor,
      concurrency: 0,
    });
    try {
      return await run(worker);
    } finally {
      await worker.stop();
    }
  }

  /** Lets the running send worker go through its queue once: another message goes all the way to read. */
  async function sendWorkerRanOnce(): Promise<void> {
    const { conversationId } = await customerWrites(t, { from: "5511912349999", text: "oi" });
    const queued = await sendMessage(t, conversationId, { type: "text", body: "barreira" });
    await waitForStatus(t, queued.body.id, "read");
  }

  /** The request that had reached Meta before the crash: same recipient, our id as callback data. */
  async function theLostRequestReachedMeta(waId: string, messageId: string): Promise<string> {
    const meta = createWhatsAppClient({ accessToken: t.sim.accessToken, phoneNumberId: t.sim.phoneNumberId, baseUrl: t.sim.url });
    const { wamid } = await meta.send({ type: "text", to: `+${waId}`, body: "Seu pedido saiu.", bizOpaqueCallbackData: messageId });
    return wamid;
  }

  it.skipIf(!isAvailable(kind))(
    "when a message was left sending, reconciliation fails it as papo.send_outcome_unknown and never resends it",
    async () => {
      const waId = "5511912345001";
      const id = await leftSending(waId, "Seu pedido saiu.");
      const calls = countSendCalls(t.sim, `+${waId}`);

      expect(await reconcile()).toBe(1);
      const failed = await getMessage(t, id);
      expect(failed.status).toBe("failed");
      expect(failed.error).toEqual({
        code: SEND_OUTCOME_UNKNOWN,
        title: "Send outcome unknown",
        details: expect.any(String),
        message: OUTCOME_UNKNOWN_PT,
      });
      expect(failed.statusTimestamps.failedAt).not.toBeNull();

      await sendWorkerRanOnce();
      expect(calls()).toBe(0);
      expect(t.sim.sentTo(waId)).toEqual([]);
      expect((await getMessage(t, id)).status).toBe("failed");
      expect(await reconcile()).toBe(0);
    },
  );

  it.skipIf(!isAvailable(kind))(
    "when a status was parked although its message has the wamid (a commit race), the sweep applies it",
    async () => {
      const waId = "5511912345010";
      const id = await leftSending(waId, "Corrida de commits.");
      const wamid = "wamid.HBgNNTUxMTkxMjM0NTAxMBUCABEYEkNPUlJJREEtREUtQ09NTUlUAA==";
      await repo().update(ws(), id, { status: "accepted", waMessageId: wamid, sendStartedAt: null });
      const message = await getMessage(t, id);
      await repo().addPendingStatus({ workspaceId: ws(), channelId: message.channelId, wamid, status: "read", at: new Date(), errors: [] });

      expect(await withIdleWorker((worker) => worker.applyParkedStatuses())).toBe(1);
      const read = await getMessage(t, id);
      expect(read.status).toBe("read");
      expect(read.statusTimestamps.readAt).not.toBeNull();
      expect(await withIdleWorker((worker) => worker.applyParkedStatuses())).toBe(0);
    },
  );

  it.skipIf(!isAvailable(kind))(
    "when a message was left sending before its Graph call, reconciliation requeues it and it is sent once",
    async () => {
      const waId = "5511912345009";
      const id = await leftSendingBeforeTheCall(waId, "Chegou a sua vez.");
      const calls = countSendCalls(t.sim, `+${waId}`);

      expect(await reconcile()).toBe(1);
      // Requeued, not failed: the running send worker may already have taken it again (it polls), which is the point.
      expect(["queued", "sending", "accepted", "sent", "delivered", "read"]).toContain((await getMessage(t, id)).status);
      t.papo.deps.kick.send();
      const read = await waitForStatus(t, id, "read");

      expect(read.error).toBeUndefined();
      expect(calls()).toBe(1);
      expect(t.sim.sentTo(waId)).toHaveLength(1);
    },
  );

  it.skipIf(!isAvailable(kind))(
    "when a status with our id in biz_opaque_callback_data comes for a reconciled message, it adopts the wamid and status",
    async () => {
      const waId = "5511912345002";
      const id = await leftSending(waId, "Seu pedido saiu.");
      await reconcile();

      const wamid = await theLostRequestReachedMeta(waId, id);
      const read = await waitForStatus(t, id, "read");

      expect(read.waMessageId).toBe(wamid);
      expectReadTimeline(read);
      // The simulator echoes the callback data in every status, as Meta does.
      const echoed = t.sim.webhookLog().filter((d) => JSON.stringify(d.payload).includes(`"biz_opaque_callback_data":"${id}"`));
      expect(echoed.map((d) => d.kind)).toEqual(["status:sent", "status:delivered", "status:read"]);
      expect(t.sim.sentTo(waId)).toHaveLength(1);
    },
  );

  it.skipIf(!isAvailable(kind))(
    "when the answer to a send is lost, the message is not resent and its statuses settle it later",
    async () => {
      const waId = "5511912345003";
      const { conversationId } = await customerWrites(t, { from: waId });
      const calls = countSendCalls(t.sim, `+${waId}`);
      let failedMeanwhile: MessageView | undefined;
      hooks.set(`+${waId}`, async ({ message, send }) => {
        await send(message);
        throw new WhatsAppNetworkError({
          code: undefined,
          title: "Request to WhatsApp timed out",
          timedOut: true,
          classification: classifyError({ code: undefined, noAnswer: true }),
        });
      });
      try {
        const queued = await sendMessage(t, conversationId, { type: "text", body: "Seu pedido saiu." });
        failedMeanwhile = await eventually(async () => {
          const message = await getMessage(t, queued.body.id);
          return (message.status === "failed" || message.status === "read") && message;
        }, "the lost answer to be handled");
        const read = await waitForStatus(t, queued.body.id, "read");

        expect(read.error).toBeUndefined();
        expectReadTimeline(read);
        expect(read.waMessageId).toBe(t.sim.sentTo(waId)[0]?.wamid);
        expect(calls()).toBe(1);
        expect(await repo().get(ws(), queued.body.id)).toMatchObject({ attempts: 1 });
      } finally {
        hooks.delete(`+${waId}`);
      }
      // Whichever came first (the timeout or the statuses), the message was never queued again.
      expect(["failed", "read"]).toContain(failedMeanwhile?.status);
    },
  );

  it.skipIf(!isAvailable(kind))(
    "when statuses without our id beat the send's answer, they are parked and applied once the wamid is recorded",
    async () => {
      const waId = "5511912345004";
      const { conversationId } = await customerWrites(t, { from: waId });
      let parkedWamid: string | undefined;
      hooks.set(`+${waId}`, async ({ message, send }) => {
        // A status Papo cannot match by id (no callback data), and the answer held until all of them were parked.
        const { bizOpaqueCallbackData: _dropped, ...anonymous } = message;
        const result = await send(anonymous as OutboundMessage);
        parkedWamid = result.wamid;
        const parked = await eventually(async () => {
          const rows = await t.papo.deps.database.db
            .select()
            .from(pendingStatuses)
            .where(
              and(
                eq(pendingStatuses.workspaceId, ws()),
                eq(pendingStatuses.waMessageIdBidx, wamidBlindIndex(t.papo.deps.cipher, ws(), result.wamid)),
              ),
            );
          return rows.length === 3 && rows;
        }, "sent, delivered and read to be parked");
        // What the cost report needs later is parked too: the pricing country, not the number; a free service
        // message (inside the window) is not billable.
        expect(parked.map((p) => [p.recipientCountry, p.billableCategory])).toEqual([
          ["BR", null],
          ["BR", null],
          ["BR", null],
        ]);
        return result;
      });
      try {
        const queued = await sendMessage(t, conversationId, { type: "text", body: "Seu pedido saiu." });
        const read = await waitForStatus(t, queued.body.id, "read");

        expect(read.waMessageId).toBe(parkedWamid);
        expectReadTimeline(read);
        const left = await t.papo.deps.database.db
          .select()
          .from(pendingStatuses)
          .where(eq(pendingStatuses.waMessageIdBidx, wamidBlindIndex(t.papo.deps.cipher, ws(), parkedWamid ?? "")));
        expect(left).toEqual([]);
      } finally {
        hooks.delete(`+${waId}`);
      }
    },
  );

  it.skipIf(!isAvailable(kind))(
    "when statuses with our id beat the send's answer, the late answer does not set the message back to accepted",
    async () => {
      const waId = "5511912345005";
      const { conversationId } = await customerWrites(t, { from: waId });
      let heldWamid: string | undefined;
      hooks.set(`+${waId}`, async ({ message, send }) => {
        const result = await send(message);
        heldWamid = result.wamid;
        await eventually(
          async () => (await repo().get(ws(), message.bizOpaqueCallbackData ?? ""))?.status === "read",
          "the statuses to arrive first",
        );
        return result;
      });
      try {
        const queued = await sendMessage(t, conversationId, { type: "text", body: "Seu pedido saiu." });
        // The worker records the answer last; `nextAttemptAt` goes null when it has.
        await eventually(async () => (await repo().get(ws(), queued.body.id))?.nextAttemptAt === null, "the answer to be recorded");
        const message = await getMessage(t, queued.body.id);

        expect(message.status).toBe("read");
        expect(message.waMessageId).toBe(heldWamid);
        expectReadTimeline(message);
      } finally {
        hooks.delete(`+${waId}`);
      }
    },
  );
});

describe.each(DATABASE_KINDS)("the recipient's canonical WhatsApp id (%s)", (kind) => {
  let t: TestPapo;
  /** Brazil: the number as the CRM has it (with the 9th digit), and the wa_id Meta answers with (without it). */
  const AS_TYPED = "5511987654321";
  const CANONICAL = "551187654321";
  const CLASH_TYPED = "5511987650001";
  const CLASH_CANONICAL = "551187650001";

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    const canonical = new Map([
      [`+${AS_TYPED}`, CANONICAL],
      [`+${CLASH_TYPED}`, CLASH_CANONICAL],
    ]);
    t = await startTestPapo({
      db: kind,
      start: {
        // The simulator does not rewrite Brazilian numbers; Meta's answer is altered here, as Meta would send it.
        wrapClient: (client) => ({
          ...client,
          send: async (message, options) => {
            const result = await client.send(message, options);
            const waId = message.to === undefined ? undefined : canonical.get(message.to);
            return waId ? { ...result, waId } : result;
          },
        }),
      },
    });
  });
  afterAll(async () => t?.close());

  type Contact = { id: string; waId: string | null; phone: string | null };
  const hello = { name: "hello_world", language: "en_US" };

  it.skipIf(!isAvailable(kind))(
    "when Meta answers with another wa_id than the contact's, the contact takes Meta's and the customer's reply finds it",
    async () => {
      const sent = await t.api<MessageView>("POST", "/send-message", { to: "+55 (11) 98765-4321", template: hello });
      expect(sent.status).toBe(202);
      await waitForStatus(t, sent.body.id, "read");

      const contact = await eventually(async () => {
        const { body } = await t.api<Contact>("GET", `/api/v1/contacts/${sent.body.contactId}`);
        return body.waId === CANONICAL && body;
      }, "the contact to take Meta's wa_id");
      expect(contact.phone).toBe(`+${AS_TYPED}`);

      const { wamid } = t.sim.sendAsCustomer({ from: CANONICAL, name: "Lia", type: "text", text: "Recebi, obrigada!" });
      const reply = await eventually(async () => {
        const { body } = await t.api<{ data: MessageView[] }>("GET", `/api/v1/conversations/${sent.body.conversationId}/messages`);
        return body.data.find((m) => m.waMessageId === wamid);
      }, "the reply in the same conversation");
      expect(reply.contactId).toBe(contact.id);
    },
  );

  it.skipIf(!isAvailable(kind))("when another contact already has Meta's wa_id, the contact keeps its own", async () => {
    const other = await t.api<Contact>("POST", "/api/v1/contacts", { name: "Outra", waId: CLASH_CANONICAL });
    expect(other.status).toBe(201);

    const sent = await t.api<MessageView>("POST", "/send-message", { to: `+${CLASH_TYPED}`, template: hello });
    await waitForStatus(t, sent.body.id, "read");

    const { body } = await t.api<Contact>("GET", `/api/v1/contacts/${sent.body.contactId}`);
    expect(body.waId).toBe(CLASH_TYPED);
    expect((await t.api<Contact>("GET", `/api/v1/contacts/${other.body.id}`)).body.waId).toBe(CLASH_CANONICAL);
  });
});
