import { execFile } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { serializeLikeMeta } from "@papo/whatsapp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";

/*
 * The plaintext scan of issue 3 ("Data and encryption at rest"): personal data goes in through the simulator and the
 * API, Papo is stopped, and every byte Papo left behind (PGlite's files and the media folder, or a pg_dump of the
 * suite's PostgreSQL database) is searched for it. Values that are plaintext by design (a contact's external CRM id
 * and its tags) are stored next to it as a control: the same scanner must find them, or the scan proves nothing.
 */

const execFileAsync = promisify(execFile);
const token = () => randomBytes(6).toString("hex");
const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(0, 10))).join("");

type Page<T> = { data: T[]; nextCursor: string | null };
type Conversation = { id: string; contact: { name: string | null; waId: string | null } | null };
type Message = {
  id: string;
  direction: string;
  type: string;
  status: string;
  text: string | null;
  waMessageId: string | null;
  media?: { id: string; status: string; filename: string | null };
};
type Contact = { id: string; name: string | null; phone: string | null; attributes: Record<string, unknown>; externalId: string | null };

interface Haystack {
  name: string;
  data: Buffer;
}
interface Needle {
  label: string;
  value: string;
}
interface Hit {
  label: string;
  form: string;
  where: string;
}

/**
 * The byte strings a value may take once stored: UTF-8 as given, lower-cased (the scan is byte-exact), decomposed
 * (NFD), and escaped as Meta escapes it on the wire (`\u00e9`, `\/`), which is how a raw webhook body would hold it.
 */
function formsOf(value: string): string[] {
  const forms = [
    value,
    value.toLowerCase(),
    value.normalize("NFD"),
    serializeLikeMeta(value).slice(1, -1),
    JSON.stringify(value).slice(1, -1),
  ];
  return [...new Set(forms)];
}

function scan(haystacks: Haystack[], needles: Needle[]): Hit[] {
  const hits: Hit[] = [];
  for (const needle of needles) {
    for (const form of formsOf(needle.value)) {
      const bytes = Buffer.from(form, "utf8");
      for (const haystack of haystacks) {
        if (haystack.data.includes(bytes)) hits.push({ label: needle.label, form, where: haystack.name });
      }
    }
  }
  return hits;
}

function filesUnder(root: string): Haystack[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: relative(root, path), data: readFileSync(path) };
    });
}

