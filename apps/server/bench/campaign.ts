import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pino from "pino";
import { parseConfig } from "../src/config.ts";
import { queryRows } from "../src/db/raw.ts";
import { campaignRecipients, campaigns } from "../src/db/schema/campaigns.ts";
import { contacts } from "../src/db/schema/contacts.ts";
import { messageTemplates } from "../src/db/schema/message-templates.ts";
import { createChannelsRepo } from "../src/modules/channels/repo.ts";
import { createContactsRepo } from "../src/modules/contacts/repo.ts";
import { type Papo, startPapo } from "../src/runtime.ts";
import { scratchPostgres } from "./scratch-postgres.ts";

/*
 * npm run bench:campaign [-- --recipients 2000 --rate 500]
 *
 * Starts a real Papo in this process (sandbox mode, workers on), on PGlite and then on PostgreSQL when
 * TEST_DATABASE_URL or DATABASE_URL is set (a scratch database is created and dropped). The sandbox simulator and the
 * channel allow 1,000 sends/s, so the campaign's own rate and Papo's pipeline are what is measured. N contacts and a
 * running campaign of a UTILITY template (no consent check: the pipeline, not the exclusions) are inserted directly, as
 * a launch leaves them; the figure is recipients per second from the moment the campaign is running to the last
 * message Meta accepted (every recipient queued by the campaign sender, paced by the send worker, answered by Meta).
 */

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const RECIPIENTS = arg("recipients", 2_000);
const RATE = arg("rate", 500);
const TIMEOUT_MS = arg("timeout-seconds", 600) * 1000;
const PG_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const TEMPLATE = "pedido_enviado";

interface Result {
  database: string;
  recipients: number;
  rate: number;
  queuedSeconds: number;
  acceptedSeconds: number;
  perSecond: number;
}

