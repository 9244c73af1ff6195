import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/raw.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

/*
 * The audit records of the auth module: logins (succeeded, refused), sessions ended, the user's own security changes
 * and administrators' changes to users — written by the insertions in modules/auth/*-routes.ts.
 */

type Page<T> = { data: T[]; nextCursor: string | null };
type AuditEvent = {
  seq: number;
  actor: { type: string; id: string | null };
  action: string;
  target: { type: string; id: string | null } | null;
  details: Record<string, unknown>;
  personal: Record<string, unknown> | null;
  ip: string | null;
};

describe.each(DATABASE_KINDS)("audit of sign-ins and users (%s)", (kind) => {
  let t: TestPapo;
  let adminId: string;
  const run = it.skipIf(!isAvailable(kind));

  const events = async (query: Record<string, string>) =>
    (await t.api<Page<AuditEvent>>("GET", `/api/v1/audit-events?${new URLSearchParams({ limit: "200", ...query })}`)).body.data;
  const post = async <T>(path: string, body: unknown, token?: string) => {
    const response = await fetch(`${t.papo.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const login = (email: string, password: string) =>
    post<{ token: string; user: { id: string } }>("/api/v1/auth/login", { email, password, tokenDelivery: "body" });

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    adminId = (await t.api<{ id: string }>("GET", "/api/v1/auth/me")).body.id;
  });
  afterAll(async () => t?.close());

  run("a login is recorded with the user, the session and the address; the harness's own login is there too", async () => {
    const before = (await events({ action: "auth.login.succeeded", actor: adminId })).length;
    expect(before).toBeGreaterThanOrEqual(1);
    const signedIn = await login(ADMIN.email, ADMIN.password);
    expect(signedIn.status).toBe(200);
    const [latest] = await events({ action: "auth.login.succeeded", actor: adminId });
    expect(latest).toMatchObject({
      actor: { type: "user", id: adminId },
      target: { type: "user", id: adminId },
      details: { secondFactor: "none", sessionId: expect.any(String) },
      ip: "127.0.0.1",
    });
    expect((await events({ action: "auth.login.succeeded", actor: adminId })).length).toBe(before + 1);
  });

  run("a refused login of a known e-mail is recorded against that user, anonymously; an unknown e-mail is not recorded", async () => {
    expect((await login(`ninguem.${randomBytes(3).toString("hex")}@papo.test`, "qualquer-coisa-errada")).status).toBe(401);
    expect((await login(ADMIN.email, "senha-errada-de-proposito")).status).toBe(401);
    const failed = await eventually(async () => {
      const found = await events({ action: "auth.login.failed" });
      return found.length > 0 && found;
    }, "the refused login's record");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ actor: { type: "anonymous", id: null }, target: { type: "user", id: adminId }, ip: "127.0.0.1" });
  });

  run("logging out ends the session and records it", async () => {
    const signedIn = await login(ADMIN.email, ADMIN.password);
    const loggedOut = await post("/api/v1/auth/logout", {}, signedIn.body.token);
    expect(loggedOut.status).toBe(204);
    const [revoked] = await events({ action: "session.revoked" });
    const [login_] = await events({ action: "auth.login.succeeded", actor: adminId });
    expect(revoked).toMatchObject({
      actor: { type: "user", id: adminId },
      target: { type: "session", id: login_?.details.sessionId },
      details: { reason: "logout" },
    });
  });

  run("creating and changing a user records role, activity and permissions in clear, name and e-mail encrypted", async () => {
    const email = `carla.${randomBytes(3).toString("hex")}@papo.test`;
    const created = await t.api<{ id: string }>("POST", "/api/v1/users", {
      name: "Carla Nunes",
      email,
      role: "agent",
      password: `uma-senha-longa-${randomBytes(4).toString("hex")}`,
    });
    expect(created.status).toBe(201);
    const changed = await t.api("PATCH", `/api/v1/users/${created.body.id}`, {
      name: "Carla N. Prado",
      role: "supervisor",
      permissions: ["audit.view"],
    });
    expect(changed.status).toBe(200);
    expect((await t.api("PATCH", `/api/v1/users/${created.body.id}`, { active: false })).status).toBe(200);

    const records = await events({ targetType: "user", targetId: created.body.id });
    expect(records.map((r) => [r.action, r.details, r.personal])).toEqual([
      ["user.updated", { fields: ["active"], active: { from: true, to: false } }, null],
      [
        "user.updated",
        {
          fields: ["name", "permissions", "role"],
          role: { from: "agent", to: "supervisor" },
          permissions: { from: [], to: ["audit.view"] },
        },
        { name: { from: "Carla Nunes", to: "Carla N. Prado" } },
      ],
      ["user.created", { role: "agent", permissions: [] }, { name: "Carla Nunes", email }],
    ]);
    expect(records.every((r) => r.actor.id === adminId)).toBe(true);

    const stored = (await queryRows<{ row: string }>(t.papo.deps.database.db, sql`select t::text as row from audit_events t`))
      .map((r) => r.row)
      .join("\n");
    expect(stored).not.toContain(email);
    expect(stored).not.toContain("Carla");
    expect((await t.api<{ ok: boolean }>("GET", "/api/v1/audit-events/verify")).body.ok).toBe(true);
  });
});
