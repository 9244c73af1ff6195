import { randomBytes, randomUUID } from "node:crypto";
import { decodeJwt, type JWTPayload, errors as jose, jwtVerify } from "jose";
import { systemContext } from "../../../context.ts";
import type { UserRole } from "../../../db/schema/users.ts";
import type { Deps } from "../../../deps.ts";
import { AppError, isUniqueViolation } from "../../../http/errors.ts";
import { recordUserCreated, recordUserUpdated } from "../../audit/user-changes.ts";
import { hashPassword } from "../passwords.ts";
import { createUsersRepo, type UserRow } from "../repo.ts";
import { type ClientInfo, type SessionGrant, startSession } from "../sessions-service.ts";
import { updateUser } from "../users-service.ts";
import { embedErrors, settingsError } from "./errors.ts";
import { embedKeyStoreFor } from "./keys.ts";
import { createEmbedRepo, type EmbedSettings, type EmbedSettingsWrite } from "./repo.ts";

export type EmbedDeps = Pick<Deps, "database" | "cipher" | "clock" | "tokens" | "config" | "audit" | "log">;

export const DEFAULT_MAX_LIFETIME_SECONDS = 300;
export const MAX_LIFETIME_CAP_SECONDS = 600;
export const MIN_SECRET_BYTES = 32;
/** Clock skew forgiven between the CRM and Papo on `exp`, `iat` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 30;
const SECRET_ALGORITHMS = ["HS256"];
const JWKS_ALGORITHMS = ["RS256", "ES256", "EdDSA", "Ed25519"];

const repoOf = (deps: EmbedDeps) => createEmbedRepo({ db: deps.database.db, cipher: deps.cipher });

/** The settings as the admin API shows them: never the secret, only whether there is one. */
export interface EmbedSettingsView {
  enabled: boolean;
  verification: "secret" | "jwks";
  secretConfigured: boolean;
  secretUpdatedAt: string | null;
  jwksUrl: string | null;
  issuer: string;
  audience: string;
  maxLifetimeSeconds: number;
  roleClaim: string;
  roleMap: Record<string, UserRole>;
  defaultRole: UserRole;
  syncRoles: boolean;
  jitProvisioning: boolean;
  frameOrigins: string[];
  /** The URL the CRM frames (its token goes in the fragment: `#token=<jwt>`). */
  embedUrl: string;
}

export const embedUrlOf = (deps: Pick<Deps, "config">, workspaceId: string) =>
  `${deps.config.publicUrl}/embed?workspace=${encodeURIComponent(workspaceId)}`;

function viewOf(deps: EmbedDeps, workspaceId: string, s: EmbedSettings | undefined): EmbedSettingsView {
  return {
    enabled: s?.enabled ?? false,
    verification: s?.verification ?? "secret",
    secretConfigured: Boolean(s?.secret),
    secretUpdatedAt: s?.secretUpdatedAt?.toISOString() ?? null,
    jwksUrl: s?.jwksUrl ?? null,
    issuer: s?.issuer ?? "",
    audience: s?.audience ?? "papo",
    maxLifetimeSeconds: s?.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS,
    roleClaim: s?.roleClaim ?? "role",
    roleMap: s?.roleMap ?? {},
    defaultRole: s?.defaultRole ?? "agent",
    syncRoles: s?.syncRoles ?? false,
    jitProvisioning: s?.jitProvisioning ?? false,
    frameOrigins: s?.frameOrigins ?? [],
    embedUrl: embedUrlOf(deps, workspaceId),
  };
}

export async function getEmbedSettings({ deps, workspaceId }: { deps: EmbedDeps; workspaceId: string }): Promise<EmbedSettingsView> {
  return viewOf(deps, workspaceId, await repoOf(deps).get(workspaceId));
}

export interface EmbedSettingsInput {
  enabled: boolean;
  verification: "secret" | "jwks";
  /** A new shared secret (≥ 32 bytes); absent keeps the stored one. */
  secret?: string | undefined;
  /** Papo generates a new secret and answers it once. */
  generateSecret?: boolean | undefined;
  jwksUrl?: string | null | undefined;
  issuer: string;
  audience?: string | undefined;
  maxLifetimeSeconds?: number | undefined;
  roleClaim?: string | undefined;
  roleMap?: Record<string, UserRole> | undefined;
  defaultRole?: UserRole | undefined;
  syncRoles?: boolean | undefined;
  jitProvisioning?: boolean | undefined;
  frameOrigins?: string[] | undefined;
}

