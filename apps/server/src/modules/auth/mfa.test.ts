import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRecoveryCodes } from "../../db/schema/auth-recovery-codes.ts";
import { users } from "../../db/schema/users.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { asAdmin, call, createTestClock, type ErrorBody, type Grant } from "./auth.test-utils.ts";
import { ACCOUNT_RULE } from "./throttle.ts";
import { totpCode } from "./totp.ts";

type Setup = { secret: string; uri: string; qrCode: string };
type Status = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number; required: boolean };
type LoginAnswer = Grant & { mfaRequired?: true; mfaSetupRequired?: true; mfaToken?: string } & ErrorBody;

const PASSWORD = "uma-senha-bem-forte";
const STEP = 30_000;

describe.each(DATABASE_KINDS)("two-factor authentication (%s)", (kind) => {
  let t: TestPapo;
  const clock = createTestClock();
  const run = it.skipIf(!isAvailable(kind));
  let address = 0;
  const nextIp = () => `100.64.0.${++address}`;

  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind, env: { TRUST_PROXY: "1" }, start: { clock } });
  });
  afterAll(async () => t?.close());

  const newUser = async (role: "agent" | "admin" = "agent") => {
    const email = `dois-fatores-${randomUUID().slice(0, 8)}@papo.test`;
    const created = await asAdmin<{ id: string }>(t, "POST", "/api/v1/users", { name: "Pessoa Teste", email, role, password: PASSWORD });
    expect(created.status).toBe(201);
    return { email, id: created.body.id };
  };
  const login = (email: string, ip = nextIp(), password = PASSWORD) =>
    call<LoginAnswer>(t, "POST", "/api/v1/auth/login", { ip, body: { email, password, tokenDelivery: "body" } });
  const verify = (mfaToken: string, factor: { code: string } | { recoveryCode: string }, ip = nextIp()) =>
    call<LoginAnswer>(t, "POST", "/api/v1/auth/2fa/verify", { ip, body: { mfaToken, tokenDelivery: "body", ...factor } });
  /** A user with two-factor on: the secret, the recovery codes and a session token. */
  const enrolled = async () => {
    const user = await newUser();
    const session = await login(user.email);
    const setup = await call<Setup>(t, "POST", "/api/v1/auth/2fa/setup", { ip: nextIp(), token: session.body.token, body: {} });
    const enabled = await call<{ recoveryCodes: string[] }>(t, "POST", "/api/v1/auth/2fa/enable", {
      ip: nextIp(),
      token: session.body.token,
      body: { code: totpCode(setup.body.secret, clock.now()) },
    });
    expect(enabled.status).toBe(200);
    // The enabling code is spent: the next login uses the next step's code.
    clock.advance(STEP);
    return { ...user, secret: setup.body.secret, recoveryCodes: enabled.body.recoveryCodes, token: session.body.token };
  };

  run(
    "when a user starts enrolment, they get the secret, an otpauth:// URI and a QR code; the secret is stored encrypted and nothing is on yet",
    async () => {
      const user = await newUser();
      const session = await login(user.email);
      const setup = await call<Setup>(t, "POST", "/api/v1/auth/2fa/setup", { ip: nextIp(), token: session.body.token, body: {} });
      expect(setup.status).toBe(200);
      expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(setup.body.uri).toMatch(new RegExp(`^otpauth://totp/Papo:${encodeURIComponent(user.email)}\\?`));
      expect(setup.body.uri).toContain(`secret=${setup.body.secret}`);
      expect(setup.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Buffer.from(setup.body.qrCode.split(",")[1] ?? "", "base64").toString()).toContain("<svg");
      const [row] = await t.papo.deps.database.db.select().from(users).where(eq(users.id, user.id));
      expect(row?.totpSecretEnc).toMatch(/^pe1:/);
      expect(JSON.stringify(row)).not.toContain(setup.body.secret);
      const status = await call<Status>(t, "GET", "/api/v1/auth/2fa", { token: session.body.token });
      expect(status.body).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false });
      // Login is still one step.
      expect((await login(user.email)).body.token).toEqual(expect.any(String));
    },
  );

  run(
    "when enrolment is confirmed, a wrong code is refused; the right one turns it on with ten recovery codes and ends the other sessions",
    async () => {
      const user = await newUser();
      const here = await login(user.email);
      const elsewhere = await login(user.email);
      const enableWithoutSetup = await call<ErrorBody>(t, "POST", "/api/v1/auth/2fa/enable", {
        ip: nextIp(),
        token: here.body.token,
        body: { code: "123456" },
      });
      expect(enableWithoutSetup.status).toBe(409);
      expect(enableWithoutSetup.body.error.code).toBe("auth.mfa_not_set_up");
      const setup = await call<Setup>(t, "POST", "/api/v1/auth/2fa/setup", { ip: nextIp(), token: here.body.token, body: {} });
      const good = totpCode(setup.body.secret, clock.now());
      const wrong = await call<ErrorBody>(t, "POST", "/api/v1/auth/2fa/enable", {
        ip: nextIp(),
        token: here.body.token,
        body: { code: good === "000000" ? "111111" : "000000" },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toMatchObject({ code: "auth.invalid_mfa_code", details: { field: "code" } });

      const enabled = await call<{ recoveryCodes: string[] }>(t, "POST", "/api/v1/auth/2fa/enable", {
        ip: nextIp(),
        token: here.body.token,
        body: { code: good },
      });
      expect(enabled.status).toBe(200);
      expect(enabled.body.recoveryCodes).toHaveLength(10);
      expect(new Set(enabled.body.recoveryCodes).size).toBe(10);
      for (const code of enabled.body.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      const stored = JSON.stringify(
        await t.papo.deps.database.db.select().from(authRecoveryCodes).where(eq(authRecoveryCodes.userId, user.id)),
      );
      for (const code of enabled.body.recoveryCodes) expect(stored).not.toContain(code.replace("-", ""));

      expect((await call(t, "GET", "/api/v1/auth/2fa", { token: here.body.token })).body).toMatchObject({
        enabled: true,
        recoveryCodesLeft: 10,
      });
      expect((await call(t, "GET", "/api/v1/conversations", { token: elsewhere.body.token })).status).toBe(401);
      const again = await call<ErrorBody>(t, "POST", "/api/v1/auth/2fa/setup", { ip: nextIp(), token: here.body.token, body: {} });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("auth.mfa_already_enabled");
    },
  );

  run(
    "when a user with two-factor logs in, the password gives only an mfaToken; a code completes the login, and the same code is refused again",
    async () => {
      const user = await enrolled();
      const first = await login(user.email);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
      // The mfaToken is not an access token.
      const asBearer = await call<ErrorBody>(t, "GET", "/api/v1/conversations", { token: first.body.mfaToken ?? "" });
      expect(asBearer.status).toBe(401);
      expect(asBearer.body.error.code).toBe("auth.invalid_token");

      const code = totpCode(user.secret, clock.now());
      const done = await verify(first.body.mfaToken ?? "", { code });
      expect(done.status).toBe(200);
      expect(done.body.user.email).toBe(user.email);
      expect((await call(t, "GET", "/api/v1/conversations", { token: done.body.token })).status).toBe(200);

      const second = await login(user.email);
      const replay = await verify(second.body.mfaToken ?? "", { code });
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe("auth.invalid_mfa_code");
      clock.advance(STEP);
      expect((await verify(second.body.mfaToken ?? "", { code: totpCode(user.secret, clock.now()) })).status).toBe(200);
    },
  );

  run("when a recovery code is used, it completes a login once and never again", async () => {
    const user = await enrolled();
    const [recovery] = user.recoveryCodes;
    const first = await login(user.email);
    const done = await verify(first.body.mfaToken ?? "", { recoveryCode: ` ${recovery?.toUpperCase()} ` });
    expect(done.status).toBe(200);
    expect((await call(t, "GET", "/api/v1/auth/2fa", { token: done.body.token })).body).toMatchObject({ recoveryCodesLeft: 9 });
    const second = await login(user.email);
    const reused = await verify(second.body.mfaToken ?? "", { recoveryCode: recovery ?? "" });
    expect(reused.status).toBe(401);
    expect(reused.body.error).toMatchObject({ code: "auth.invalid_mfa_code", details: { field: "recoveryCode" } });
  });

  run("when wrong codes are sent, they count toward the lockout: after 5, even the right code gets 429 auth.locked", async () => {
    const user = await enrolled();
    const { body } = await login(user.email);
    const good = totpCode(user.secret, clock.now());
    const bad = good === "000000" ? "111111" : "000000";
    for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) expect((await verify(body.mfaToken ?? "", { code: bad })).status).toBe(401);
    const locked = await verify(body.mfaToken ?? "", { code: good });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("auth.locked");
    // The password step is locked as well: the lock is on the account.
    expect((await login(user.email)).status).toBe(429);
    clock.advance(5 * 60_000 + 1000);
    const retry = await login(user.email);
    expect((await verify(retry.body.mfaToken ?? "", { code: totpCode(user.secret, clock.now()) })).status).toBe(200);
  });

  run("when the mfaToken is expired, forged or of the setup kind, verify refuses it", async () => {
    const user = await enrolled();
    const { body } = await login(user.email);
    clock.advance(5 * 60_000 + 1000);
    const expired = await verify(body.mfaToken ?? "", { code: totpCode(user.secret, clock.now()) });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("auth.invalid_mfa_token");
    const setupKind = await t.papo.deps.tokens.signMfa({ userId: user.id, workspaceId: t.papo.bootstrap.workspaceId, purpose: "setup" });
    expect((await verify(setupKind, { code: totpCode(user.secret, clock.now()) })).body.error.code).toBe("auth.invalid_mfa_token");
    const [session] = (await login(user.email, nextIp())).body.mfaToken?.split(".") ?? [];
    expect((await verify(`${session}.e30.`, { code: "123456" })).body.error.code).toBe("auth.invalid_mfa_token");
  });

  run("when two-factor is turned off, the password and a code are needed; then login is one step again", async () => {
    const user = await enrolled();
    const { body } = await login(user.email);
    const session = await verify(body.mfaToken ?? "", { code: totpCode(user.secret, clock.now()) });
    clock.advance(STEP);
    const token = session.body.token;
    const noPassword = await call<ErrorBody>(t, "POST", "/api/v1/auth/2fa/disable", {
      token,
      body: { password: "nao-e-esta-senha", code: totpCode(user.secret, clock.now()) },
    });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.error.code).toBe("auth.wrong_password");
    const noCode = await call<ErrorBody>(t, "POST", "/api/v1/auth/2fa/disable", { token, body: { password: PASSWORD, code: "999999" } });
    expect(noCode.status).toBe(400);
    expect(noCode.body.error.code).toBe("auth.invalid_mfa_code");
    const off = await call(t, "POST", "/api/v1/auth/2fa/disable", {
      token,
      body: { password: PASSWORD, code: totpCode(user.secret, clock.now()) },
    });
    expect(off.status).toBe(204);
    expect((await login(user.email)).body.token).toEqual(expect.any(String));
    expect((await call(t, "GET", "/api/v1/auth/2fa", { token })).body).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
      required: false,
    });
  });

  run("when the workspace requires two-factor, a user without it must enrol at login; the setup token opens nothing else", async () => {
    const user = await newUser();
    const agent = await login(user.email);
    const forbidden = await call<ErrorBody>(t, "PATCH", "/api/v1/workspace/security", {
      token: agent.body.token,
      body: { mfaRequired: true },
    });
    expect(forbidden.status).toBe(403);
    expect((await asAdmin(t, "PATCH", "/api/v1/workspace/security", { mfaRequired: true })).body).toEqual({ mfaRequired: true });
    expect((await asAdmin(t, "GET", "/api/v1/workspace/security")).body).toEqual({ mfaRequired: true });

    const first = await login(user.email);
    expect(first.body).toEqual({ mfaSetupRequired: true, mfaToken: expect.any(String), expiresIn: 900 });
    const mfaToken = first.body.mfaToken ?? "";
    expect((await call(t, "GET", "/api/v1/auth/me", { token: mfaToken })).status).toBe(401);
    expect((await verify(mfaToken, { code: "123456" })).body.error.code).toBe("auth.invalid_mfa_token");

    const setup = await call<Setup>(t, "POST", "/api/v1/auth/2fa/setup", { ip: nextIp(), body: { mfaToken } });
    expect(setup.status).toBe(200);
    const enabled = await call<Grant & { recoveryCodes: string[] }>(t, "POST", "/api/v1/auth/2fa/enable", {
      ip: nextIp(),
      body: { mfaToken, code: totpCode(setup.body.secret, clock.now()) },
    });
    expect(enabled.status).toBe(200);
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    expect(enabled.cookies.papo_refresh?.value).toMatch(/^[\w-]{43}$/);
    expect((await call(t, "GET", "/api/v1/conversations", { token: enabled.body.token })).status).toBe(200);

    const status = await call<Status>(t, "GET", "/api/v1/auth/2fa", { token: enabled.body.token });
    expect(status.body).toMatchObject({ enabled: true, required: true });
    clock.advance(STEP);
    const refused = await call<ErrorBody>(t, "POST", "/api/v1/auth/2fa/disable", {
      token: enabled.body.token,
      body: { password: PASSWORD, code: totpCode(setup.body.secret, clock.now()) },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("auth.mfa_required");
    expect((await asAdmin(t, "PATCH", "/api/v1/workspace/security", { mfaRequired: false })).status).toBe(200);
  });

  run("when no credential comes with setup, or a bad one, the answer is 401", async () => {
    expect((await call<ErrorBody>(t, "POST", "/api/v1/auth/2fa/setup", { ip: nextIp(), body: {} })).body.error.code).toBe(
      "auth.missing_token",
    );
    expect(
      (await call<ErrorBody>(t, "POST", "/api/v1/auth/2fa/setup", { ip: nextIp(), body: { mfaToken: "x.y.z" } })).body.error.code,
    ).toBe("auth.invalid_mfa_token");
    expect(
      (await call<ErrorBody>(t, "POST", "/api/v1/auth/2fa/enable", { ip: nextIp(), token: "x.y.z", body: { code: "123456" } })).status,
    ).toBe(401);
  });
});
