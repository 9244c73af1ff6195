import { randomBytes } from "node:crypto";
import { AppError } from "../../http/errors.ts";
import { createMfaRepo } from "./mfa-repo.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { createUsersRepo, type UserRow } from "./repo.ts";
import { type AuthDeps, type ClientInfo, type SessionGrant, startSession } from "./sessions-service.ts";
import { assertPasswordLoginAllowed } from "./sso/policy.ts";
import { createLoginThrottle } from "./throttle.ts";
import { totpCounter } from "./totp.ts";

export type { PublicUser } from "./sessions-service.ts";

/** What a correct password leads to: a session, or the second step first. */
export type LoginOutcome =
  | { kind: "session"; grant: SessionGrant }
  /** The user has two-factor: `POST /api/v1/auth/2fa/verify` with this token and a code completes the login. */
  | { kind: "mfa_required"; mfaToken: string; expiresIn: number }
  /** The workspace requires two-factor and the user has none: the token opens only the enrolment routes. */
  | { kind: "mfa_setup_required"; mfaToken: string; expiresIn: number };

export type VerifyPassword = (hash: string, password: string) => Promise<boolean>;

// Verifying against a real hash when the user does not exist keeps the response time from revealing which e-mails exist.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
};

export const invalidCredentials = () =>
  new AppError({ code: "auth.invalid_credentials", status: 401, message: "E-mail or password is incorrect" });

/**
 * Checks an e-mail and password. Unknown e-mails, wrong passwords and deactivated users get the same answer after the
 * same work (an argon2 verification, against a dummy hash when there is no user); every failure counts against the
 * e-mail and the client address, and a locked one is refused (`auth.locked`) before any password is checked.
 */
export async function login({
  deps,
  email,
  password,
  client,
  verify = verifyPassword,
}: {
  deps: AuthDeps;
  email: string;
  password: string;
  client: ClientInfo;
  /** The hash check (tests observe it). */
  verify?: VerifyPassword;
}): Promise<LoginOutcome> {
  const db = deps.database.db;
  const throttle = createLoginThrottle({ db, cipher: deps.cipher, clock: deps.clock });
  const keys = throttle.keys(email, client.ip);
  await throttle.assertNotLocked(keys);
  const user = await createUsersRepo({ db }).findByEmailForLogin(email);
  const ok = await verify(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !ok || user.disabledAt) {
    await throttle.recordFailure(keys);
    throw invalidCredentials();
  }
  await assertPasswordLoginAllowed({ db, cipher: deps.cipher, user });
  return afterPassword({ deps, user, client });
}

/** The step after a correct password: the second factor if the user has one, enrolment if the workspace demands it. */
async function afterPassword({ deps, user, client }: { deps: AuthDeps; user: UserRow; client: ClientInfo }): Promise<LoginOutcome> {
  const claims = { userId: user.id, workspaceId: user.workspaceId };
  if (user.totpEnabledAt) {
    return {
      kind: "mfa_required",
      mfaToken: await deps.tokens.signMfa({ ...claims, purpose: "verify" }),
      expiresIn: deps.tokens.mfaTtlSeconds("verify"),
    };
  }
  if (await createMfaRepo({ db: deps.database.db, cipher: deps.cipher }).workspaceRequiresMfa(user.workspaceId)) {
    return {
      kind: "mfa_setup_required",
      mfaToken: await deps.tokens.signMfa({ ...claims, purpose: "setup" }),
      expiresIn: deps.tokens.mfaTtlSeconds("setup"),
    };
  }
  return { kind: "session", grant: await completeLogin({ deps, user, client }) };
}

/** The login is complete: the e-mail's failure counter is cleared and a session starts. */
export async function completeLogin({ deps, user, client }: { deps: AuthDeps; user: UserRow; client: ClientInfo }): Promise<SessionGrant> {
  const throttle = createLoginThrottle({ db: deps.database.db, cipher: deps.cipher, clock: deps.clock });
  await throttle.recordSuccess(throttle.keys(user.email, client.ip));
  return startSession({ deps, user, client });
}

export const invalidMfaToken = () =>
  new AppError({ code: "auth.invalid_mfa_token", status: 401, message: "mfaToken: expired or not valid for this step; log in again" });

export const invalidMfaCode = (status: 400 | 401, field: "code" | "recoveryCode" = "code") =>
  new AppError({
    code: "auth.invalid_mfa_code",
    status,
    message: `${field}: the code is wrong, expired or already used`,
    details: { field },
  });

/** The second factor, as typed: a 6-digit authenticator code, or a recovery code. */
export type SecondFactor = { code: string } | { recoveryCode: string };

/**
 * Checks a second factor for a user whose two-factor is on: a TOTP code of the current step (±1), accepted once, or
 * an unused recovery code. A wrong one counts against the user's e-mail and the address like a wrong password.
 */
export async function checkSecondFactor({
  deps,
  user,
  factor,
  client,
  status,
}: {
  deps: AuthDeps;
  user: UserRow;
  factor: SecondFactor;
  client: ClientInfo;
  /** 401 when it completes a login, 400 when it confirms a change. */
  status: 400 | 401;
}): Promise<{ usedRecoveryCode: boolean }> {
  const throttle = createLoginThrottle({ db: deps.database.db, cipher: deps.cipher, clock: deps.clock });
  const keys = throttle.keys(user.email, client.ip);
  await throttle.assertNotLocked(keys);
  const mfa = createMfaRepo({ db: deps.database.db, cipher: deps.cipher });
  const state = await mfa.state(user.workspaceId, user.id);
  const now = deps.clock.now();
  let ok = false;
  if (state?.enabledAt && state.secret) {
    if ("code" in factor) {
      const counter = totpCounter(state.secret, factor.code, now);
      ok = counter !== null && (await mfa.consumeCounter(user.workspaceId, user.id, counter));
    } else {
      ok = await mfa.consumeRecoveryCode(user.workspaceId, user.id, factor.recoveryCode, now);
    }
  }
  if (!ok) {
    await throttle.recordFailure(keys);
    throw invalidMfaCode(status, "code" in factor ? "code" : "recoveryCode");
  }
  return { usedRecoveryCode: !("code" in factor) };
}

/** `POST /api/v1/auth/2fa/verify`: the second step of a login. */
export async function verifyMfaLogin({
  deps,
  mfaToken,
  factor,
  client,
}: {
  deps: AuthDeps;
  mfaToken: string;
  factor: SecondFactor;
  client: ClientInfo;
}): Promise<{ grant: SessionGrant; usedRecoveryCode: boolean }> {
  const claims = await deps.tokens.verifyMfa(mfaToken, "verify");
  const user = claims ? await createUsersRepo({ db: deps.database.db }).get(claims.workspaceId, claims.userId) : undefined;
  if (!user || user.disabledAt || !user.totpEnabledAt) throw invalidMfaToken();
  const { usedRecoveryCode } = await checkSecondFactor({ deps, user, factor, client, status: 401 });
  return { grant: await completeLogin({ deps, user, client }), usedRecoveryCode };
}
