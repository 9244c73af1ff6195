import { randomUUID } from "node:crypto";
import { serializeLikeMeta, signPayload } from "@papo/whatsapp";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/raw.ts";
import { messages as messagesTable, webhookEvents } from "../../db/schema/index.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { wamidBlindIndex } from "../messages/repo.ts";
import type { MessageDto } from "../messages/schemas.ts";
import { type ConsentSettings, DEFAULT_CONSENT_SETTINGS } from "./defaults.ts";
import type { ContactConsentsDto } from "./schemas.ts";
import { assertCanReceiveMarketing, canReceiveMarketing } from "./service.ts";

type ErrorBody = { error: { code: string; message: string } };
type Page<T> = { data: T[]; nextCursor: string | null };
type AuditEvent = {
  action: string;
  actor: { type: string; id: string | null };
  target: { id: string } | null;
  details: Record<string, unknown>;
};

let counter = 0;
/** A customer number no other test uses (never ending in 0000, which the simulator treats as undeliverable). */
const customerNumber = () => `55319${String(7_300_000 + ++counter * 17).padStart(8, "0")}`;

describe.each(DATABASE_KINDS)("consent per purpose and opt-out keywords (%s)", (kind) => {
  let t: TestPapo;
  let workspaceId: string;
  let adminId: string;
  let outsider: { id: string; token: string };
  let agent: { id: string; token: string };
  const run = it.skipIf(!isAvailable(kind));

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    workspaceId = t.papo.bootstrap.workspaceId;
    adminId = (await t.api<{ id: string }>("GET", "/api/v1/auth/me")).body.id;
    // An agent without conversations.see_all and not a member of the sandbox number: sees no customer.
    agent = await t.addUser({ workspaceId, name: "Ana Agente", email: "ana@papo.test", role: "agent" });
    const otherWorkspace = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWorkspace, name: "Outra empresa" });
    outsider = await t.addUser({ workspaceId: otherWorkspace, name: "Intruso", email: "admin@outra.test", role: "admin" });
  }, 120_000);
  afterAll(async () => t?.close());

  const db = () => t.papo.deps.database.db;
  const consentsPath = (contactId: string) => `/api/v1/contacts/${contactId}/consents`;
  const consentsOf = async (contactId: string) => {
    const answer = await t.api<ContactConsentsDto>("GET", consentsPath(contactId));
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const record = (contactId: string, body: unknown, token = t.token) =>
    t.apiAs<ContactConsentsDto & ErrorBody>(token, "POST", consentsPath(contactId), body);
  const newContact = async () => {
    const created = await t.api<{ id: string }>("POST", "/api/v1/contacts", { name: "Cliente", waId: customerNumber() });
    if (created.status !== 201) throw new Error(`contact not created: ${JSON.stringify(created.body)}`);
    return created.body.id;
  };
  const putSettings = (settings: ConsentSettings) => t.api<ConsentSettings & ErrorBody>("PUT", "/api/v1/workspace/consent", settings);
  const auditOf = async (action: string, targetId: string) =>
    (await t.api<Page<AuditEvent>>("GET", `/api/v1/audit-events?action=${action}&targetId=${targetId}`)).body.data;

  /** Plays a customer message and waits until Papo stored it; returns the stored message. */
  const customerSays = async (from: string, text: string) => {
    const { wamid } = t.sim.sendAsCustomer({ from, type: "text", text });
    const index = wamidBlindIndex(t.papo.deps.cipher, workspaceId, wamid);
    const stored = await eventually(async () => {
      const [row] = await db()
        .select({ id: messagesTable.id, contactId: messagesTable.contactId, conversationId: messagesTable.conversationId })
        .from(messagesTable)
        .where(eq(messagesTable.waMessageIdBidx, index));
      return row;
    }, `the message "${text}" stored`);
    return { ...stored, wamid };
  };
  const outboundOf = async (conversationId: string) =>
    (await t.api<Page<MessageDto>>("GET", `/api/v1/conversations/${conversationId}/messages?limit=100`)).body.data.filter(
      (m) => m.direction === "outbound",
    );
  const pendingBodies = async () =>
    (await db().select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.status, "pending"))).length;
  /** Lets every delivery, retry and worker poll run, so anything sent twice would have been sent by now. */
  const settle = async () => {
    await t.sim.webhooksIdle();
    await eventually(async () => (await pendingBodies()) === 0 || undefined, "every webhook body processed");
    await new Promise((resolve) => setTimeout(resolve, 1500));
  };
  const sentTexts = (from: string) => t.sim.sentTo(from).map((m) => (m.body as { text?: { body?: string } }).text?.body);

  describe("the consent API", () => {
    run("when nothing was recorded, both purposes are unknown and the history is empty", async () => {
      const contactId = await newContact();
      expect(await consentsOf(contactId)).toEqual({
        contactId,
        current: {
          service: { state: "unknown", source: null, updatedAt: null },
          marketing: { state: "unknown", source: null, updatedAt: null },
        },
        history: [],
      });
    });

    run("when an admin grants marketing with evidence, it is current, in the history with who and when, and audited", async () => {
      const contactId = await newContact();
      const before = Date.now();
      const answer = await record(contactId, {
        purpose: "marketing",
        state: "granted",
        source: "campaign_form",
        evidence: "Formulário do site #4411",
      });

      expect(answer.status).toBe(201);
      expect(answer.body.current.marketing).toMatchObject({ state: "granted", source: "campaign_form" });
      expect(answer.body.current.service.state).toBe("unknown");
      expect(answer.body.history).toHaveLength(1);
      const [entry] = answer.body.history;
      expect(entry).toMatchObject({
        purpose: "marketing",
        state: "granted",
        source: "campaign_form",
        evidence: "Formulário do site #4411",
        messageId: null,
        recordedBy: { type: "user", id: adminId },
      });
      expect(new Date(entry?.recordedAt ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(await consentsOf(contactId)).toEqual(answer.body);

      const [audited] = await auditOf("contact.consent_changed", contactId);
      expect(audited?.details).toMatchObject({
        purpose: "marketing",
        state: "granted",
        source: "campaign_form",
        consentRecordId: entry?.id,
      });
      expect(JSON.stringify(audited)).not.toContain("4411");
    });

    run("when consent is withdrawn after being granted, the withdrawal is current and the history lists both, newest first", async () => {
      const contactId = await newContact();
      await record(contactId, { purpose: "marketing", state: "granted" });
      const answer = await record(contactId, { purpose: "marketing", state: "withdrawn", source: "console" });

      expect(answer.body.current.marketing).toMatchObject({ state: "withdrawn", source: "console" });
      expect(answer.body.history.map((h) => [h.state, h.source])).toEqual([
        ["withdrawn", "console"],
        ["granted", "api"],
      ]);
    });

    run("when evidence is stored, the raw row holds ciphertext bound to contact_consent_events:evidence_enc", async () => {
      const contactId = await newContact();
      const answer = await record(contactId, { purpose: "service", state: "granted", evidence: "Ligação gravada, protocolo 998877" });
      const id = answer.body.history[0]?.id ?? "";
      const [row] = await queryRows<{ evidence_enc: string }>(db(), sql`select evidence_enc from contact_consent_events where id = ${id}`);
      expect(row?.evidence_enc.startsWith("pe1:")).toBe(true);
      expect(row?.evidence_enc).not.toContain("998877");
      const place = { workspaceId, table: "contact_consent_events", column: "evidence_enc", rowId: id };
      expect(t.papo.deps.cipher.decrypt(place, row?.evidence_enc ?? "")).toBe("Ligação gravada, protocolo 998877");
    });

    run("when the body is invalid, the 400 request.invalid names the field", async () => {
      const contactId = await newContact();
      const cases: Array<[unknown, string]> = [
        [{}, "body.purpose"],
        [{ purpose: "sales", state: "granted" }, "body.purpose"],
        [{ purpose: "marketing" }, "body.state"],
        [{ purpose: "marketing", state: "unknown" }, "body.state"],
        [{ purpose: "marketing", state: "withdrawn", source: "opt_out_keyword" }, "body.source"],
        [{ purpose: "marketing", state: "granted", evidence: "x".repeat(2001) }, "body.evidence"],
        [{ purpose: "marketing", state: "granted", evidence: "   " }, "body.evidence"],
      ];
      for (const [body, field] of cases) {
        const answer = await record(contactId, body);
        expect([answer.status, answer.body.error?.code]).toEqual([400, "request.invalid"]);
        expect(answer.body.error.message).toContain(field);
      }
      const badId = await t.api<ErrorBody>("GET", consentsPath("nao-e-uuid"));
      expect([badId.status, badId.body.error.message.startsWith("params.id")]).toEqual([400, true]);
      expect((await consentsOf(contactId)).history).toEqual([]);
    });

    run("when an agent cannot see the contact, reading or recording its consent is 404 contacts.not_found", async () => {
      const { contactId } = await customerSays(customerNumber(), "Oi");
      const read = await t.apiAs<ErrorBody>(agent.token, "GET", consentsPath(contactId));
      expect([read.status, read.body.error.code]).toEqual([404, "contacts.not_found"]);
      const write = await record(contactId, { purpose: "marketing", state: "granted" }, agent.token);
      expect([write.status, write.body.error.code]).toEqual([404, "contacts.not_found"]);
      expect((await consentsOf(contactId)).history).toEqual([]);

      // Once the agent works the number, the same calls answer.
      const channelId = t.papo.sandbox?.channel.id ?? "";
      expect((await t.api("PUT", `/api/v1/channels/${channelId}/members`, { userIds: [agent.id] })).status).toBe(200);
      try {
        const allowed = await record(contactId, { purpose: "marketing", state: "granted", source: "console" }, agent.token);
        expect(allowed.status).toBe(201);
        expect(allowed.body.history[0]?.recordedBy).toEqual({ type: "user", id: agent.id, name: "Ana Agente" });
      } finally {
        await t.api("PUT", `/api/v1/channels/${channelId}/members`, { userIds: [] });
      }
    });

    run("when another workspace reads or records this contact's consent, it is 404 and nothing is written", async () => {
      const contactId = await newContact();
      const read = await t.apiAs<ErrorBody>(outsider.token, "GET", consentsPath(contactId));
      expect([read.status, read.body.error.code]).toEqual([404, "contacts.not_found"]);
      const write = await record(contactId, { purpose: "marketing", state: "granted" }, outsider.token);
      expect([write.status, write.body.error.code]).toEqual([404, "contacts.not_found"]);
      expect((await consentsOf(contactId)).history).toEqual([]);
      const missing = await t.api<ErrorBody>("GET", consentsPath(randomUUID()));
      expect([missing.status, missing.body.error.code]).toEqual([404, "contacts.not_found"]);
    });

    run("canReceiveMarketing: only a current marketing grant, without a service withdrawal, allows marketing", async () => {
      const cases: Array<{ decisions: Array<[string, string]>; allowed: boolean }> = [
        { decisions: [], allowed: false },
        { decisions: [["marketing", "granted"]], allowed: true },
        { decisions: [["marketing", "withdrawn"]], allowed: false },
        {
          decisions: [
            ["marketing", "granted"],
            ["marketing", "withdrawn"],
          ],
          allowed: false,
        },
        {
          decisions: [
            ["marketing", "withdrawn"],
            ["marketing", "granted"],
          ],
          allowed: true,
        },
        { decisions: [["service", "granted"]], allowed: false },
        {
          decisions: [
            ["service", "granted"],
            ["marketing", "granted"],
          ],
          allowed: true,
        },
        {
          decisions: [
            ["marketing", "granted"],
            ["service", "withdrawn"],
          ],
          allowed: false,
        },
      ];
      for (const { decisions, allowed } of cases) {
        const contactId = await newContact();
        for (const [purpose, state] of decisions) expect((await record(contactId, { purpose, state })).status).toBe(201);
        expect([decisions, await canReceiveMarketing({ db: db(), workspaceId, contactId })]).toEqual([decisions, allowed]);
        const check = assertCanReceiveMarketing({ db: db(), workspaceId, contactId });
        if (allowed) await expect(check).resolves.toBeUndefined();
        else await expect(check).rejects.toMatchObject({ code: "consent.marketing_not_allowed", status: 422 });
      }
      // A grant never leaks across workspaces: asked for another workspace, the same contact id is unknown.
      const granted = await newContact();
      await record(granted, { purpose: "marketing", state: "granted" });
      expect(await canReceiveMarketing({ db: db(), workspaceId: randomUUID(), contactId: granted })).toBe(false);
    });
  });

  describe("the workspace's keyword settings", () => {
    run("when nothing was saved, the defaults are answered: on, pt-BR, SAIR/STOP/BAJA among the opt-out keywords", async () => {
      const answer = await t.api<ConsentSettings>("GET", "/api/v1/workspace/consent");
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(DEFAULT_CONSENT_SETTINGS);
      expect(answer.body.optOutKeywords["pt-BR"]).toContain("SAIR");
      expect(answer.body.optOutKeywords.en).toContain("STOP");
      expect(answer.body.optOutKeywords.es).toContain("BAJA");
    });

    run("when settings are saved, they are answered back with repeats dropped, and settings.changed names what changed", async () => {
      const changed = {
        ...DEFAULT_CONSENT_SETTINGS,
        optOutKeywords: { ...DEFAULT_CONSENT_SETTINGS.optOutKeywords, "pt-BR": ["SAIR", "sair!", "Chega"] },
      };
      try {
        const saved = await putSettings(changed);
        expect(saved.status).toBe(200);
        expect(saved.body.optOutKeywords["pt-BR"]).toEqual(["SAIR", "Chega"]);
        expect((await t.api<ConsentSettings>("GET", "/api/v1/workspace/consent")).body).toEqual(saved.body);
        const [audited] = await auditOf("settings.changed", workspaceId);
        expect(audited?.details).toEqual({ setting: "consent", fields: ["optOutKeywords"] });
      } finally {
        await putSettings(DEFAULT_CONSENT_SETTINGS);
      }
    });

    run("when the settings are invalid, the 400 names the field and nothing changes", async () => {
      const d = DEFAULT_CONSENT_SETTINGS;
      const cases: Array<[unknown, string]> = [
        [{ ...d, optInKeywords: { ...d.optInKeywords, "pt-BR": ["Sair"] } }, "body.optInKeywords.pt-BR.0"],
        [{ ...d, optOutReply: { ...d.optOutReply, en: "  " } }, "body.optOutReply.en"],
        [{ ...d, optOutKeywords: { ...d.optOutKeywords, es: ["¡!"] } }, "body.optOutKeywords.es.0"],
        [{ ...d, defaultLanguage: "fr" }, "body.defaultLanguage"],
        [{ ...d, enabled: undefined }, "body.enabled"],
        [{ ...d, optOutKeywords: { ...d.optOutKeywords, en: Array.from({ length: 51 }, (_, i) => `w${i}`) } }, "body.optOutKeywords.en"],
      ];
      for (const [body, field] of cases) {
        const answer = await t.api<ErrorBody>("PUT", "/api/v1/workspace/consent", body);
        expect([answer.status, answer.body.error.code]).toEqual([400, "request.invalid"]);
        expect(answer.body.error.message).toContain(field);
      }
      expect((await t.api<ConsentSettings>("GET", "/api/v1/workspace/consent")).body).toEqual(DEFAULT_CONSENT_SETTINGS);
    });

    run("when an agent reads or changes the settings, it is 403 auth.forbidden", async () => {
      const read = await t.apiAs<ErrorBody>(agent.token, "GET", "/api/v1/workspace/consent");
      expect([read.status, read.body.error.code]).toEqual([403, "auth.forbidden"]);
      const write = await t.apiAs<ErrorBody>(agent.token, "PUT", "/api/v1/workspace/consent", {
        ...DEFAULT_CONSENT_SETTINGS,
        enabled: false,
      });
      expect([write.status, write.body.error.code]).toEqual([403, "auth.forbidden"]);
      expect((await t.api<ConsentSettings>("GET", "/api/v1/workspace/consent")).body.enabled).toBe(true);
    });

    run("when the OpenAPI document is fetched, it lists the consent routes", async () => {
      const doc = (await (await fetch(`${t.papo.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths["/api/v1/contacts/{id}/consents"] ?? {}).sort()).toEqual(["get", "post"]);
      expect(Object.keys(doc.paths["/api/v1/workspace/consent"] ?? {}).sort()).toEqual(["get", "put"]);
    });
  });

  describe("opt-out keywords from customers", () => {
    run(
      "when a customer writes SAIR and Meta delivers it twice, marketing is withdrawn with the message as evidence and one confirmation is sent",
      async () => {
        const from = customerNumber();
        t.sim.configure({ duplicateDeliveries: true });
        let stored: Awaited<ReturnType<typeof customerSays>>;
        try {
          stored = await customerSays(from, "SAIR");
          await settle();
        } finally {
          t.sim.configure({ duplicateDeliveries: false });
        }
        // Meta may also re-batch a redelivery: other bytes, same wamid.
        const [delivery] = t.sim.webhookLog().filter((d) => JSON.stringify(d.payload).includes(stored.wamid));
        const body = serializeLikeMeta({ ...(delivery?.payload as Record<string, unknown>), rebatched: true });
        const again = await fetch(`${t.papo.url}/webhook`, {
          method: "POST",
          body,
          headers: { "content-type": "application/json", "x-hub-signature-256": signPayload({ body, appSecret: t.appSecret }) },
        });
        expect(again.status).toBe(200);
        await settle();

        const consents = await consentsOf(stored.contactId);
        expect(consents.current.marketing).toMatchObject({ state: "withdrawn", source: "opt_out_keyword" });
        expect(consents.history).toHaveLength(1);
        expect(consents.history[0]).toMatchObject({
          purpose: "marketing",
          state: "withdrawn",
          source: "opt_out_keyword",
          evidence: "SAIR",
          messageId: stored.id,
          recordedBy: { type: "system", id: null, name: "consent-keywords" },
        });
        const replies = await outboundOf(stored.conversationId);
        expect(replies).toHaveLength(1);
        expect(replies[0]).toMatchObject({ senderKind: "system", type: "text", text: DEFAULT_CONSENT_SETTINGS.optOutReply["pt-BR"] });
        await eventually(() => t.sim.sentTo(from).length === 1 || undefined, "the confirmation at the simulator");
        expect(sentTexts(from)).toEqual([DEFAULT_CONSENT_SETTINGS.optOutReply["pt-BR"]]);

        const audited = await auditOf("contact.opted_out", stored.contactId);
        expect(audited).toHaveLength(1);
        expect(audited[0]).toMatchObject({
          actor: { type: "system", id: "consent-keywords" },
          details: { purpose: "marketing", messageId: stored.id },
        });
        expect(await canReceiveMarketing({ db: db(), workspaceId, contactId: stored.contactId })).toBe(false);
      },
    );

    run(
      "when the keyword comes with accents, case or punctuation (Parar!, baja), it matches and the reply is in its language",
      async () => {
        const portuguese = customerNumber();
        const spanish = customerNumber();
        const a = await customerSays(portuguese, "Parar!");
        const b = await customerSays(spanish, "baja");

        expect((await consentsOf(a.contactId)).current.marketing.state).toBe("withdrawn");
        expect((await consentsOf(b.contactId)).current.marketing.state).toBe("withdrawn");
        await eventually(() => (t.sim.sentTo(portuguese).length === 1 && t.sim.sentTo(spanish).length === 1) || undefined, "both replies");
        expect(sentTexts(portuguese)).toEqual([DEFAULT_CONSENT_SETTINGS.optOutReply["pt-BR"]]);
        expect(sentTexts(spanish)).toEqual([DEFAULT_CONSENT_SETTINGS.optOutReply.es]);
      },
    );

    run("when the keyword is inside a sentence, nothing is recorded or replied unless the sentence is configured", async () => {
      const from = customerNumber();
      const sentence = await customerSays(from, "sair da lista por favor");
      expect((await consentsOf(sentence.contactId)).history).toEqual([]);
      expect(await outboundOf(sentence.conversationId)).toEqual([]);

      try {
        const saved = await putSettings({
          ...DEFAULT_CONSENT_SETTINGS,
          optOutKeywords: { ...DEFAULT_CONSENT_SETTINGS.optOutKeywords, "pt-BR": ["SAIR", "Sair da lista, por favor"] },
          optOutReply: { ...DEFAULT_CONSENT_SETTINGS.optOutReply, "pt-BR": "Removido da lista." },
        });
        expect(saved.status).toBe(200);
        // The configured phrase has a comma the customer did not type: punctuation does not count.
        await customerSays(from, "Sair da lista por favor.");
        expect((await consentsOf(sentence.contactId)).current.marketing).toMatchObject({ state: "withdrawn", source: "opt_out_keyword" });
        await eventually(() => t.sim.sentTo(from).length === 1 || undefined, "the custom reply");
        expect(sentTexts(from)).toEqual(["Removido da lista."]);
      } finally {
        await putSettings(DEFAULT_CONSENT_SETTINGS);
      }
    });

    run("when the switch is off, an opt-out keyword changes nothing and nothing is replied", async () => {
      const from = customerNumber();
      try {
        expect((await putSettings({ ...DEFAULT_CONSENT_SETTINGS, enabled: false })).status).toBe(200);
        const stored = await customerSays(from, "STOP");
        await settle();
        expect((await consentsOf(stored.contactId)).current.marketing.state).toBe("unknown");
        expect(await outboundOf(stored.conversationId)).toEqual([]);
        expect(t.sim.sentTo(from)).toEqual([]);
      } finally {
        await putSettings(DEFAULT_CONSENT_SETTINGS);
      }
    });

    run("when a customer who opted out writes an opt-in keyword, marketing is granted again and confirmed", async () => {
      const from = customerNumber();
      const out = await customerSays(from, "SAIR");
      const back = await customerSays(from, "voltar");

      const consents = await consentsOf(out.contactId);
      expect(consents.current.marketing).toMatchObject({ state: "granted", source: "opt_in_keyword" });
      expect(consents.history.map((h) => [h.state, h.messageId])).toEqual([
        ["granted", back.id],
        ["withdrawn", out.id],
      ]);
      expect(await canReceiveMarketing({ db: db(), workspaceId, contactId: out.contactId })).toBe(true);
      await eventually(() => t.sim.sentTo(from).length === 2 || undefined, "both confirmations");
      // Both confirmations are queued within milliseconds; the send worker sends a conversation's messages in order.
      expect(sentTexts(from)).toEqual([DEFAULT_CONSENT_SETTINGS.optOutReply["pt-BR"], DEFAULT_CONSENT_SETTINGS.optInReply["pt-BR"]]);
      const [changed] = await auditOf("contact.consent_changed", out.contactId);
      expect(changed?.details).toMatchObject({ state: "granted", source: "opt_in_keyword", messageId: back.id });
    });
  });
});