/**
 * Replaces the workspace's embed settings. The secret is write-only: given (≥ 32 bytes) or generated (answered once,
 * here only); the settings must be usable when enabled (a secret, or a JWKS URL). Returns what changed (names only,
 * for the audit log).
 */
export async function putEmbedSettings({
  deps,
  workspaceId,
  input,
}: {
  deps: EmbedDeps;
  workspaceId: string;
  input: EmbedSettingsInput;
}): Promise<{ view: EmbedSettingsView; generatedSecret?: string; changed: string[] }> {
  const repo = repoOf(deps);
  const before = await repo.get(workspaceId);
  if (input.secret !== undefined && input.generateSecret)
    throw settingsError("embed.secret_conflict", "secret", "send a secret or ask for one to be generated, not both");
  if (input.secret !== undefined && Buffer.byteLength(input.secret, "utf8") < MIN_SECRET_BYTES)
    throw settingsError("embed.secret_too_short", "secret", `at least ${MIN_SECRET_BYTES} bytes (openssl rand -base64 32)`);
  const generatedSecret = input.generateSecret ? randomBytes(32).toString("base64url") : undefined;
  const newSecret = input.secret ?? generatedSecret;
  if (input.verification === "secret" && input.enabled && !newSecret && !before?.secret)
    throw settingsError("embed.secret_required", "secret", "HS256 verification needs the shared secret (send one, or generateSecret)");
  const jwksUrl = input.jwksUrl ?? null;
  if (input.verification === "jwks" && input.enabled && !jwksUrl)
    throw settingsError("embed.jwks_url_required", "jwksUrl", "JWKS verification needs the CRM's JWKS URL");
  const now = deps.clock.now();
  const write: EmbedSettingsWrite = {
    enabled: input.enabled,
    verification: input.verification,
    jwksUrl,
    issuer: input.issuer,
    audience: input.audience ?? "papo",
    maxLifetimeSeconds: input.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS,
    roleClaim: input.roleClaim ?? "role",
    roleMap: input.roleMap ?? {},
    defaultRole: input.defaultRole ?? "agent",
    syncRoles: input.syncRoles ?? false,
    jitProvisioning: input.jitProvisioning ?? false,
    frameOrigins: [...new Set((input.frameOrigins ?? []).map((o) => o.toLowerCase()))],
    updatedAt: now,
    secret: newSecret === undefined ? undefined : { value: newSecret, at: now },
  };
  await repo.put(workspaceId, write);
  embedKeyStoreFor(deps.database).forget(workspaceId);
  const old = viewOf(deps, workspaceId, before) as unknown as Record<string, unknown>;
  const view = await getEmbedSettings({ deps, workspaceId });
  const changed = Object.keys(view)
    .filter((key) => !["secretConfigured", "secretUpdatedAt", "embedUrl"].includes(key))
    .filter((key) => JSON.stringify(old[key]) !== JSON.stringify((view as unknown as Record<string, unknown>)[key]));
  if (newSecret !== undefined) changed.push("secret");
  return { view, ...(generatedSecret ? { generatedSecret } : {}), changed };
}

/** The origins allowed to frame the workspace's `/embed` page (none when embedding is off or the workspace unknown). */
export async function frameOriginsOf({ deps, workspaceId }: { deps: EmbedDeps; workspaceId: string }): Promise<string[]> {
  const settings = await repoOf(deps).get(workspaceId);
  return settings?.enabled ? settings.frameOrigins : [];
}

/** A refused embed login, with the workspace it was meant for when the token named a real one (for the audit log). */
export class EmbedLoginRefused extends Error {
  override readonly name = "EmbedLoginRefused";
  constructor(
    readonly error: AppError,
    readonly workspaceId: string | undefined,
    readonly userId: string | undefined,
  ) {
    super(error.message);
  }
}