/** Every row of every table as text, read back through PGlite: catches values PostgreSQL compressed (TOAST) in its files. */
async function pgliteRows(dir: string): Promise<Haystack[]> {
  const client = await PGlite.create(dir);
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      `select table_schema as schema, table_name as name from information_schema.tables
       where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    const out: Haystack[] = [];
    for (const table of tables.rows) {
      const rows = await client.query<{ row: string }>(`select t::text as row from "${table.schema}"."${table.name}" t`);
      out.push({ name: `rows of ${table.schema}.${table.name}`, data: Buffer.from(rows.rows.map((r) => r.row).join("\n"), "utf8") });
    }
    return out;
  } finally {
    await client.close();
  }
}

async function pgDump(url: string): Promise<Haystack> {
  const file = join(tmpdir(), `papo-at-rest-${token()}.sql`);
  try {
    await execFileAsync("pg_dump", ["--no-owner", "--no-privileges", "--file", file, "--dbname", url]);
    return { name: "pg_dump", data: readFileSync(file) };
  } finally {
    rmSync(file, { force: true });
  }
}

describe.each(DATABASE_KINDS)("encryption at rest (%s)", (kind) => {
  let t: TestPapo;
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  it.skipIf(!isAvailable(kind))(
    "when messages, contacts and media are stored, no file Papo leaves behind holds their plaintext, while plaintext-by-design values are found",
    async () => {
      // Personal data, each value unique to this run so a hit can only come from what this test stored.
      const customer = { name: "Zéfiro Quintanilha-Brandão", waId: `55119${digits(8)}` };
      const crmContact = { name: "Iolanda Assunção Vasconcellos", national: `21 9${digits(4)}-${digits(4)}` };
      const crmPhoneDigits = `55${crmContact.national.replace(/\D/g, "")}`;
      const secret = {
        inboundText: `Olá! Meu pedido nº 4471 já saiu? Obrigado 🙏🏽 — ${token()}`,
        imageCaption: `Foto da nota fiscal ✅ açúcar ${token()}`,
        imageMarker: `PAPO-MARKER-INBOUND-IMAGE-${token()}`,
        replyText: `Saiu sim, Zéfiro! Chega amanhã às 14h 🚚 ${token()}`,
        documentMarker: `PAPO-MARKER-OUTBOUND-DOCUMENT-${token()}`,
        documentCaption: `Segue o contrato — cláusula 7ª ${token()}`,
        documentFilename: `contrato-confidencial-${token()}.pdf`,
        cpf: `${digits(3)}.${digits(3)}.${digits(3)}-${digits(2)}`,
        address: `Rua das Acácias, 42 — Niterói ${token()}`,
        auditEmail: `iolanda.${token()}@exemplo.com.br`,
        auditIp: `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`,
      };
      // Plaintext by design (the CRM's own id, tags): the control.
      const control = { externalId: `crm-ext-${token()}`, tag: `vip-${token()}` };

      // 1. A customer writes text, then sends an image whose bytes carry a marker.
      t.sim.sendAsCustomer({ from: customer.waId, name: customer.name, type: "text", text: secret.inboundText });
      const imageBytes = Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        Buffer.from(`JFIF ${secret.imageMarker} `, "utf8"),
        randomBytes(256),
        Buffer.from([0xff, 0xd9]),
      ]);
      t.sim.sendAsCustomer({
        from: customer.waId,
        name: customer.name,
        type: "image",
        image: { caption: secret.imageCaption, mimeType: "image/jpeg", data: imageBytes.toString("base64") },
      });
      const conversation = await eventually(async () => {
        const { body } = await t.api<Page<Conversation>>("GET", "/api/v1/conversations");
        return body.data.find((c) => c.contact?.waId === customer.waId);
      }, "the customer's conversation");
      expect(conversation.contact?.name).toBe(customer.name);
      const image = await eventually(async () => {
        const { body } = await t.api<Page<Message>>("GET", `/api/v1/conversations/${conversation.id}/messages`);
        return body.data.find((m) => m.type === "image" && m.media?.status === "stored");
      }, "the inbound image to be downloaded and stored");
      const download = await fetch(`${t.papo.url}/api/v1/media/${image.media?.id}`, { headers: { authorization: `Bearer ${t.token}` } });
      expect(Buffer.from(await download.arrayBuffer()).equals(imageBytes)).toBe(true);

      // 2. The agent answers with text and with a document uploaded through the API.
      const reply = await t.api<Message>("POST", `/api/v1/conversations/${conversation.id}/messages`, {
        type: "text",
        body: secret.replyText,
      });
      expect(reply.status).toBe(202);
      const documentBytes = Buffer.from(`%PDF-1.4\n% ${secret.documentMarker}\n%%EOF\n`, "utf8");
      const form = new FormData();
      form.append("file", new Blob([documentBytes], { type: "application/pdf" }), secret.documentFilename);
      const upload = await fetch(`${t.papo.url}/api/v1/media`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.token}` },
        body: form,
      });
      expect(upload.status).toBe(201);
      const uploaded = (await upload.json()) as { id: string; status: string };
      expect(uploaded.status).toBe("stored");
      const documentMessage = await t.api<Message>("POST", `/api/v1/conversations/${conversation.id}/messages`, {
        type: "document",
        mediaId: uploaded.id,
        caption: secret.documentCaption,
        filename: secret.documentFilename,
      });
      expect(documentMessage.status).toBe(202);

      // 3. A CRM creates a contact with personal data (encrypted) and its own id and tags (plaintext by design).
      const created = await t.api<Contact>("POST", "/api/v1/contacts", {
        name: crmContact.name,
        phone: `+55 ${crmContact.national}`,
        attributes: { cpf: secret.cpf, endereco: secret.address },
        externalId: control.externalId,
        tags: [control.tag],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: crmContact.name, externalId: control.externalId });

      // 3b. The audit log: the contact is viewed and updated (recorded by id and field names), and a record with a
      // personal part and a client address (as a failed login writes) is appended; its table is scanned with the rest.
      expect((await t.api("GET", `/api/v1/contacts/${created.body.id}`)).status).toBe(200);
      expect((await t.api("PATCH", `/api/v1/contacts/${created.body.id}`, { attributes: { cpf: secret.cpf } })).status).toBe(200);
      await t.papo.deps.audit.record({
        workspaceId: t.papo.bootstrap.workspaceId,
        actor: { type: "anonymous", id: null },
        action: "auth.login.failed",
        personal: { email: secret.auditEmail },
        ip: secret.auditIp,
      });
      const audited = await t.api<{ data: Array<{ action: string }> }>("GET", "/api/v1/audit-events?limit=200");
      expect(audited.body.data.map((e) => e.action)).toEqual(expect.arrayContaining(["contact.viewed", "contact.updated", "message.sent"]));

      // Everything processed: both answers reached the customer and came back read.
      for (const id of [reply.body.id, documentMessage.body.id]) {
        await eventually(async () => {
          const { body } = await t.api<Message>("GET", `/api/v1/messages/${id}`);
          return body.status === "read" && body;
        }, `message ${id} to be read`);
      }
      await t.sim.webhooksIdle();
      // Meta's wamids carry the customer's phone in base64: they must not be readable at rest either.
      const wamids = (await t.api<Page<Message>>("GET", `/api/v1/conversations/${conversation.id}/messages`)).body.data.flatMap((m) =>
        m.waMessageId ? [m.waMessageId] : [],
      );
      expect(wamids.length).toBeGreaterThanOrEqual(4);

      // 4. Stop Papo (PGlite writes its files out on close), then read everything it left behind.
      await t.stop();
      const haystacks = filesUnder(t.dataDir);
      const mediaFiles = haystacks.filter((h) => h.name.startsWith("media/"));
      expect(mediaFiles.length).toBeGreaterThanOrEqual(2);
      if (t.config.database.kind === "pglite") {
        expect(haystacks.filter((h) => h.name.startsWith("pglite/")).length).toBeGreaterThan(100);
        haystacks.push(...(await pgliteRows(t.config.database.dir)));
      } else {
        haystacks.push(await pgDump(t.config.database.url));
      }

      const needles: Needle[] = [
        { label: "customer name", value: customer.name },
        { label: "customer surname", value: "Quintanilha" },
        { label: "customer phone digits", value: customer.waId },
        { label: "customer phone without country code", value: customer.waId.slice(2) },
        { label: "CRM contact name", value: crmContact.name },
        { label: "CRM contact surname", value: "Vasconcellos" },
        { label: "CRM contact phone as typed", value: crmContact.national },
        { label: "CRM contact phone digits", value: crmPhoneDigits },
        { label: "CRM contact phone without country code", value: crmPhoneDigits.slice(2) },
        ...Object.entries(secret).map(([label, value]) => ({ label, value })),
        ...wamids.map((value, i) => ({ label: `wamid ${i}`, value: value.slice("wamid.".length) })),
      ];
      const leaks = scan(haystacks, needles);
      expect(leaks).toEqual([]);

      // The control: the same scanner over the same bytes finds what is stored in plaintext on purpose.
      const found = scan(haystacks, [
        { label: "externalId", value: control.externalId },
        { label: "tag", value: control.tag },
      ]);
      const where = (label: string) => found.filter((h) => h.label === label).map((h) => h.where);
      if (t.config.database.kind === "pglite") {
        // In PGlite's own files (heap or WAL), not only in the rows read back.
        expect(where("externalId").some((w) => w.startsWith("pglite/"))).toBe(true);
        expect(where("tag").some((w) => w.startsWith("pglite/"))).toBe(true);
      } else {
        expect(where("externalId")).toContain("pg_dump");
        expect(where("tag")).toContain("pg_dump");
      }
    },
  );
});
