import { randomBytes } from "node:crypto";
import { serializeLikeMeta, signPayload } from "@papo/whatsapp";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, messages, platformEvents, webhookEvents } from "../../db/schema/index.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { wamidBlindIndex } from "../messages/repo.ts";

type Page<T> = { data: T[]; nextCursor: string | null };
type ChannelDto = { id: string; phoneNumberId: string; sandbox: boolean; webhook: { url: string; verifyToken: string } };
type Contact = { id: string; waId: string | null };
type Conversation = { id: string; unreadCount: number };
type Message = { id: string; waMessageId: string | null; text: string | null };
type Answer = { received: boolean; id: string; duplicate: boolean };
type ErrorBody = { error: { code: string; message: string } };

let uniqueCounter = 0;
/** A customer number no other test uses (never ending in 0000, which the simulator treats as undeliverable). */
const customerNumber = () => `55119${String(7_100_000 + ++uniqueCounter * 7).padStart(8, "0")}`;
const wamid = () => `wamid.TEST${randomBytes(12).toString("hex")}`;
const unix = () => String(Math.floor(Date.now() / 1000));

/** A `messages` change carrying one text message, shaped like Meta's (meta-cloud-api.md §4.3). */
function textChange({ phoneNumberId, from, id, body }: { phoneNumberId: string; from: string; id: string; body: string }) {
  return {
    field: "messages",
    value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "5511955550000", phone_number_id: phoneNumberId },
      contacts: [{ profile: { name: "Cliente" }, wa_id: from }],
      messages: [{ from, id, timestamp: unix(), type: "text", text: { body } }],
    },
  };
}

