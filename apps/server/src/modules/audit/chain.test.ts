import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../clock.ts";
import { createFieldCipher, type FieldCipher } from "../../crypto/field-cipher.ts";
import { loadMasterKeys } from "../../crypto/master-key.ts";
import { type Database, openDatabase } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { createTestDatabase, DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import type { AuditAction } from "./actions.ts";
import { canonicalRecord, GENESIS_HASH } from "./chain.ts";
import { type AuditTrail, createAuditTrail } from "./trail.ts";

/*
 * The chain itself, on the database directly: appends, then the edits, deletions and reorderings an attacker with
 * write access to the database could make, each detected at the right record.
 */

const ACTIONS: AuditAction[] = ["contact.viewed", "message.sent", "conversation.assigned", "settings.changed", "auth.login.succeeded"];

describe.each(DATABASE_KINDS)("audit chain (%s)", (kind) => {
  let dataDir: string;
  let dropDatabase: () => Promise<void>;
  let database: Database;
  let cipher: FieldCipher;
  let trail: AuditTrail;
  const run = it.skipIf(!isAvailable(kind));

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    dataDir = mkdtempSync(join(tmpdir(), "papo-audit-"));
    const target = await createTestDatabase(kind, dataDir);
    dropDatabase = target.drop;
    database = await openDatabase(target.target);
    cipher = createFieldCipher(loadMasterKeys({ configured: randomBytes(32), dataDir }), { indexKey: randomBytes(32) });
    trail = createAuditTrail({ db: database.db, cipher, clock: { now: () => new Date() } });
  });
  afterAll(async () => {
    await database?.close();
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const newWorkspace = async () => {
    const id = randomUUID();
    await database.db.insert(workspaces).values({ id, name: `ws ${id.slice(0, 8)}` });
    return id;
  };
  /** `n` records of mixed kinds: some with a personal part and an address, some without. */
  const fill = async (workspaceId: string, n: number) => {
    for (let i = 1; i <= n; i++) {
      await trail.record({
        workspaceId,
        actor: i % 4 === 0 ? { type: "system", id: "webhook" } : { type: "user", id: randomUUID() },
        action: ACTIONS[i % ACTIONS.length] as AuditAction,
        target: { type: "contact", id: randomUUID() },
        details: { n: i, fields: ["name", "tags"], nested: { b: 2, a: [1, "x", null] } },
        ...(i % 3 === 0 ? { personal: { email: `pessoa${i}@exemplo.com.br` }, ip: `10.0.0.${i % 250}` } : {}),
      });
    }
  };
  const exec = (query: ReturnType<typeof sql>) => database.db.execute(query);

  run("after many records of every kind the chain verifies, numbered from 1 without gaps, each linked to the previous", async () => {
    const ws = await newWorkspace();
    await fill(ws, 120);
    expect(await trail.verify(ws)).toMatchObject({ ok: true, checked: 120, lastSeq: 120 });
    const rows = await queryRows<{ seq: string | number; prev_hash: string; hash: string }>(
      database.db,
      sql`select seq, prev_hash, hash from audit_events where workspace_id = ${ws} order by seq`,
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(120);
    expect((await trail.verify(ws)).lastHash).toBe(rows.at(-1)?.hash);
  });

  run("an empty log verifies, with nothing checked", async () => {
    expect(await trail.verify(await newWorkspace())).toEqual({ ok: true, checked: 0, lastSeq: 0, lastHash: GENESIS_HASH });
  });

  run("editing a record's details with raw SQL is detected at that record", async () => {
    const ws = await newWorkspace();
    await fill(ws, 12);
    await exec(sql`update audit_events set details = '{"n": 7, "fields": ["name"]}'::jsonb where workspace_id = ${ws} and seq = 7`);
    expect(await trail.verify(ws)).toMatchObject({ ok: false, checked: 6, lastSeq: 6, firstBroken: { seq: 7, reason: "hash_mismatch" } });
  });

  run("editing a record's action, actor or time is detected at that record", async () => {
    for (const [edit, seq] of [
      [(ws: string) => exec(sql`update audit_events set action = 'contact.updated' where workspace_id = ${ws} and seq = 4`), 4],
      [(ws: string) => exec(sql`update audit_events set actor_id = ${randomUUID()} where workspace_id = ${ws} and seq = 9`), 9],
      [(ws: string) => exec(sql`update audit_events set at = at - interval '1 hour' where workspace_id = ${ws} and seq = 1`), 1],
    ] as const) {
      const ws = await newWorkspace();
      await fill(ws, 10);
      await edit(ws);
      expect(await trail.verify(ws)).toMatchObject({ ok: false, firstBroken: { seq, reason: "hash_mismatch" } });
    }
  });

  run("an edit whose hash is recomputed without the key (plain SHA-256) is still detected", async () => {
    const ws = await newWorkspace();
    await fill(ws, 5);
    const [row] = await queryRows<{ id: string; seq: number; at: Date | string; actor_id: string; target_id: string; prev_hash: string }>(
      database.db,
      sql`select id, seq, at, actor_id, target_id, prev_hash from audit_events where workspace_id = ${ws} and seq = 5`,
    );
    if (!row) throw new Error("no record 5");
    const forged = createHash("sha256")
      .update(
        canonicalRecord({
          id: row.id,
          workspaceId: ws,
          seq: 5,
          at: new Date(row.at),
          actorType: "user",
          actorId: row.actor_id,
          action: "auth.login.succeeded",
          targetType: "contact",
          targetId: row.target_id,
          details: {},
          personal: null,
          ip: null,
          prevHash: row.prev_hash,
        }),
      )
      .digest("hex");
    await exec(sql`update audit_events set action = 'auth.login.succeeded', details = '{}'::jsonb, hash = ${forged} where id = ${row.id}`);
    expect(await trail.verify(ws)).toMatchObject({ ok: false, firstBroken: { seq: 5, reason: "hash_mismatch" } });
  });

  run("editing the encrypted part is detected at that record", async () => {
    const ws = await newWorkspace();
    await fill(ws, 6);
    // Record 6 has a personal part; replace it with record 3's ciphertext (bound to record 3's place: will not decrypt).
    await exec(
      sql`update audit_events set details_enc = (select details_enc from audit_events where workspace_id = ${ws} and seq = 3) where workspace_id = ${ws} and seq = 6`,
    );
    expect(await trail.verify(ws)).toMatchObject({ ok: false, checked: 5, firstBroken: { seq: 6, reason: "unreadable" } });
  });

  run("deleting a record is detected at the missing number", async () => {
    const ws = await newWorkspace();
    await fill(ws, 10);
    await exec(sql`delete from audit_events where workspace_id = ${ws} and seq = 6`);
    expect(await trail.verify(ws)).toMatchObject({ ok: false, checked: 5, lastSeq: 5, firstBroken: { seq: 6, reason: "missing" } });

    const first = await newWorkspace();
    await fill(first, 3);
    await exec(sql`delete from audit_events where workspace_id = ${first} and seq = 1`);
    expect(await trail.verify(first)).toMatchObject({ ok: false, checked: 0, firstBroken: { seq: 1, reason: "missing" } });
  });

  run("deleting a record and renumbering the rest to hide the gap is detected where the record was", async () => {
    const ws = await newWorkspace();
    await fill(ws, 10);
    await exec(sql`delete from audit_events where workspace_id = ${ws} and seq = 4`);
    // Shift down one at a time, in order (the unique (workspace, seq) index forbids a transient duplicate).
    for (let seq = 5; seq <= 10; seq++)
      await exec(sql`update audit_events set seq = ${seq - 1} where workspace_id = ${ws} and seq = ${seq}`);
    expect(await trail.verify(ws)).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, reason: "prev_hash_mismatch" } });
  });

  run("swapping two records' places is detected at the first of them", async () => {
    const ws = await newWorkspace();
    await fill(ws, 8);
    await exec(sql`update audit_events set seq = -1 where workspace_id = ${ws} and seq = 3`);
    await exec(sql`update audit_events set seq = 3 where workspace_id = ${ws} and seq = 4`);
    await exec(sql`update audit_events set seq = 4 where workspace_id = ${ws} and seq = -1`);
    expect(await trail.verify(ws)).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: "prev_hash_mismatch" } });
  });

  run("a record slipped in with seq 0 is not skipped", async () => {
    const ws = await newWorkspace();
    await fill(ws, 3);
    await exec(sql`update audit_events set seq = 0 where workspace_id = ${ws} and seq = 1`);
    expect(await trail.verify(ws)).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: "missing" } });
  });

  run("tampering with one workspace's log leaves another's chain intact", async () => {
    const [a, b] = [await newWorkspace(), await newWorkspace()];
    await fill(a, 4);
    await fill(b, 4);
    await exec(sql`update audit_events set details = '{}'::jsonb where workspace_id = ${a} and seq = 2`);
    expect((await trail.verify(a)).ok).toBe(false);
    expect(await trail.verify(b)).toMatchObject({ ok: true, checked: 4 });
  });

  run("concurrent appends, alone or inside callers' transactions, keep one chain per workspace: no fork, no gap, no failure", async () => {
    const [a, b] = [await newWorkspace(), await newWorkspace()];
    const appendTo = (workspaceId: string, i: number) =>
      i % 3 === 0
        ? database.db.transaction(async (tx) => {
            await trail.record({ workspaceId, actor: { type: "system", id: "test" }, action: "message.sent", details: { i } }, { tx });
            // The caller's transaction goes on after the append: the append lock is held until it commits.
            await new Promise((resolve) => setTimeout(resolve, 2));
          })
        : trail.record({
            workspaceId,
            actor: { type: "user", id: randomUUID() },
            action: "contact.viewed",
            details: { i },
            ip: "192.0.2.1",
          });
    const results = await Promise.allSettled([
      ...Array.from({ length: 60 }, (_, i) => appendTo(a, i)),
      ...Array.from({ length: 30 }, (_, i) => appendTo(b, i)),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await trail.verify(a)).toMatchObject({ ok: true, checked: 60 });
    expect(await trail.verify(b)).toMatchObject({ ok: true, checked: 30 });
    const numbers = await queryRows<{ seq: string | number }>(
      database.db,
      sql`select seq from audit_events where workspace_id = ${a} order by seq`,
    );
    expect(numbers.map((r) => Number(r.seq))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  run("an append rolled back with its caller's transaction leaves no number behind", async () => {
    const ws = await newWorkspace();
    await fill(ws, 2);
    await expect(
      database.db.transaction(async (tx) => {
        await trail.record({ workspaceId: ws, actor: { type: "system", id: "test" }, action: "contact.erased" }, { tx });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const next = await trail.record({ workspaceId: ws, actor: { type: "system", id: "test" }, action: "settings.changed" });
    expect(next.seq).toBe(3);
    expect(await trail.verify(ws)).toMatchObject({ ok: true, checked: 3 });
  });

  run("the personal part and the address are stored encrypted, and read back decrypted", async () => {
    const ws = await newWorkspace();
    const email = `marta.${randomBytes(4).toString("hex")}@exemplo.com.br`;
    const ip = "203.0.113.77";
    const record = await trail.record({
      workspaceId: ws,
      actor: { type: "anonymous", id: null },
      action: "auth.login.failed",
      personal: { email },
      ip,
    });
    expect(record).toMatchObject({ personal: { email }, ip, details: {} });
    const [row] = await queryRows<{ row: string }>(database.db, sql`select t::text as row from audit_events t where id = ${record.id}`);
    expect(row?.row).toBeDefined();
    expect(row?.row).not.toContain(email);
    expect(row?.row).not.toContain("marta");
    expect(row?.row).not.toContain(ip);
    const [listed] = await trail.list(ws, {}, { limit: 1 });
    expect(listed).toMatchObject({ seq: 1, personal: { email }, ip, actor: { type: "anonymous", id: null } });
  });

  run("a contact view is recorded once per user and contact within the window, and again after it", async () => {
    const ws = await newWorkspace();
    let now = new Date("2026-03-01T12:00:00.000Z");
    const clock: Clock = { now: () => now };
    const viewing = createAuditTrail({ db: database.db, cipher, clock, viewWindowMs: 5 * 60_000 });
    const ana = { workspaceId: ws, actor: { type: "user" as const, userId: randomUUID(), role: "agent" as const } };
    const bruno = { workspaceId: ws, actor: { type: "user" as const, userId: randomUUID(), role: "agent" as const } };
    const contact = randomUUID();
    const view = (ctx: typeof ana, contactId = contact) => viewing.recordContactView({ ctx, contactId, via: { route: "contact" } });

    expect(await Promise.all([view(ana), view(ana)])).toEqual([true, false]);
    now = new Date(now.getTime() + 4 * 60_000);
    expect(await view(ana)).toBe(false);
    expect(await view(bruno)).toBe(true);
    expect(await view(ana, randomUUID())).toBe(true);
    now = new Date(now.getTime() + 60_000);
    expect(await view(ana)).toBe(true);

    const views = await viewing.list(ws, { action: "contact.viewed", targetId: contact }, { limit: 10 });
    expect(views.map((v) => v.actor.id)).toEqual([ana.actor.userId, bruno.actor.userId, ana.actor.userId]);
  });

  run("list filters by action prefix, actor, target and time, newest first, a page at a time", async () => {
    const ws = await newWorkspace();
    let now = new Date("2026-02-01T10:00:00.000Z");
    const timed = createAuditTrail({ db: database.db, cipher, clock: { now: () => now } });
    const user = randomUUID();
    const contact = randomUUID();
    const add = async (action: AuditAction, actorId: string, targetId: string) => {
      now = new Date(now.getTime() + 60_000);
      return timed.record({ workspaceId: ws, actor: { type: "user", id: actorId }, action, target: { type: "contact", id: targetId } });
    };
    await add("auth.login.succeeded", user, user); // 10:01
    await add("contact.viewed", user, contact); // 10:02
    await add("contact.updated", randomUUID(), contact); // 10:03
    await add("auth.login.failed", randomUUID(), randomUUID()); // 10:04
    await add("contact.viewed", user, randomUUID()); // 10:05
    const seqs = async (filters: Parameters<AuditTrail["list"]>[1], page: { limit: number; beforeSeq?: number } = { limit: 50 }) =>
      (await timed.list(ws, filters, page)).map((r) => r.seq);

    expect(await seqs({})).toEqual([5, 4, 3, 2, 1]);
    expect(await seqs({ action: "auth." })).toEqual([4, 1]);
    expect(await seqs({ action: "contact.viewed" })).toEqual([5, 2]);
    expect(await seqs({ action: "contact.view" })).toEqual([5, 2]);
    expect(await seqs({ action: "auth.%" })).toEqual([]);
    expect(await seqs({ actor: user })).toEqual([5, 2, 1]);
    expect(await seqs({ targetType: "contact", targetId: contact })).toEqual([3, 2]);
    expect(await seqs({ from: new Date("2026-02-01T10:02:00.000Z"), to: new Date("2026-02-01T10:04:00.000Z") })).toEqual([4, 3, 2]);
    expect(await seqs({}, { limit: 2 })).toEqual([5, 4]);
    expect(await seqs({}, { limit: 2, beforeSeq: 4 })).toEqual([3, 2]);
  });
});