export interface EmbedLoginResult {
  grant: SessionGrant;
  created: boolean;
  roleChanged: boolean;
  frameOrigins: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** jose's refusal, as the embed error the caller sees. */
function refusalOf(error: unknown, settings: EmbedSettings): AppError {
  if (error instanceof jose.JWTExpired) return embedErrors.expired();
  if (error instanceof jose.JWTClaimValidationFailed) {
    if ((error.claim === "iat" || error.claim === "nbf") && error.reason === "check_failed") return embedErrors.notYetValid();
    return embedErrors.invalidClaim(error.claim);
  }
  if (error instanceof jose.JOSEAlgNotAllowed || error instanceof jose.JOSENotSupported) return embedErrors.invalidToken("algorithm");
  if (error instanceof jose.JWSSignatureVerificationFailed || error instanceof jose.JWKSNoMatchingKey)
    return embedErrors.invalidToken("signature");
  if (error instanceof jose.JWKSTimeout || error instanceof jose.JWKSInvalid) return embedErrors.keysUnavailable();
  if (error instanceof jose.JOSEError) return embedErrors.invalidToken("malformed");
  // Not jose's own: the JWKS could not be fetched (network, non-200 answer).
  if (settings.verification === "jwks") return embedErrors.keysUnavailable();
  return embedErrors.invalidToken("malformed");
}

/** Verifies signature, algorithm, iss, aud, exp, iat (≤ max age, not in the future), nbf, presence of jti and sub. */
async function verifyEmbedToken(deps: EmbedDeps, settings: EmbedSettings, token: string): Promise<JWTPayload> {
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    maxTokenAge: settings.maxLifetimeSeconds,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    currentDate: deps.clock.now(),
    requiredClaims: ["iss", "aud", "exp", "iat", "jti", "sub"],
  };
  try {
    if (settings.verification === "jwks") {
      if (!settings.jwksUrl) throw embedErrors.disabled();
      const keys = embedKeyStoreFor(deps.database).keysFor(settings.workspaceId, settings.jwksUrl);
      return (await jwtVerify(token, keys, { ...options, algorithms: JWKS_ALGORITHMS })).payload;
    }
    if (!settings.secret) throw embedErrors.disabled();
    const key = new TextEncoder().encode(settings.secret);
    return (await jwtVerify(token, key, { ...options, algorithms: SECRET_ALGORITHMS })).payload;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refusalOf(error, settings);
  }
}

/** The Papo role for the token's CRM role(s): the first value the map knows, else the workspace's default. */
export function mappedRole(settings: Pick<EmbedSettings, "roleClaim" | "roleMap" | "defaultRole">, payload: JWTPayload): UserRole {
  const claim = payload[settings.roleClaim];
  const values = Array.isArray(claim) ? claim : [claim];
  for (const value of values) {
    if (typeof value !== "string") continue;
    const role = Object.hasOwn(settings.roleMap, value) ? settings.roleMap[value] : undefined;
    if (role) return role;
  }
  return settings.defaultRole;
}

const stringClaim = (payload: JWTPayload, claim: string, max: number): string | undefined => {
  const value = payload[claim];
  return typeof value === "string" && value.trim() !== "" && value.length <= max ? value.trim() : undefined;
};

/**
 * `POST /api/v1/auth/embed`: a CRM-signed token logs its user in. The token names the workspace (`wid`), is checked
 * against that workspace's key and rules, is accepted once (`jti`), and names the CRM user (`sub`, `email`, optional
 * `name` and role claim). The user is found by CRM id, else by e-mail (and linked), else created when the workspace
 * allows it. Then a normal Papo session starts.
 */
