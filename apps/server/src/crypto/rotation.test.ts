import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config.ts";
import { type Papo, startPapo } from "../runtime.ts";
import { createTestDatabase, DATABASE_KINDS, isAvailable } from "../testing/databases.test-utils.ts";
import { ADMIN, eventually } from "../testing/papo.test-utils.ts";

type Page<T> = { data: T[]; nextCursor: string | null };
type Conversation = { id: string; contactId: string };

describe.each(DATABASE_KINDS)("master key rotation (%s)", (kind) => {
  it.skipIf(!isAvailable(kind))(
    "when the master key is rotated (old one kept as previous), old data still reads and a returning customer is still found",
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "papo-rotation-"));
      const database = await createTestDatabase(kind, dataDir);
      const oldKey = randomBytes(32).toString("hex");
      const newKey = randomBytes(32).toString("hex");
      const start = (env: Record<string, string>) => {
        const base = parseConfig({
          PORT: "0",
          SANDBOX_SIM_PORT: "0",
          DATA_DIR: dataDir,
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
          PAPO_SANDBOX: "1",
          ...(database.target.kind === "postgres" ? { DATABASE_URL: database.target.url } : {}),
          ...env,
        });
        const config = base.database.kind === "pglite" ? { ...base, database: database.target } : base;
        return startPapo(config, { log: pino({ level: "silent" }), sandboxSim: { statusDelaysMs: { sent: 10, delivered: 20, read: 30 } } });
      };
      const api = async <T>(papo: Papo, path: string): Promise<T> => {
        const login = await fetch(`${papo.url}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(ADMIN),
        });
        const { token } = (await login.json()) as { token: string };
        return (await (await fetch(`${papo.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
      };
      let papo: Papo | undefined;
      try {
        papo = await start({ PAPO_MASTER_KEY: oldKey });
        const before = papo;
        before.sandbox?.sim.sendAsCustomer({ from: "5511988880001", name: "Rosa", type: "text", text: "antes da rotação" });
        const first = await eventually(
          async () => (await api<Page<Conversation>>(before, "/api/v1/conversations")).data[0],
          "the first conversation",
        );
        await papo.close();

        papo = await start({ PAPO_MASTER_KEY: newKey, PAPO_PREVIOUS_MASTER_KEYS: oldKey });
        const after = papo;
        const found = await api<Page<{ id: string; name: string }>>(after, "/api/v1/contacts?phone=%2B5511988880001");
        expect(found.data).toEqual([expect.objectContaining({ id: first.contactId, name: "Rosa" })]);

        after.sandbox?.sim.sendAsCustomer({ from: "5511988880001", name: "Rosa", type: "text", text: "depois da rotação" });
        const texts = await eventually(async () => {
          const page = await api<Page<{ text: string | null }>>(after, `/api/v1/conversations/${first.id}/messages`);
          const all = page.data.map((m) => m.text);
          return all.includes("depois da rotação") && all;
        }, "the new message in the same conversation");
        expect(texts).toEqual(["depois da rotação", "antes da rotação"]);
        const contacts = await api<Page<unknown>>(after, "/api/v1/contacts");
        expect(contacts.data).toHaveLength(1);
      } finally {
        await papo?.close();
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
