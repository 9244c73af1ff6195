import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema/sessions.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { type CallOptions, call, createTestClock, type ErrorBody, type Grant } from "./auth.test-utils.ts";
import { sessionFor } from "./sessions.test-utils.ts";
import { hashRefreshToken } from "./sessions-service.ts";
import { createTokenService } from "./tokens.ts";

type Session = {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
};
type Page<T> = { data: T[]; nextCursor: string | null };

const PASSWORD = "uma-senha-bem-forte";
const MINUTE = 60_000;

describe.each(DATABASE_KINDS)("sessions, refresh tokens and token forgery (%s)", (kind) => {
  let t: TestPapo;
  const clock = createTestClock();
  const run = it.skipIf(!isAvailable(kind));
  let userEmail: string;
  let userId: string;
  let admin: { userId: string; workspaceId: string };
  // The harness's admin token expires when a test moves the clock: each admin call gets a fresh session.
  const asAdmin = async <T>(method: string, path: string, body?: unknown) =>
    call<T>(t, method, path, { token: (await sessionFor(t.papo.deps, admin)).token, ...(body === undefined ? {} : { body }) });
  // Each test logs in from its own address, so neither the per-minute login limit nor the address counter carries over.
  let address = 0;
  const nextIp = () => `198.51.100.${++address}`;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind, env: { TRUST_PROXY: "1" }, start: { clock }, overrides: { liveHeartbeatMs: 100 } });
    const me = await t.api<{ id: string; workspaceId: string }>("GET", "/api/v1/auth/me");
    admin = { userId: me.body.id, workspaceId: me.body.workspaceId };
    userEmail = `sofia-${randomUUID().slice(0, 8)}@papo.test`;
    const created = await t.api<{ id: string }>("POST", "/api/v1/users", {
      name: "Sofia Ramos",
      email: userEmail,
      role: "agent",
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    userId = created.body.id;
  });
  afterAll(async () => t?.close());

  const login = (options: CallOptions & { delivery?: "body" | "cookie"; email?: string; password?: string } = {}) =>
    call<Grant>(t, "POST", "/api/v1/auth/login", {
      ip: options.ip ?? nextIp(),
      ...options,
      body: {
        email: options.email ?? userEmail,
        password: options.password ?? PASSWORD,
        ...(options.delivery ? { tokenDelivery: options.delivery } : {}),
      },
    });
  const refreshWithBody = (refreshToken: string) => call<Grant & ErrorBody>(t, "POST", "/api/v1/auth/refresh", { body: { refreshToken } });
  const get = (token: string, path = "/api/v1/conversations") => call<ErrorBody>(t, "GET", path, { token });

  run(
    "when a user logs in, the refresh token comes in an httpOnly, SameSite=Strict cookie on /api/v1/auth and the body has a 15-minute access token",
    async () => {
      const response = await login();
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ token: expect.any(String), expiresIn: 900, user: expect.objectContaining({ email: userEmail }) });
      const cookie = response.cookies.papo_refresh;
      expect(cookie?.value).toMatch(/^[\w-]{43}$/);
      expect(cookie?.attributes).toEqual(expect.arrayContaining(["Path=/api/v1/auth", "HttpOnly", "SameSite=Strict"]));
      // Over plain http a Secure cookie would never come back.
      expect(cookie?.attributes).not.toContain("Secure");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect((await get(response.body.token)).status).toBe(200);
    },
  );

  run("when the request came over HTTPS through the trusted proxy, the refresh cookie is Secure", async () => {
    const response = await login({ headers: { "x-forwarded-proto": "https" } });
    expect(response.cookies.papo_refresh?.attributes).toContain("Secure");
  });

  run("when an API client asks for tokenDelivery body, the refresh token is in the body and no cookie is set", async () => {
    const response = await login({ delivery: "body" });
    expect(response.body.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(response.body.refreshExpiresIn).toBe(30 * 24 * 3600);
    expect(response.cookies).toEqual({});
  });

  run(
    "when a refresh token is used, it is replaced; presenting the old one again revokes the whole session and its access tokens",
    async () => {
      const first = await login({ delivery: "body" });
      const r1 = first.body.refreshToken ?? "";
      const second = await refreshWithBody(r1);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(r1);
      expect(second.body.user.email).toBe(userEmail);
      // Both access tokens belong to the same live session.
      expect((await get(first.body.token)).status).toBe(200);
      expect((await get(second.body.token)).status).toBe(200);

      const reused = await refreshWithBody(r1);
      expect(reused.status).toBe(401);
      expect(reused.body.error.code).toBe("auth.invalid_refresh_token");
      for (const token of [first.body.token, second.body.token]) {
        const refused = await get(token);
        expect(refused.status).toBe(401);
        expect(refused.body.error.code).toBe("auth.invalid_token");
      }
      // The thief's fresh token is dead too.
      expect((await refreshWithBody(second.body.refreshToken ?? "")).status).toBe(401);
      const rows = await t.papo.deps.database.db
        .select()
        .from(sessions)
        .where(eq(sessions.refreshTokenHash, hashRefreshToken(r1)));
      expect(rows[0]?.revokedReason).toBe("reuse_detected");
      const audit = await eventually(async () => {
        const events = await t.api<{ data: Array<{ action: string; target: { type: string; id: string } }> }>(
          "GET",
          "/api/v1/audit-events?action=auth.refresh_reuse_detected",
        );
        expect(events.body.data).toHaveLength(1);
        return events.body.data;
      }, "the reuse in the audit log");
      expect(audit[0]?.target).toMatchObject({ type: "session", id: rows[0]?.familyId });
    },
  );

  run("when the console refreshes with its cookie, a new cookie replaces it; the old cookie is then refused and cleared", async () => {
    const first = await login();
    const c1 = first.cookies.papo_refresh?.value ?? "";
    const refreshed = await call<Grant>(t, "POST", "/api/v1/auth/refresh", { body: {}, refreshCookie: c1 });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    const c2 = refreshed.cookies.papo_refresh?.value ?? "";
    expect(c2).toMatch(/^[\w-]{43}$/);
    expect(c2).not.toBe(c1);

    const again = await call<ErrorBody>(t, "POST", "/api/v1/auth/refresh", { body: {}, refreshCookie: c1 });
    expect(again.status).toBe(401);
    expect(again.cookies.papo_refresh?.value).toBe("");
    const none = await call<ErrorBody>(t, "POST", "/api/v1/auth/refresh", { body: {} });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("auth.invalid_refresh_token");
  });

  run(
    "when a user logs out, that session ends (access and refresh tokens) and the others go on; log out everywhere ends them all",
    async () => {
      const a = await login({ delivery: "body" });
      const b = await login({ delivery: "body" });
      const out = await call(t, "POST", "/api/v1/auth/logout", { token: a.body.token, body: {} });
      expect(out.status).toBe(204);
      expect(out.cookies.papo_refresh?.value).toBe("");
      expect((await get(a.body.token)).status).toBe(401);
      expect((await refreshWithBody(a.body.refreshToken ?? "")).status).toBe(401);
      expect((await get(b.body.token)).status).toBe(200);

      const c = await login();
      // The console logs out with its cookie alone (its access token may have expired).
      expect((await call(t, "POST", "/api/v1/auth/logout", { body: {}, refreshCookie: c.cookies.papo_refresh?.value ?? "" })).status).toBe(
        204,
      );
      expect((await get(c.body.token)).status).toBe(401);
      const nothing = await call<ErrorBody>(t, "POST", "/api/v1/auth/logout", { body: {} });
      expect(nothing.status).toBe(401);
      expect(nothing.body.error.code).toBe("auth.missing_token");

      expect((await call(t, "POST", "/api/v1/auth/logout-all", { token: b.body.token })).status).toBe(204);
      expect((await get(b.body.token)).status).toBe(401);
      expect((await refreshWithBody(b.body.refreshToken ?? "")).status).toBe(401);
    },
  );

  run("when a user lists their sessions, each shows when it started, was last used and its browser; one can be ended by id", async () => {
    const here = await login({ userAgent: "Mozilla/5.0 (X11; Linux) Firefox/140.0" });
    const there = await login({ userAgent: "Mozilla/5.0 (iPhone) Safari/18", ip: "203.0.113.77" });
    const list = await call<Page<Session>>(t, "GET", "/api/v1/auth/sessions", { token: here.body.token });
    expect(list.status).toBe(200);
    const mine = list.body.data.find((s) => s.current);
    const other = list.body.data.find((s) => s.userAgent === "Mozilla/5.0 (iPhone) Safari/18");
    expect(mine).toMatchObject({ userAgent: "Mozilla/5.0 (X11; Linux) Firefox/140.0", current: true });
    expect(other).toMatchObject({ ip: "203.0.113.77", current: false, createdAt: expect.any(String), lastUsedAt: expect.any(String) });
    expect(list.body.data.filter((s) => s.current)).toHaveLength(1);

    // Ending the other one: its tokens stop working, this one goes on.
    expect((await call(t, "DELETE", `/api/v1/auth/sessions/${other?.id}`, { token: here.body.token })).status).toBe(204);
    expect((await get(there.body.token)).status).toBe(401);
    expect((await get(here.body.token)).status).toBe(200);
    const after = await call<Page<Session>>(t, "GET", "/api/v1/auth/sessions", { token: here.body.token });
    expect(after.body.data.some((s) => s.id === other?.id)).toBe(false);

    // Someone else's session id (the admin's) is not found, and the admin's session is untouched.
    const adminSession = await sessionFor(t.papo.deps, admin);
    const foreign = await call<ErrorBody>(t, "DELETE", `/api/v1/auth/sessions/${adminSession.sessionId}`, { token: here.body.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("sessions.not_found");
    expect((await get(adminSession.token)).status).toBe(200);
  });

  run("when sessions are stored, the user agent and the address are encrypted and the refresh token is only a hash", async () => {
    const response = await login({ userAgent: "Navegador-Secreto/9.9", ip: "203.0.113.201", delivery: "body" });
    const rows = await t.papo.deps.database.db.select().from(sessions).where(eq(sessions.userId, userId));
    const dump = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(dump).not.toContain("Navegador-Secreto");
    expect(dump).not.toContain("203.0.113.201");
    expect(dump).not.toContain(response.body.refreshToken);
    expect(dump).toContain(hashRefreshToken(response.body.refreshToken ?? ""));
  });

  run(
    "when tokens are forged — alg none, another key, no session, an expired one — they are refused; the refresh token still renews the session",
    async () => {
      const real = await login({ delivery: "body" });
      const [header, payload] = real.body.token.split(".");
      const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
      expect(claims).toMatchObject({ sub: userId, sid: expect.any(String), iss: "papo", aud: "papo-api" });
      expect(JSON.parse(Buffer.from(header ?? "", "base64url").toString())).toMatchObject({ alg: "HS256" });

      const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;
      const otherKey = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(randomBytes(32));
      const escalated = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: "admin" })).toString("base64url")}.${real.body.token.split(".")[2]}`;
      const sessionless = await createTokenService({ key: t.papo.deps.cipher.deriveKey("jwt"), clock }).sign({
        userId,
        workspaceId: String(claims.ws),
        role: "agent",
        sessionId: randomUUID(),
      });
      for (const forged of [none, otherKey, escalated, sessionless]) {
        const refused = await get(forged);
        expect(refused.status).toBe(401);
        expect(refused.body.error.code).toBe("auth.invalid_token");
      }

      clock.advance(16 * MINUTE);
      const expired = await get(real.body.token);
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe("auth.invalid_token");
      const renewed = await refreshWithBody(real.body.refreshToken ?? "");
      expect(renewed.status).toBe(200);
      expect((await get(renewed.body.token)).status).toBe(200);
    },
  );

  run("when a refresh token outlives REFRESH_TOKEN_TTL (30 days), it is refused", async () => {
    const response = await login({ delivery: "body" });
    clock.advance(31 * 24 * 60 * MINUTE);
    const refused = await refreshWithBody(response.body.refreshToken ?? "");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("auth.invalid_refresh_token");
  });

  run("when a user changes their password, the current one must be right, the new one strong; their other sessions end", async () => {
    const email = `troca-${randomUUID().slice(0, 8)}@papo.test`;
    expect((await asAdmin("POST", "/api/v1/users", { name: "Otávio Brandão", email, role: "agent", password: PASSWORD })).status).toBe(201);
    const here = await login({ email });
    const elsewhere = await login({ email });
    const change = (currentPassword: string, newPassword: string) =>
      call<ErrorBody>(t, "POST", "/api/v1/auth/password", { token: here.body.token, body: { currentPassword, newPassword } });

    const wrong = await change("nao-e-a-senha-atual", "outra-frase-bem-comprida");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: "auth.wrong_password", details: { field: "currentPassword" } });
    for (const [candidate, reason] of [
      ["curtinha", "too_short"],
      ["Password1234", "common"],
      ["1q2w3e4r5t6y7u8i", "common"],
      ["otavio-brandao-2024", "contains_personal_data"],
    ] as const) {
      const weak = await change(PASSWORD, candidate);
      expect(weak.status, candidate).toBe(400);
      expect(weak.body.error, candidate).toMatchObject({ code: "users.weak_password", details: { field: "newPassword", reason } });
      expect(weak.body.error.message).toMatch(/^newPassword: /);
    }
    expect((await get(elsewhere.body.token)).status).toBe(200);

    expect((await change(PASSWORD, "outra-frase-bem-comprida")).status).toBe(204);
    expect((await get(here.body.token)).status).toBe(200);
    expect((await get(elsewhere.body.token)).status).toBe(401);
    expect((await login({ email })).status).toBe(401);
    expect((await login({ email, password: "outra-frase-bem-comprida" })).status).toBe(200);
  });

  run("when an administrator resets a user's password, that user's sessions end", async () => {
    const email = `reset-${randomUUID().slice(0, 8)}@papo.test`;
    const created = await asAdmin<{ id: string }>("POST", "/api/v1/users", { name: "Rita", email, role: "agent", password: PASSWORD });
    const session = await login({ email, delivery: "body" });
    const adminSession = await sessionFor(t.papo.deps, admin);
    const reset = await call(t, "PATCH", `/api/v1/users/${created.body.id}`, {
      token: adminSession.token,
      body: { password: "uma-senha-nova-e-longa" },
    });
    expect(reset.status).toBe(200);
    expect((await get(session.body.token)).status).toBe(401);
    expect((await refreshWithBody(session.body.refreshToken ?? "")).status).toBe(401);
    // The administrator's own session is untouched.
    expect((await get(adminSession.token)).status).toBe(200);
  });

  run("when a session is logged out, its open live stream closes with 4401 at the next heartbeat", async () => {
    const session = await login();
    const live = t.openStream(session.body.token);
    await live.opened;
    await expect.poll(() => live.frames.some((f) => f.type === "ready")).toBe(true);
    expect((await call(t, "POST", "/api/v1/auth/logout", { token: session.body.token, body: {} })).status).toBe(204);
    expect(await live.closed).toBe(4401);
  });
});