export async function embedLogin({
  deps,
  token,
  client,
}: {
  deps: EmbedDeps;
  token: string;
  client: ClientInfo;
}): Promise<EmbedLoginResult> {
  let workspaceId: string | undefined;
  let userId: string | undefined;
  try {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw embedErrors.invalidToken("malformed");
    }
    const wid = unverified.wid;
    if (typeof wid !== "string" || !UUID.test(wid)) throw embedErrors.invalidClaim("wid");
    const repo = repoOf(deps);
    const settings = await repo.get(wid);
    // No settings: no such workspace (or one that never configured embedding); nothing to record it in.
    if (!settings) throw embedErrors.disabled();
    workspaceId = wid;
    if (!settings.enabled || settings.issuer === "") throw embedErrors.disabled();

    const payload = await verifyEmbedToken(deps, settings, token);
    const { iat, exp } = payload as { iat: number; exp: number };
    if (exp - iat > settings.maxLifetimeSeconds) throw embedErrors.lifetimeTooLong(settings.maxLifetimeSeconds);
    const jti = stringClaim(payload, "jti", 255);
    const sub = stringClaim(payload, "sub", 255);
    if (!jti) throw embedErrors.invalidClaim("jti");
    if (!sub) throw embedErrors.invalidClaim("sub");
    const email = stringClaim(payload, "email", 254)?.toLowerCase();
    if (!email || !EMAIL.test(email)) throw embedErrors.invalidClaim("email");
    const name = stringClaim(payload, "name", 120) ?? email;
    // Spent before anything else happens: a token is accepted once, even if the login then fails.
    const now = deps.clock.now();
    if (!(await repo.claimJti(wid, jti, new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000), now))) throw embedErrors.replayed();

    const role = mappedRole(settings, payload);
    const { user, created } = await findOrCreateUser({ deps, settings, sub, email, name, role });
    userId = user.id;
    if (user.disabledAt) throw embedErrors.userDeactivated();
    let current = user;
    let roleChanged = false;
    if (!created && settings.syncRoles && user.role !== role) {
      try {
        current = await updateUser({
          ctx: systemContext(wid, "embed"),
          db: deps.database.db,
          clock: deps.clock,
          id: user.id,
          update: { role },
        });
        roleChanged = true;
        await recordUserUpdated({
          audit: deps.audit,
          source: { workspaceId: wid, actor: { type: "system", id: "embed" }, ip: client.ip },
          before: user,
          after: current,
          passwordReset: false,
        });
      } catch (error) {
        // The workspace's last administrator keeps the role; the login goes on.
        if (!(error instanceof AppError && error.code === "users.last_admin")) throw error;
      }
    }
    const grant = await startSession({ deps, user: current, client });
    return { grant, created, roleChanged, frameOrigins: settings.frameOrigins };
  } catch (error) {
    if (error instanceof AppError) throw new EmbedLoginRefused(error, workspaceId, userId);
    throw error;
  }
}

/** By CRM id; else by e-mail (linking it, unless that user belongs to another CRM id); else created if allowed. */
async function findOrCreateUser({
  deps,
  settings,
  sub,
  email,
  name,
  role,
}: {
  deps: EmbedDeps;
  settings: EmbedSettings;
  sub: string;
  email: string;
  name: string;
  role: UserRole;
}): Promise<{ user: UserRow; created: boolean }> {
  const workspaceId = settings.workspaceId;
  const repo = repoOf(deps);
  const users = createUsersRepo({ db: deps.database.db });
  const now = deps.clock.now();
  const linkedId = await repo.userIdByExternalId(workspaceId, sub);
  const linked = linkedId ? await users.get(workspaceId, linkedId) : undefined;
  if (linked) return { user: linked, created: false };

  const byEmail = await users.findByEmailForLogin(email);
  if (byEmail) {
    if (byEmail.workspaceId !== workspaceId) throw embedErrors.emailConflict();
    // An e-mail already tied to another CRM user is not taken over by a second one.
    const otherExternal = await repo.externalIdOf(workspaceId, byEmail.id);
    if (otherExternal !== undefined && otherExternal !== sub) throw embedErrors.emailConflict();
    await repo.link(workspaceId, byEmail.id, sub, now);
    return { user: byEmail, created: false };
  }
  if (!settings.jitProvisioning) throw embedErrors.userUnknown();

  // No password anyone knows: the user signs in through the CRM (an administrator may set one later).
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const user = await deps.database.db
    .transaction(async (tx) => {
      const created = await createUsersRepo({ db: tx }).insert({ id: randomUUID(), workspaceId, name, email, passwordHash, role });
      await createEmbedRepo({ db: tx, cipher: deps.cipher }).link(workspaceId, created.id, sub, now);
      return created;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw embedErrors.emailConflict();
      throw error;
    });
  await recordUserCreated({ audit: deps.audit, source: { workspaceId, actor: { type: "system", id: "embed" } }, user });
  return { user, created: true };
}
