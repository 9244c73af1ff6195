import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../config.ts";
import { fileKeyId } from "../../crypto/field-cipher.ts";
import { readKeyFile } from "../../crypto/key-file.ts";
import { KEY_FILE_NAME, keyId } from "../../crypto/master-key.ts";
import { queryRows } from "../../db/raw.ts";
import { type Papo, type StartOptions, startPapo } from "../../runtime.ts";
import { createTestDatabase, DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { ADMIN, eventually } from "../../testing/papo.test-utils.ts";
import { createMfaRepo } from "../auth/mfa-repo.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import type { ReencryptJobOptions } from "./reencrypt-job.ts";
import { columnName, ENCRYPTED_COLUMNS } from "./registry.ts";
import { RotationRefused, rotateMasterKey } from "./rotate.ts";
import type { EncryptionStatus } from "./schemas.ts";

/*
 * Online master-key rotation end to end: Papo stores data of every kind under key A, `keys:rotate` adds key B to the
 * key file, Papo switches while serving and re-encrypts in the background (small batches, a hook to act in the middle
 * of the job), is stopped mid-job, resumes after a restart, retires A, and after a restart without A reads everything.
 */

type Page<T> = { data: T[]; nextCursor: string | null };
type Message = {
  id: string;
  type: string;
  text: string | null;
  waMessageId: string | null;
  reactions: Array<{ emoji: string }>;
  media?: { id: string; status: string; filename: string | null };
};

const CLI = fileURLToPath(new URL("./rotate-cli.ts", import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const LONG = 60_000;

/** A Papo on a fixed data folder and database, restartable; the admin logged in anew at each start. */
async function harness(kind: (typeof DATABASE_KINDS)[number]) {
  const dataDir = mkdtempSync(join(tmpdir(), "papo-keys-"));
  const database = await createTestDatabase(kind, dataDir);
  let papo: Papo | undefined;
  let token = "";
  const configOf = (env: Record<string, string>) => {
    const base = parseConfig({
      PORT: "0",
      SANDBOX_SIM_PORT: "0",
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PAPO_SANDBOX: "1",
      PAPO_KEY_FILE_POLL: "0",
      ...(database.target.kind === "postgres" ? { DATABASE_URL: database.target.url } : {}),
      ...env,
    });
    return base.database.kind === "pglite" ? { ...base, database: database.target } : base;
  };
  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${papo?.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    dataDir,
    configOf,
    api,
    get token(): string {
      return token;
    },
    async start(env: Record<string, string> = {}, keyRotation: ReencryptJobOptions = {}, extra: StartOptions = {}) {
      papo = await startPapo(configOf(env), {
        log: pino({ level: process.env.PAPO_TEST_LOG ?? "silent" }),
        sandboxSim: { statusDelaysMs: { sent: 10, delivered: 20, read: 30 }, webhookRetry: { maxAttempts: 5, baseDelayMs: 50 } },
        keyRotation: { batchSize: 2, pauseMs: 0, retryMs: 3_600_000, ...keyRotation },
        ...extra,
      });
      const login = await fetch(`${papo.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ADMIN),
      });
      token = ((await login.json()) as { token: string }).token;
      return papo;
    },
    async stop() {
      await papo?.close();
      papo = undefined;
    },
    rows: <T>(query: ReturnType<typeof sql>) => {
      if (!papo) throw new Error("Papo is not running");
      return queryRows<T>(papo.deps.database.db, query);
    },
    async close() {
      await papo?.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How many values of every registered column are under `keyId`, per column (only columns with some). */
async function ciphertextsUnder(papo: Papo, id: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of ENCRYPTED_COLUMNS) {
    const [row] = await queryRows<{ n: number | string }>(
      papo.deps.database.db,
      sql`select count(*)::int as n from ${sql.raw(c.table)} where split_part(${sql.raw(c.column)}, ':', 2) = ${id}`,
    );
    const n = Number(row?.n ?? 0);
    if (n > 0) out[columnName(c)] = n;
  }
  return out;
}

/** The key id in the header of every media file, by path; temporary files are listed as such. */
function mediaFileKeys(dataDir: string): Array<{ name: string; keyId: string | null }> {
  const root = join(dataDir, "media");
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ name: e.name, keyId: fileKeyId(readFileSync(join(e.parentPath, e.name))) }));
}

describe.each(DATABASE_KINDS)("online master-key rotation with the key file (%s)", (kind) => {
  it.skipIf(!isAvailable(kind))(
    "re-encrypts every column and media file under the new key while Papo serves, survives a stop mid-job, retires the old key, and everything still reads without it",
    { timeout: 300_000 },
    async () => {
      const h = await harness(kind);
      // The job's hook, changed per phase of the test.
      let onBatch: ReencryptJobOptions["onBatch"];
      try {
        const papo = await h.start({}, { onBatch: (batch) => onBatch?.(batch) });
        const sim = papo.sandbox?.sim;
        if (!sim) throw new Error("no sandbox");
        const keyA = papo.keys.current.id;
        expect(papo.keys.origin).toBe("new_key_file");

        // ---- 1. Data of every kind under key A -------------------------------------------------------------------
        const customer = `55119${String(Date.now()).slice(-8)}`;
        const first = sim.sendAsCustomer({ from: customer, name: "Rosa Antes", type: "text", text: "primeira mensagem" });
        const conversation = await eventually(
          async () => (await h.api<Page<{ id: string; contactId: string }>>("GET", "/api/v1/conversations")).body.data[0],
          "the conversation",
          LONG,
        );
        sim.sendAsCustomer({
          from: customer,
          name: "Rosa Antes",
          type: "text",
          text: "respondendo",
          context: { id: first.wamid, from: customer },
        });
        sim.sendAsCustomer({ from: customer, name: "Rosa Antes", type: "text", text: "vim do anúncio", referral: true });
        sim.sendAsCustomer({ from: customer, type: "reaction", reaction: { messageId: first.wamid, emoji: "❤️" } });
        // A reaction to a message Papo never stored: unreadable, it is deleted once old (below, it is made old).
        sim.sendAsCustomer({
          from: customer,
          type: "reaction",
          reaction: { messageId: `wamid.${randomBytes(12).toString("base64")}`, emoji: "👀" },
        });
        const imageBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300), Buffer.from([0xff, 0xd9])]);
        sim.sendAsCustomer({
          from: customer,
          type: "image",
          image: { caption: "a nota", mimeType: "image/jpeg", data: imageBytes.toString("base64") },
        });
        const messagesNow = async () =>
          (await h.api<Page<Message>>("GET", `/api/v1/conversations/${conversation.id}/messages?limit=100`)).body.data;
        const image = await eventually(
          async () => (await messagesNow()).find((m) => m.type === "image" && m.media?.status === "stored"),
          "the stored image",
          LONG,
        );
        await eventually(async () => (await messagesNow()).some((m) => m.reactions.length > 0), "the reaction", LONG);
        expect(
          (await h.api("POST", `/api/v1/conversations/${conversation.id}/messages`, { type: "text", body: "resposta do agente" })).status,
        ).toBe(202);
        const documentBytes = Buffer.from("%PDF-1.4\n% contrato\n%%EOF\n");
        const form = new FormData();
        form.append("file", new Blob([documentBytes], { type: "application/pdf" }), "contrato.pdf");
        const upload = await fetch(`${papo.url}/api/v1/media`, {
          method: "POST",
          headers: { authorization: `Bearer ${h.token}` },
          body: form,
        });
        expect(upload.status).toBe(201);
        const uploaded = (await upload.json()) as { id: string };
        const crm = await h.api<{ id: string }>("POST", "/api/v1/contacts", {
          name: "Iolanda CRM",
          phone: "+55 21 98888-7777",
          attributes: { cpf: "123.456.789-00" },
        });
        expect(crm.status).toBe(201);
        const note = await h.api<{ id: string }>("POST", `/api/v1/contacts/${crm.body.id}/notes`, { body: "nota antes" });
        expect(note.status).toBe(201);
        const canned = await h.api<{ id: string }>("POST", "/api/v1/canned-responses", {
          shortcut: "entrega",
          title: "Entrega",
          body: "chega amanhã",
        });
        expect(canned.status).toBe(201);
        const totp = await h.api<{ secret: string }>("POST", "/api/v1/auth/2fa/setup", {});
        expect(totp.status).toBe(200);
        await papo.deps.audit.record({
          workspaceId: papo.bootstrap.workspaceId,
          actor: { type: "anonymous", id: null },
          action: "auth.login.failed",
          personal: { email: "alguem@exemplo.com" },
          ip: "198.51.100.7",
        });
        const admin = await eventually(async () => (await h.api<{ id: string }>("GET", "/api/v1/auth/me")).body, "the admin");
        await createMessagesRepo({ db: papo.deps.database.db, cipher: papo.deps.cipher }).addPendingStatus({
          workspaceId: papo.bootstrap.workspaceId,
          channelId: papo.sandbox?.channel.id ?? "",
          wamid: `wamid.${randomBytes(12).toString("base64")}`,
          status: "delivered",
          at: new Date(),
          errors: [],
        });
        sim.deliverRaw({ payload: { object: "page", entry: [{ id: "1234567890", time: 1_700_000_000, changes: [] }] } });
        await eventually(
          async () =>
            (await h.rows<{ n: number }>(sql`select count(*)::int as n from platform_events where payload_enc is not null`))[0]?.n === 1,
          "the platform event",
          LONG,
        );
        await sim.webhooksIdle();
        await h.rows(sql`update message_reactions set reacted_at = now() - interval '2 days' where emoji_enc is not null
                         and target_wamid_bidx not in (select wa_message_id_bidx from messages where wa_message_id_bidx is not null)`);
        const beforeRotation = await ciphertextsUnder(papo, keyA);
        // Every registered column of the core holds something under A (the newer modules' columns may be empty here).
        for (const column of [
          "system_keys.key_enc",
          "audit_events.details_enc",
          "audit_events.ip_enc",
          "canned_responses.body_enc",
          "channels.access_token_enc",
          "channels.app_secret_enc",
          "contact_notes.body_enc",
          "contacts.name_enc",
          "contacts.phone_enc",
          "contacts.wa_id_enc",
          "contacts.attributes_enc",
          "media.filename_enc",
          "messages.text_enc",
          "messages.content_enc",
          "messages.wa_message_id_enc",
          "messages.reply_to_wamid_enc",
          "messages.referral_enc",
          "message_reactions.emoji_enc",
          "pending_statuses.wa_message_id_enc",
          "platform_events.payload_enc",
          "sessions.user_agent_enc",
          "sessions.ip_enc",
          "users.totp_secret_enc",
          "webhook_events.body_enc",
        ]) {
          expect(beforeRotation[column], column).toBeGreaterThan(0);
        }
        expect(mediaFileKeys(h.dataDir).filter((f) => f.keyId === keyA).length).toBeGreaterThanOrEqual(2);

        // ---- 2. Rotate online: keys:rotate, then the reload (what the poll or SIGHUP does) ----------------------
        let during: { status: EncryptionStatus; readsOk: boolean; noteKeyId: string | undefined } | undefined;
        let concurrent: { cannedBody: string } | undefined;
        onBatch = async (batch) => {
          if (!during) {
            // While the job runs: the status shows it, reads work, and a new write is under the new key.
            const status = (await h.api<EncryptionStatus>("GET", "/api/v1/security/encryption")).body;
            const contact = await h.api<{ name: string }>("GET", `/api/v1/contacts/${crm.body.id}`);
            const messages = await messagesNow();
            const added = await h.api<{ id: string }>("POST", `/api/v1/contacts/${crm.body.id}/notes`, { body: "nota durante" });
            const [stored] = await h.rows<{ body_enc: string }>(sql`select body_enc from contact_notes where id = ${added.body.id}::uuid`);
            during = {
              status,
              readsOk: contact.body.name === "Iolanda CRM" && messages.some((m) => m.text === "primeira mensagem"),
              noteKeyId: stored?.body_enc.split(":")[1],
            };
          }
          if (batch.column === "canned_responses.body_enc" && batch.keys.includes(canned.body.id) && !concurrent) {
            // The job has read the old value; an agent edits it before the job writes: the edit must win.
            const patched = await h.api<{ body: string }>("PATCH", `/api/v1/canned-responses/${canned.body.id}`, { body: "chega hoje" });
            concurrent = { cannedBody: patched.body.body };
          }
          if (batch.column === "messages.content_enc") throw new Error("simulated crash in the middle of the job");
        };
        const rotated = await rotateMasterKey(h.configOf({}));
        const keyB = rotated.keyId;
        expect(rotated.olderKeyIds).toEqual([keyA]);
        expect(await papo.deps.keys.reload()).toBe(true);
        expect(papo.deps.keys.ring.current.id).toBe(keyB);
        await eventually(() => during !== undefined && concurrent !== undefined, "the job to reach the canned responses", LONG);
        await papo.keyRotation?.idle();

        expect(during?.readsOk).toBe(true);
        expect(during?.noteKeyId).toBe(keyB);
        expect(during?.status).toMatchObject({
          provider: "key_file",
          onlineRotation: true,
          currentKeyId: keyB,
          rotation: { toKeyId: keyB, fromKeyIds: [keyA], status: "running" },
        });
        expect(during?.status.keys.map((k) => k.id)).toEqual([keyB, keyA]);
        expect(concurrent?.cannedBody).toBe("chega hoje");
        // Stopped mid-job: some columns are done, messages are not.
        const [stopped] = await h.rows<{ id: string; status: string; error: string | null }>(
          sql`select id::text as id, status, error from key_rotations where to_key_id = ${keyB}`,
        );
        expect(stopped).toMatchObject({ status: "running", error: expect.stringContaining("simulated crash") });
        const midway = await ciphertextsUnder(papo, keyA);
        expect(midway["canned_responses.body_enc"]).toBeUndefined();
        expect(midway["messages.content_enc"]).toBeGreaterThan(0);
        await h.stop();

        // ---- 3. Restart: the job resumes the same rotation, finishes, retires A ---------------------------------
        onBatch = undefined;
        const resumed = await h.start({}, { onBatch: (batch) => onBatch?.(batch) });
        const done = await eventually(
          async () => {
            const { body } = await h.api<EncryptionStatus>("GET", "/api/v1/security/encryption");
            // Retired, and dropped from the running ring once the key file lost its line.
            return body.rotation === null && body.lastFinishedRotation?.retiredKeyIds.includes(keyA) && body.keys.length === 1 && body;
          },
          "the rotation to finish and A to be retired",
          LONG,
        );
        expect(done.lastFinishedRotation).toMatchObject({ id: stopped?.id, toKeyId: keyB, status: "finished", error: null });
        expect(done.lastFinishedRotation?.progress.find((p) => p.table === "media" && p.column === "file")).toMatchObject({ remaining: 0 });
        expect(done.lastFinishedRotation?.progress.every((p) => p.remaining === 0)).toBe(true);
        // No ciphertext in any registered column, and no media file, is under A any more; B holds them.
        expect(await ciphertextsUnder(resumed, keyA)).toEqual({});
        expect(Object.keys(await ciphertextsUnder(resumed, keyB))).toEqual(expect.arrayContaining(Object.keys(beforeRotation)));
        const files = mediaFileKeys(h.dataDir);
        expect(files.filter((f) => f.keyId === keyA)).toEqual([]);
        expect(files.filter((f) => f.name.endsWith(".tmp"))).toEqual([]);
        expect(files.filter((f) => f.keyId === keyB).length).toBeGreaterThanOrEqual(2);
        // The unreadable old orphan reaction was deleted; the real one is intact (checked after the restart below).
        // The key file lost A's line; the edit made during the job is intact; the audit log says what happened.
        expect(readKeyFile(join(h.dataDir, KEY_FILE_NAME)).map(keyId)).toEqual([keyB]);
        expect(done.keys).toEqual([{ id: keyB, current: true, ciphertexts: expect.any(Number), safeToRemove: false }]);
        const audit = (
          await h.api<Page<{ action: string; target: { id: string }; details: Record<string, unknown> }>>(
            "GET",
            "/api/v1/audit-events?action=key.",
          )
        ).body.data;
        expect(audit.map((e) => [e.action, e.target.id])).toEqual(
          expect.arrayContaining([
            ["key.rotated", keyB],
            ["key.retired", keyA],
          ]),
        );
        expect(audit.find((e) => e.action === "key.retired")?.details).toMatchObject({ provider: "key_file", removed: true });
        await h.stop();

        // ---- 4. Without A: everything reads ----------------------------------------------------------------------
        const after = await h.start();
        expect([...after.deps.keys.ring.byId.keys()]).toEqual([keyB]);
        const messages = await messagesNow();
        expect(messages.map((m) => m.text)).toEqual(
          expect.arrayContaining(["primeira mensagem", "respondendo", "vim do anúncio", "resposta do agente"]),
        );
        expect(messages.find((m) => m.waMessageId === first.wamid)?.reactions.map((r) => r.emoji)).toEqual(["❤️"]);
        expect((await h.rows<{ n: number }>(sql`select count(*)::int as n from message_reactions`))[0]?.n).toBe(1);
        const downloaded = await fetch(`${after.url}/api/v1/media/${image.media?.id}`, { headers: { authorization: `Bearer ${h.token}` } });
        expect(Buffer.from(await downloaded.arrayBuffer()).equals(imageBytes)).toBe(true);
        const document = await fetch(`${after.url}/api/v1/media/${uploaded.id}`, { headers: { authorization: `Bearer ${h.token}` } });
        expect(Buffer.from(await document.arrayBuffer()).equals(documentBytes)).toBe(true);
        // Blind indexes did not change: the contact is found by phone, the customer by wa_id (same conversation).
        const byPhone = (
          await h.api<Page<{ id: string; attributes: Record<string, unknown> }>>("GET", "/api/v1/contacts?phone=%2B5521988887777")
        ).body.data;
        expect(byPhone).toEqual([expect.objectContaining({ id: crm.body.id, attributes: { cpf: "123.456.789-00" } })]);
        const notes = (await h.api<Page<{ body: string }>>("GET", `/api/v1/contacts/${crm.body.id}/notes`)).body.data;
        expect(notes.map((n) => n.body).sort()).toEqual(["nota antes", "nota durante"]);
        const cannedNow = (await h.api<Page<{ id: string; body: string }>>("GET", "/api/v1/canned-responses")).body.data;
        expect(cannedNow.find((c) => c.id === canned.body.id)?.body).toBe("chega hoje");
        const mfa = await createMfaRepo({ db: after.deps.database.db, cipher: after.deps.cipher }).state(
          after.bootstrap.workspaceId,
          admin.id,
        );
        expect(mfa?.secret).toBe(totp.body.secret);
        const failedLogin = (
          await h.api<Page<{ personal: unknown; ip: string | null }>>("GET", "/api/v1/audit-events?action=auth.login.failed")
        ).body.data;
        expect(failedLogin[0]).toMatchObject({ personal: { email: "alguem@exemplo.com" }, ip: "198.51.100.7" });
        expect((await h.api<{ ok: boolean }>("GET", "/api/v1/audit-events/verify")).body.ok).toBe(true);
        // Meta redelivers the first message (same wamid): deduplicated through the blind index; a new one joins the conversation.
        const newSim = after.sandbox?.sim;
        if (!newSim) throw new Error("no sandbox");
        newSim.deliverRaw({
          payload: {
            object: "whatsapp_business_account",
            entry: [
              {
                id: newSim.wabaId,
                changes: [
                  {
                    field: "messages",
                    value: {
                      messaging_product: "whatsapp",
                      metadata: { display_phone_number: "5511955550000", phone_number_id: newSim.phoneNumberId },
                      contacts: [{ profile: { name: "Rosa Antes" }, wa_id: customer }],
                      messages: [
                        {
                          from: customer,
                          id: first.wamid,
                          timestamp: String(Math.floor(Date.now() / 1000)),
                          type: "text",
                          text: { body: "duplicada" },
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        });
        newSim.sendAsCustomer({ from: customer, name: "Rosa Antes", type: "text", text: "depois da rotação" });
        const final = await eventually(
          async () => {
            const all = await messagesNow();
            const pending = await h.rows<{ n: number }>(sql`select count(*)::int as n from webhook_events where status <> 'processed'`);
            return all.some((m) => m.text === "depois da rotação") && pending[0]?.n === 0 && all;
          },
          "the new message, with every webhook processed",
          LONG,
        );
        expect(final.filter((m) => m.text === "duplicada")).toEqual([]);
        expect(final.filter((m) => m.waMessageId === first.wamid)).toHaveLength(1);
      } finally {
        await h.close();
      }
    },
  );
});

describe.each(DATABASE_KINDS)("master-key rotation through the environment (%s)", (kind) => {
  it.skipIf(!isAvailable(kind))(
    "with the new key in PAPO_MASTER_KEY and the old in PAPO_PREVIOUS_MASTER_KEYS, the job re-encrypts at start and reports the old key safe to remove; keys:rotate refuses",
    { timeout: 300_000 },
    async () => {
      const h = await harness(kind);
      const oldKey = randomBytes(32).toString("hex");
      const newKey = randomBytes(32).toString("hex");
      const [idOld, idNew] = [keyId(Buffer.from(oldKey, "hex")), keyId(Buffer.from(newKey, "hex"))];
      try {
        await h.start({ PAPO_MASTER_KEY: oldKey });
        const crm = await h.api<{ id: string }>("POST", "/api/v1/contacts", { name: "Bento Env", phone: "+55 31 97777-6666" });
        expect(crm.status).toBe(201);
        await h.stop();

        const papo = await h.start({ PAPO_MASTER_KEY: newKey, PAPO_PREVIOUS_MASTER_KEYS: oldKey });
        const status = await eventually(
          async () => {
            const { body } = await h.api<EncryptionStatus>("GET", "/api/v1/security/encryption");
            return body.lastFinishedRotation?.retiredKeyIds.includes(idOld) && body;
          },
          "the rotation to finish",
          LONG,
        );
        expect(status).toMatchObject({
          provider: "environment",
          onlineRotation: false,
          currentKeyId: idNew,
          rotation: null,
          unknownKeyIds: [],
          lastFinishedRotation: { fromKeyIds: [idOld], toKeyId: idNew, status: "finished" },
        });
        expect(status.keys).toEqual([
          { id: idNew, current: true, ciphertexts: expect.any(Number), safeToRemove: false },
          { id: idOld, current: false, ciphertexts: 0, safeToRemove: true },
        ]);
        expect(await ciphertextsUnder(papo, idOld)).toEqual({});
        const audit = (await h.api<Page<{ action: string; details: Record<string, unknown> }>>("GET", "/api/v1/audit-events?action=key."))
          .body.data;
        expect(audit.find((e) => e.action === "key.retired")?.details).toMatchObject({
          provider: "environment",
          removed: false,
          safeToRemove: true,
        });
        expect(audit.filter((e) => e.action === "key.rotated")).toHaveLength(1);

        // keys:rotate cannot change the environment: it refuses, saying what to do instead (as a function and as the CLI).
        await expect(rotateMasterKey(h.configOf({ PAPO_MASTER_KEY: newKey }))).rejects.toThrow(RotationRefused);
        const cli = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
          execFile(
            process.execPath,
            ["--import", TSX_LOADER, CLI],
            { cwd: h.dataDir, env: { PATH: process.env.PATH ?? "", DATA_DIR: h.dataDir, PAPO_MASTER_KEY: newKey }, timeout: 60_000 },
            (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr }),
          );
        });
        expect(cli.code).toBe(2);
        expect(cli.stderr).toContain("PAPO_PREVIOUS_MASTER_KEYS");
        await h.stop();

        // Restarted before the operator removed the old key: it is not audited again.
        const later = await h.start({ PAPO_MASTER_KEY: newKey, PAPO_PREVIOUS_MASTER_KEYS: oldKey });
        await eventually(() => later.deps.keys.lastScan !== null, "the job's scan", LONG);
        await later.keyRotation?.idle();
        const again = (await h.api<Page<{ action: string }>>("GET", "/api/v1/audit-events?action=key.")).body.data;
        expect(again.map((e) => e.action).sort()).toEqual(["key.retired", "key.rotated"]);
        await h.stop();

        // A restart without the old key (as the status said): the data reads, the contact is still found by phone.
        await h.start({ PAPO_MASTER_KEY: newKey });
        const found = (await h.api<Page<{ id: string; name: string }>>("GET", "/api/v1/contacts?phone=%2B5531977776666")).body.data;
        expect(found).toEqual([expect.objectContaining({ id: crm.body.id, name: "Bento Env" })]);
      } finally {
        await h.close();
      }
    },
  );
});