async function run(kind: "pglite" | "postgres"): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), "papo-bench-campaign-"));
  const scratch = kind === "postgres" && PG_URL ? await scratchPostgres(PG_URL, "papo_bench_campaign") : undefined;
  let papo: Papo | undefined;
  try {
    const config = parseConfig({
      PORT: "0",
      SANDBOX_SIM_PORT: "0",
      DATA_DIR: dataDir,
      PAPO_MASTER_KEY: randomBytes(32).toString("hex"),
      ADMIN_EMAIL: "bench@papo.test",
      ADMIN_PASSWORD: randomBytes(18).toString("base64url"),
      PAPO_SANDBOX: "1",
      LOG_LEVEL: "warn",
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    });
    papo = await startPapo(config, {
      log: pino({ level: process.env.BENCH_LOG ?? "silent" }),
      sandboxSim: { throughputPerSecond: 1_000, statusDelaysMs: { sent: 50, delivered: 100, read: null } },
    });
    const { db } = papo.deps.database;
    const { cipher } = papo.deps;
    const ws = papo.bootstrap.workspaceId;
    const channel = papo.sandbox?.channel;
    if (!channel || !papo.sandbox) throw new Error("no sandbox channel");
    await createChannelsRepo({ db, cipher }).update(ws, channel.id, { sendRatePerSecond: 1_000 });
    const seed = papo.sandbox.sim.templates().find((t) => t.name === TEMPLATE);
    if (!seed) throw new Error(`the simulator has no ${TEMPLATE}`);
    const templateId = randomUUID();
    await db.insert(messageTemplates).values({
      id: templateId,
      workspaceId: ws,
      channelId: channel.id,
      wabaId: channel.wabaId,
      metaId: seed.id,
      name: seed.name,
      language: seed.language,
      category: seed.category,
      status: "APPROVED",
      parameterFormat: seed.parameterFormat,
      components: seed.components as unknown[],
      syncedAt: new Date(),
    });

    const contactsRepo = createContactsRepo({ db, cipher });
    const campaignId = randomUUID();
    const recipients: (typeof campaignRecipients.$inferInsert)[] = [];
    for (let i = 0; i < RECIPIENTS; i++) {
      const waId = `55119${10_000_000 + i * 10 + 1}`;
      const contact = await contactsRepo.insert(ws, { name: `Cliente ${i}`, phone: `+${waId}`, waId });
      recipients.push({
        id: randomUUID(),
        workspaceId: ws,
        campaignId,
        contactId: contact.id,
        waIdBidx: cipher.blindIndex({ workspaceId: ws, purpose: "wa_id", value: waId }),
        rowNumber: i + 1,
        country: "BR",
      });
    }
    const place = (column: string) => ({ workspaceId: ws, table: "campaigns", column, rowId: campaignId });
    await db.insert(campaigns).values({
      id: campaignId,
      workspaceId: ws,
      channelId: channel.id,
      name: "Bench",
      status: "paused",
      pausedReason: "manual",
      templateId,
      templateName: seed.name,
      templateLanguage: seed.language,
      templateCategory: seed.category,
      mappingEnc: cipher.encryptJson(place("mapping_enc"), {
        "body.nome": { source: "contact", field: "first_name" },
        "body.pedido": { source: "fixed", value: "#4721" },
        "body.prazo": { source: "fixed", value: "sexta-feira" },
      }),
      audienceKind: "filter",
      audienceEnc: cipher.encryptJson(place("audience_enc"), { kind: "filter" }),
      ratePerSecond: RATE,
    });
    for (let i = 0; i < recipients.length; i += 500) await db.insert(campaignRecipients).values(recipients.slice(i, i + 500));
    const [count] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from ${contacts}`);
    console.log(`${kind}: ${count?.n} contacts, ${RECIPIENTS} recipients ready; launching at ${RATE}/s`);

    const started = Date.now();
    await db.update(campaigns).set({ status: "running", pausedReason: null, launchedAt: new Date() });
    papo.deps.kick.campaigns?.();
    let queuedAt: number | undefined;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [row] = await queryRows<{ pending: string | number; waiting: string | number }>(
        db,
        sql`select (select count(*) from campaign_recipients where campaign_id = ${campaignId} and status = 'pending') as pending,
                   (select count(*) from messages where campaign_id = ${campaignId} and (status in ('queued', 'sending') or wa_message_id_enc is null)) as waiting`,
      );
      if (queuedAt === undefined && Number(row?.pending) === 0) queuedAt = Date.now();
      if (queuedAt !== undefined && Number(row?.waiting) === 0) break;
      if (Date.now() - started > TIMEOUT_MS) throw new Error(`not done after ${TIMEOUT_MS / 1000} s: ${JSON.stringify(row)}`);
    }
    const [last] = await queryRows<{ at: string | Date }>(
      db,
      sql`select max(send_started_at) as at from messages where campaign_id = ${campaignId}`,
    );
    const acceptedMs = Math.max(1, (last?.at ? new Date(last.at).getTime() : Date.now()) - started);
    return {
      database: kind === "pglite" ? "PGlite" : "PostgreSQL",
      recipients: RECIPIENTS,
      rate: RATE,
      queuedSeconds: ((queuedAt ?? Date.now()) - started) / 1000,
      acceptedSeconds: acceptedMs / 1000,
      perSecond: Math.round((RECIPIENTS / acceptedMs) * 1000),
    };
  } finally {
    await papo?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Result[] = [await run("pglite")];
if (PG_URL) results.push(await run("postgres"));
else console.log("PostgreSQL skipped: set TEST_DATABASE_URL or DATABASE_URL");
console.log("\n| database | recipients | campaign rate/s | all queued (s) | last accepted (s) | recipients/s |");
console.log("|---|---|---|---|---|---|");
for (const r of results)
  console.log(
    `| ${r.database} | ${r.recipients} | ${r.rate} | ${r.queuedSeconds.toFixed(1)} | ${r.acceptedSeconds.toFixed(1)} | ${r.perSecond} |`,
  );