describe.each(DATABASE_KINDS)("POST/GET /webhook (%s)", (kind) => {
  let t: TestPapo;
  const run = it.skipIf(!isAvailable(kind));
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  const db = () => t.papo.deps.database.db;
  const wamidIndex = (wamid: string) => wamidBlindIndex(t.papo.deps.cipher, t.papo.bootstrap.workspaceId, wamid);
  const sandbox = () => {
    if (!t.papo.sandbox) throw new Error("no sandbox");
    return t.papo.sandbox;
  };
  const appSecret = () => t.appSecret;
  const envelope = (changes: unknown[], wabaId = sandbox().channel.wabaId) => ({
    object: "whatsapp_business_account",
    entry: [{ id: wabaId, changes }],
  });
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${t.papo.url}/webhook`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  const postSigned = async (body: string, secret = appSecret()) => {
    const response = await post(body, { "x-hub-signature-256": signPayload({ body, appSecret: secret }) });
    return { status: response.status, body: (await response.json()) as Answer & ErrorBody };
  };
  const storedBodies = async () => Number((await db().select({ n: count() }).from(webhookEvents))[0]?.n ?? 0);
  const eventRow = async (id: string) => (await db().select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0];
  const processed = (id: string) =>
    eventually(async () => {
      const row = await eventRow(id);
      return row?.status === "processed" && row;
    }, `webhook event ${id} to be processed`);
  const platformEventsOf = (webhookEventId: string) =>
    db().select().from(platformEvents).where(eq(platformEvents.webhookEventId, webhookEventId));
  const contactByPhone = async (phone: string) => (await t.api<Page<Contact>>("GET", `/api/v1/contacts?phone=${phone}`)).body.data[0];

  describe("GET /webhook (Meta's verification handshake)", () => {
    run("when the verify token is the channel's, the raw challenge comes back as text/plain", async () => {
      const channels = await t.api<Page<ChannelDto>>("GET", "/api/v1/channels");
      const channel = channels.body.data.find((c) => c.sandbox);
      if (!channel) throw new Error("no sandbox channel listed");
      const query = new URLSearchParams({
        "hub.mode": "subscribe",
        "hub.verify_token": channel.webhook.verifyToken,
        "hub.challenge": "1158201444",
      });

      const response = await fetch(`${t.papo.url}/webhook?${query}`);

      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await response.text()).toBe("1158201444");
    });

    run("when the verify token is wrong, the handshake is refused with 403", async () => {
      const query = new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": "not-the-token", "hub.challenge": "42" });

      const response = await fetch(`${t.papo.url}/webhook?${query}`);

      expect(response.status).toBe(403);
      expect(((await response.json()) as ErrorBody).error.code).toBe("webhook.verification_failed");
    });

    run("when hub.mode is not subscribe, the handshake is refused with 403 even with the right token", async () => {
      const query = new URLSearchParams({
        "hub.mode": "unsubscribe",
        "hub.verify_token": sandbox().channel.verifyToken,
        "hub.challenge": "42",
      });

      const response = await fetch(`${t.papo.url}/webhook?${query}`);

      expect(response.status).toBe(403);
    });
  });

  describe("POST /webhook signature", () => {
    const signatures: Array<[string, (body: string) => Record<string, string>]> = [
      ["missing", () => ({})],
      ["malformed (not sha256=<64 hex>)", () => ({ "x-hub-signature-256": "sha256=not-a-digest" })],
      ["made with another app secret", (body) => ({ "x-hub-signature-256": signPayload({ body, appSecret: "someone-elses-secret" }) })],
      ["valid for other bytes", (body) => ({ "x-hub-signature-256": signPayload({ body: `${body} `, appSecret: appSecret() }) })],
    ];
    for (const [what, headers] of signatures) {
      run(`when the signature is ${what}, the POST is refused with 401 and nothing is stored`, async () => {
        const body = serializeLikeMeta(
          envelope([textChange({ phoneNumberId: sandbox().channel.phoneNumberId, from: customerNumber(), id: wamid(), body: "oi" })]),
        );
        const before = await storedBodies();

        const response = await post(body, headers(body));

        expect(response.status).toBe(401);
        expect(((await response.json()) as ErrorBody).error.code).toBe("webhook.invalid_signature");
        expect(await storedBodies()).toBe(before);
      });
    }

    run("when the simulator delivers a mis-signed webhook, it is not acknowledged and no message appears", async () => {
      const from = customerNumber();
      const before = await storedBodies();
      const entry = t.sim.deliverRaw({
        payload: envelope([textChange({ phoneNumberId: sandbox().channel.phoneNumberId, from, id: wamid(), body: "forjada" })]),
        signature: "invalid",
      });

      const delivery = await eventually(
        () => t.sim.webhookLog().find((d) => d.id === entry.id && d.attempts.length > 0),
        "the forged delivery attempt",
      );

      expect(delivery.attempts[0]?.statusCode).toBe(401);
      expect(await storedBodies()).toBe(before);
      expect(await contactByPhone(from)).toBeUndefined();
    });
  });

  describe("POST /webhook bodies", () => {
    run("when a signed body is not JSON, it is refused with 400 webhook.invalid_json and not stored", async () => {
      const before = await storedBodies();

      const answer = await postSigned("this is {not json");

      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("webhook.invalid_json");
      expect(await storedBodies()).toBe(before);
    });

    run("when a signed message is posted, it is stored before the 200 and then processed into the inbox", async () => {
      const from = customerNumber();
      const id = wamid();
      const body = serializeLikeMeta(
        envelope([textChange({ phoneNumberId: sandbox().channel.phoneNumberId, from, id, body: "Olá, ação!" })]),
      );

      const answer = await postSigned(body);

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ received: true, id: expect.any(String), duplicate: false });
      expect(await eventRow(answer.body.id)).toBeDefined();
      const row = await processed(answer.body.id);
      expect(row.error).toBeNull();
      const contact = await contactByPhone(from);
      expect(contact?.waId).toBe(from);
    });

    run("when the same body is delivered twice, it is stored once and the second answer says duplicate", async () => {
      const body = serializeLikeMeta(
        envelope([textChange({ phoneNumberId: sandbox().channel.phoneNumberId, from: customerNumber(), id: wamid(), body: "de novo" })]),
      );

      const first = await postSigned(body);
      const second = await postSigned(body);

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.body.duplicate).toBe(false);
      expect(second.body).toEqual({ received: true, id: first.body.id, duplicate: true });
      const rows = await db().select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, first.body.id));
      expect(rows).toHaveLength(1);
    });

    // [what, body, whether it names a WABA a channel of this workspace belongs to]
    const notUnderstood: Array<[string, () => unknown, boolean]> = [
      [
        'an unhandled field ("business_username_update")',
        () => envelope([{ field: "business_username_update", value: { display_phone_number: "5511955550000", username: "papo.demo" } }]),
        true,
      ],
      ['another object ("page")', () => ({ object: "page", entry: [{ id: "1234567890", time: 1_700_000_000, changes: [] }] }), false],
      ["JSON that is not an envelope at all", () => ({ hello: "world", entry: "nope" }), false],
    ];
    for (const [what, payload, ownWaba] of notUnderstood) {
      run(`when a signed body is ${what}, it is acknowledged, kept and recorded as an unknown platform event`, async () => {
        const body = serializeLikeMeta(payload());

        const answer = await postSigned(body);

        expect(answer.status).toBe(200);
        expect(answer.body.duplicate).toBe(false);
        const row = await processed(answer.body.id);
        expect(row.error).toBeNull();
        const events = await platformEventsOf(answer.body.id);
        expect(events.map((e) => ({ kind: e.kind, quarantined: e.quarantined, workspaceId: e.workspaceId }))).toEqual([
          { kind: "unknown", quarantined: false, workspaceId: ownWaba ? t.papo.bootstrap.workspaceId : null },
        ]);
        // Unknown content may hold personal data: only its ciphertext is stored.
        expect(events[0]?.payload).toBeNull();
        expect(events[0]?.payloadEnc).toEqual(expect.any(String));
      });
    }

    run("when a template review arrives, it is stored as a plain template_status event of the WABA's workspace", async () => {
      const before = new Set((await db().select({ id: platformEvents.id }).from(platformEvents)).map((e) => e.id));

      t.sim.setTemplateStatus("promo_relampago", "PAUSED", "Low quality");

      const event = await eventually(async () => {
        const rows = await db().select().from(platformEvents).where(eq(platformEvents.kind, "template_status"));
        return rows.find((r) => !before.has(r.id));
      }, "the template_status event");
      expect(event).toMatchObject({
        workspaceId: t.papo.bootstrap.workspaceId,
        channelId: null,
        wabaId: sandbox().channel.wabaId,
        quarantined: false,
        payloadEnc: null,
      });
      expect(event.payload).toMatchObject({ kind: "template_status", event: "PAUSED", templateName: "promo_relampago", language: "pt_BR" });
    });

    run("when a message is for a number no channel owns, it is acknowledged and quarantined, and no conversation opens", async () => {
      const from = customerNumber();
      const id = wamid();
      const conversationsBefore = Number((await db().select({ n: count() }).from(conversations))[0]?.n ?? 0);
      const body = serializeLikeMeta(
        envelope([textChange({ phoneNumberId: "999000111222333", from, id, body: "número errado" })], "999000111222000"),
      );

      const answer = await postSigned(body);

      expect(answer.status).toBe(200);
      await processed(answer.body.id);
      const events = await platformEventsOf(answer.body.id);
      expect(
        events.map((e) => ({
          kind: e.kind,
          quarantined: e.quarantined,
          phoneNumberId: e.phoneNumberId,
          wabaId: e.wabaId,
          channelId: e.channelId,
        })),
      ).toEqual([{ kind: "message", quarantined: true, phoneNumberId: "999000111222333", wabaId: "999000111222000", channelId: null }]);
      expect(
        await db()
          .select({ id: messages.id })
          .from(messages)
          .where(eq(messages.waMessageIdBidx, wamidIndex(id))),
      ).toEqual([]);
      expect(await contactByPhone(from)).toBeUndefined();
      expect(Number((await db().select({ n: count() }).from(conversations))[0]?.n ?? 0)).toBe(conversationsBefore);
    });

    run("when a stored body is processed again (a crash after applying it), nothing is applied twice", async () => {
      const from = customerNumber();
      const id = wamid();
      const body = serializeLikeMeta(
        envelope([
          textChange({ phoneNumberId: sandbox().channel.phoneNumberId, from, id, body: "só uma vez" }),
          { field: "business_username_update", value: { username: "papo.demo" } },
        ]),
      );
      const answer = await postSigned(body);
      const first = await processed(answer.body.id);
      expect(first.attempts).toBe(1);

      await db().update(webhookEvents).set({ status: "pending", nextAttemptAt: null }).where(eq(webhookEvents.id, answer.body.id));
      t.papo.deps.kick.webhooks();
      const again = await eventually(async () => {
        const row = await eventRow(answer.body.id);
        return row?.status === "processed" && row.attempts === 2 && row;
      }, "the second processing");

      expect(again.error).toBeNull();
      expect(
        await db()
          .select({ id: messages.id })
          .from(messages)
          .where(eq(messages.waMessageIdBidx, wamidIndex(id))),
      ).toHaveLength(1);
      expect((await platformEventsOf(answer.body.id)).map((e) => e.kind)).toEqual(["unknown"]);
      const contact = await contactByPhone(from);
      const conversation = (await t.api<Page<Conversation>>("GET", `/api/v1/conversations?contactId=${contact?.id}`)).body.data;
      expect(conversation.map((c) => c.unreadCount)).toEqual([1]);
      const list = await t.api<Page<Message>>("GET", `/api/v1/conversations/${conversation[0]?.id}/messages`);
      expect(list.body.data.map((m) => ({ waMessageId: m.waMessageId, text: m.text }))).toEqual([{ waMessageId: id, text: "só uma vez" }]);
    });
  });
});
