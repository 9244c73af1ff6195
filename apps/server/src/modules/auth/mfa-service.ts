import { AppError, notFound } from "../../http/errors.ts";
import { createMfaRepo } from "./mfa-repo.ts";
import { verifyPassword } from "./passwords.ts";
import { createUsersRepo, type UserRow } from "./repo.ts";
import { checkSecondFactor, invalidMfaCode, type SecondFactor } from "./service.ts";
import { createSessionsRepo } from "./sessions-repo.ts";
import type { AuthDeps, ClientInfo } from "./sessions-service.ts";
import { createLoginThrottle } from "./throttle.ts";
import { newRecoveryCodes, newTotpSecret, totpCounter, totpEnrolment } from "./totp.ts";

export interface MfaStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** The workspace requires two-factor of everyone. */
  required: boolean;
}

const alreadyEnabled = () =>
  new AppError({ code: "auth.mfa_already_enabled", status: 409, message: "Two-factor authentication is already on; disable it first" });

async function userOf(deps: AuthDeps, workspaceId: string, userId: string): Promise<UserRow> {
  const user = await createUsersRepo({ db: deps.database.db }).get(workspaceId, userId);
  if (!user || user.disabledAt) throw notFound("users", userId);
  return user;
}

export async function mfaStatus({
  deps,
  workspaceId,
  userId,
}: {
  deps: AuthDeps;
  workspaceId: string;
  userId: string;
}): Promise<MfaStatus> {
  const mfa = createMfaRepo({ db: deps.database.db, cipher: deps.cipher });
  const state = await mfa.state(workspaceId, userId);
  const enabled = Boolean(state?.enabledAt);
  return {
    enabled,
    enabledAt: state?.enabledAt ?? null,
    recoveryCodesLeft: enabled ? await mfa.recoveryCodesLeft(workspaceId, userId) : 0,
    required: await mfa.workspaceRequiresMfa(workspaceId),
  };
}

/** Starts an enrolment: a new secret (kept encrypted, pending until a code proves the app has it) and its QR code. */
export async function setupMfa({
  deps,
  workspaceId,
  userId,
}: {
  deps: AuthDeps;
  workspaceId: string;
  userId: string;
}): Promise<{ secret: string; uri: string; qrCode: string }> {
  const user = await userOf(deps, workspaceId, userId);
  if (user.totpEnabledAt) throw alreadyEnabled();
  const secret = newTotpSecret();
  await createMfaRepo({ db: deps.database.db, cipher: deps.cipher }).setPendingSecret(workspaceId, userId, secret);
  return { secret, ...(await totpEnrolment(secret, user.email)) };
}

/**
 * Finishes an enrolment with a code from the app: two-factor is on, ten recovery codes are made (shown this once,
 * stored as keyed hashes), and the user's other sessions — opened with the password alone — end.
 */
export async function enableMfa({
  deps,
  workspaceId,
  userId,
  code,
  client,
  keepSessionId,
}: {
  deps: AuthDeps;
  workspaceId: string;
  userId: string;
  code: string;
  client: ClientInfo;
  keepSessionId?: string | undefined;
}): Promise<{ recoveryCodes: string[]; user: UserRow }> {
  const user = await userOf(deps, workspaceId, userId);
  if (user.totpEnabledAt) throw alreadyEnabled();
  const mfa = createMfaRepo({ db: deps.database.db, cipher: deps.cipher });
  const state = await mfa.state(workspaceId, userId);
  if (!state?.secret)
    throw new AppError({
      code: "auth.mfa_not_set_up",
      status: 409,
      message: "Start with POST /api/v1/auth/2fa/setup, then confirm a code",
    });
  const throttle = createLoginThrottle({ db: deps.database.db, cipher: deps.cipher, clock: deps.clock });
  const keys = throttle.keys(user.email, client.ip);
  await throttle.assertNotLocked(keys);
  const now = deps.clock.now();
  const counter = totpCounter(state.secret, code, now);
  if (counter === null || !(await mfa.consumeCounter(workspaceId, userId, counter))) {
    await throttle.recordFailure(keys);
    throw invalidMfaCode(400);
  }
  const recoveryCodes = newRecoveryCodes();
  await deps.database.db.transaction(async (tx) => {
    const txMfa = createMfaRepo({ db: tx, cipher: deps.cipher });
    await txMfa.markEnabled(workspaceId, userId, now);
    await txMfa.replaceRecoveryCodes(workspaceId, userId, recoveryCodes, now);
    await createSessionsRepo({ db: tx, cipher: deps.cipher }).revokeUser(workspaceId, userId, now, "mfa_changed", keepSessionId);
  });
  return { recoveryCodes, user: { ...user, totpEnabledAt: now } };
}

/** Turns two-factor off: needs the password and a second factor, and is refused while the workspace requires it. */
export async function disableMfa({
  deps,
  workspaceId,
  userId,
  password,
  factor,
  client,
}: {
  deps: AuthDeps;
  workspaceId: string;
  userId: string;
  password: string;
  factor: SecondFactor;
  client: ClientInfo;
}): Promise<void> {
  const user = await userOf(deps, workspaceId, userId);
  if (!user.totpEnabledAt)
    throw new AppError({ code: "auth.mfa_not_enabled", status: 409, message: "Two-factor authentication is not on" });
  const mfa = createMfaRepo({ db: deps.database.db, cipher: deps.cipher });
  if (await mfa.workspaceRequiresMfa(workspaceId))
    throw new AppError({ code: "auth.mfa_required", status: 409, message: "The workspace requires two-factor authentication of everyone" });
  await assertCurrentPassword({ deps, user, password, client, field: "password" });
  await checkSecondFactor({ deps, user, factor, client, status: 400 });
  await mfa.disable(workspaceId, userId);
}

/** A password confirming a change (not a login): a wrong one counts against the account like a failed login. */
export async function assertCurrentPassword({
  deps,
  user,
  password,
  client,
  field,
}: {
  deps: AuthDeps;
  user: UserRow;
  password: string;
  client: ClientInfo;
  field: string;
}): Promise<void> {
  const throttle = createLoginThrottle({ db: deps.database.db, cipher: deps.cipher, clock: deps.clock });
  const keys = throttle.keys(user.email, client.ip);
  await throttle.assertNotLocked(keys);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await throttle.recordFailure(keys);
    throw new AppError({
      code: "auth.wrong_password",
      status: 400,
      message: `${field}: the current password is wrong`,
      details: { field },
    });
  }
}
