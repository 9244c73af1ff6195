import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { ServiceContext } from "../../../context.ts";
import { type UserRole, userRoles } from "../../../db/schema/users.ts";
import type { Deps } from "../../../deps.ts";
import { AppError, isUniqueViolation } from "../../../http/errors.ts";
import { hashPassword } from "../passwords.ts";
import { createUsersRepo, normaliseEmail, type UserRow } from "../repo.ts";
import { completeLogin } from "../service.ts";
import type { ClientInfo, SessionGrant } from "../sessions-service.ts";
import {
  buildAuthorizationRequest,
  type Claims,
  discoverProvider,
  ExchangeError,
  exchangeCode,
  type ProviderSummary,
  summarise,
} from "./oidc.ts";
import { createSsoRepo, type SsoConfig } from "./repo.ts";
import type { SsoSettingsInput } from "./schemas.ts";

export type SsoDeps = Pick<Deps, "database" | "cipher" | "clock" | "tokens" | "config">;

/** How long a started SSO login may take at the provider before its callback is refused. */
export const SSO_LOGIN_TTL_MS = 10 * 60_000;

export const CALLBACK_PATH = "/api/v1/auth/sso/callback";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export const ssoNotConfigured = () =>
  new AppError({
    code: "auth.sso_not_configured",
    status: 404,
    message: "Single sign-on is not configured for this e-mail's domain: log in with the password",
  });

/** The settings as the API shows them: everything but the client secret (only whether one is stored). */
export interface SsoSettingsView {
  configured: boolean;
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  allowedDomains: string[];
  roleClaim: string | null;
  roleMap: Record<string, UserRole>;
  defaultRole: UserRole;
  jitProvisioning: boolean;
  ssoRequired: boolean;
  updatedAt: Date | null;
}

const EMPTY_VIEW: SsoSettingsView = {
  configured: false,
  enabled: false,
  issuer: "",
  clientId: "",
  clientSecretSet: false,
  allowedDomains: [],
  roleClaim: null,
  roleMap: {},
  defaultRole: "agent",
  jitProvisioning: false,
  ssoRequired: false,
  updatedAt: null,
};

export const toView = (config: SsoConfig | undefined): SsoSettingsView =>
  config
    ? {
        configured: true,
        enabled: config.enabled,
        issuer: config.issuer,
        clientId: config.clientId,
        clientSecretSet: config.clientSecret.length > 0,
        allowedDomains: config.allowedDomains,
        roleClaim: config.roleClaim,
        roleMap: config.roleMap,
        defaultRole: config.defaultRole,
        jitProvisioning: config.jitProvisioning,
        ssoRequired: config.ssoRequired,
        updatedAt: config.updatedAt,
      }
    : EMPTY_VIEW;

export async function getSsoSettings({ deps, ctx }: { deps: SsoDeps; ctx: ServiceContext }): Promise<SsoSettingsView> {
  return toView(await createSsoRepo({ db: deps.database.db, cipher: deps.cipher }).get(ctx.workspaceId));
}

/**
 * Saves the workspace's SSO configuration (replacing it). The client secret is write-only: omitted, the stored one is
 * kept; required the first time. A domain already claimed by another workspace is refused (`sso.domain_taken`), and SSO
 * cannot be enabled without a domain. Returns the new view and the names of the fields that changed (for the audit
 * log; the secret is named, never its value).
 */
export async function saveSsoSettings({
  deps,
  ctx,
  input,
}: {
  deps: SsoDeps;
  ctx: ServiceContext;
  input: SsoSettingsInput;
}): Promise<{ view: SsoSettingsView; changed: string[] }> {
  const allowedDomains = [...new Set(input.allowedDomains)].sort();
  if (input.enabled && allowedDomains.length === 0)
    throw new AppError({
      code: "sso.domains_required",
      status: 400,
      message: "allowedDomains: name at least one e-mail domain to enable single sign-on",
      details: { field: "allowedDomains" },
    });
  try {
    return await deps.database.db.transaction(async (tx) => {
      const repo = createSsoRepo({ db: tx, cipher: deps.cipher });
      const before = await repo.get(ctx.workspaceId);
      const clientSecret = input.clientSecret ?? before?.clientSecret;
      if (!clientSecret)
        throw new AppError({
          code: "sso.client_secret_required",
          status: 400,
          message: "clientSecret: the provider's client secret is required the first time",
          details: { field: "clientSecret" },
        });
      const taken = await repo.domainsTakenElsewhere(ctx.workspaceId, allowedDomains);
      if (taken.length > 0) throw domainTaken(taken);
      const next = {
        enabled: input.enabled,
        issuer: input.issuer.replace(/\/$/, ""),
        clientId: input.clientId,
        clientSecret,
        allowedDomains,
        roleClaim: input.roleClaim ?? null,
        roleMap: input.roleMap,
        defaultRole: input.defaultRole,
        jitProvisioning: input.jitProvisioning,
        ssoRequired: input.ssoRequired,
      };
      const now = deps.clock.now();
      await repo.put(ctx.workspaceId, next, now);
      const changed = (Object.keys(next) as Array<keyof typeof next>).filter(
        (key) => !before || JSON.stringify(before[key]) !== JSON.stringify(next[key]),
      );
      return { view: toView({ ...next, workspaceId: ctx.workspaceId, updatedAt: now }), changed };
    });
  } catch (error) {
    // Two workspaces claiming one domain at the same moment: the primary key decides.
    if (isUniqueViolation(error)) throw domainTaken(allowedDomains);
    throw error;
  }
}

const domainTaken = (domains: string[]) =>
  new AppError({
    code: "sso.domain_taken",
    status: 409,
    message: `allowedDomains: ${domains.join(", ")} already sign${domains.length > 1 ? "" : "s"} in through another workspace`,
    details: { field: "allowedDomains", domains },
  });

/** "Test discovery": reads the issuer's discovery document (the given one, or the stored one). */
export async function testDiscovery({
  deps,
  ctx,
  issuer,
}: {
  deps: SsoDeps;
  ctx: ServiceContext;
  issuer?: string | undefined;
}): Promise<ProviderSummary> {
  const stored = await createSsoRepo({ db: deps.database.db, cipher: deps.cipher }).get(ctx.workspaceId);
  const target = issuer ?? stored?.issuer;
  if (!target)
    throw new AppError({
      code: "sso.discovery_failed",
      status: 400,
      message: "issuer: enter the provider's issuer URL first",
      details: { field: "issuer" },
    });
  const configuration = await discoverProvider({
    issuer: target,
    clientId: stored?.clientId || "papo",
    clientSecret: stored?.clientSecret || "unused",
  });
  return summarise(configuration);
}

/** The domain of an e-mail address, lower-cased, or undefined when it is not one. */
export function domainOf(email: string): string | undefined {
  const normalised = normaliseEmail(email);
  const at = normalised.lastIndexOf("@");
  if (at < 1 || at === normalised.length - 1) return undefined;
  return normalised.slice(at + 1);
}

/** A started login: where to send the browser, and the value of the cookie that binds the callback to this browser. */
export interface StartedSsoLogin {
  redirectUrl: string;
  browserToken: string;
}

/** `POST /api/v1/auth/sso/discover`: the workspace an e-mail's domain signs in through, if SSO is on there. */
export async function workspaceForEmail({ deps, email }: { deps: SsoDeps; email: string }): Promise<string> {
  const domain = domainOf(email);
  const repo = createSsoRepo({ db: deps.database.db, cipher: deps.cipher });
  const workspaceId = domain ? await repo.workspaceOfDomain(domain) : undefined;
  if (!workspaceId) throw ssoNotConfigured();
  return workspaceId;
}

/**
 * Starts an SSO login in a workspace: reads the provider's discovery document, makes a PKCE verifier, a state and a
 * nonce, keeps them server-side (hashed state, encrypted secrets, 10 minutes, single use) bound to a new browser
 * token, and returns the provider's authorization URL. `auth.sso_not_configured` when SSO is off there.
 */
export async function startSsoLogin({
  deps,
  workspaceId,
  redirectUri,
  loginHint,
}: {
  deps: SsoDeps;
  workspaceId: string;
  redirectUri: string;
  loginHint?: string | undefined;
}): Promise<StartedSsoLogin> {
  const repo = createSsoRepo({ db: deps.database.db, cipher: deps.cipher });
  const config = await repo.get(workspaceId);
  if (!config?.enabled) throw ssoNotConfigured();
  const provider = await discoverProvider(config).catch((error: unknown) => {
    throw new SsoFailure("sso.provider_unreachable", { workspaceId, cause: error });
  });
  const request = await buildAuthorizationRequest(provider, { redirectUri, loginHint });
  const browserToken = randomBytes(32).toString("base64url");
  const now = deps.clock.now();
  await repo.deleteExpiredLogins(now);
  await repo.insertLogin({
    id: randomUUID(),
    workspaceId,
    stateHash: sha256(request.state),
    browserHash: sha256(browserToken),
    issuer: config.issuer,
    codeVerifier: request.codeVerifier,
    nonce: request.nonce,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SSO_LOGIN_TTL_MS),
  });
  return { redirectUrl: request.url.href, browserToken };
}

/** Every way an SSO callback can fail; the code goes to the console (`/#/login?sso_error=<code>`) and the audit log. */
export type SsoFailureCode =
  | "auth.sso_not_configured"
  | "sso.invalid_state"
  | "sso.provider_error"
  | "sso.provider_unreachable"
  | "sso.invalid_response"
  | "sso.email_not_verified"
  | "sso.domain_not_allowed"
  | "sso.user_not_found"
  | "sso.email_taken"
  | "sso.user_deactivated"
  | "sso.failed";

/** A refused SSO callback: the code, and what is known of who it was (for the audit record). */
export class SsoFailure extends Error {
  override readonly name = "SsoFailure";
  readonly workspaceId: string | undefined;
  readonly userId: string | undefined;
  readonly email: string | undefined;
  constructor(
    readonly code: SsoFailureCode,
    { workspaceId, userId, email, cause }: { workspaceId?: string; userId?: string; email?: string; cause?: unknown } = {},
  ) {
    super(code, cause === undefined ? undefined : { cause });
    this.workspaceId = workspaceId;
    this.userId = userId;
    this.email = email;
  }
}

const ROLE_RANK: Record<UserRole, number> = { agent: 0, supervisor: 1, admin: 2 };

/**
 * The role of a user created at their first SSO login: the highest role among the claim's values found in the map
 * (the claim may be a string or a list, like `groups`), else the default role.
 */
export function mappedRole(config: Pick<SsoConfig, "roleClaim" | "roleMap" | "defaultRole">, claims: Claims): UserRole {
  if (!config.roleClaim) return config.defaultRole;
  const raw = claims[config.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string | number => typeof v === "string" || typeof v === "number");
  const roles = values.map((v) => config.roleMap[String(v)]).filter((r): r is UserRole => r !== undefined && userRoles.includes(r));
  if (roles.length === 0) return config.defaultRole;
  return roles.reduce((best, r) => (ROLE_RANK[r] > ROLE_RANK[best] ? r : best));
}

/** What a completed SSO login gives: a session like a password login's, and whether the user was just created. */
export interface SsoLoginResult {
  grant: SessionGrant;
  user: UserRow;
  provisioned: boolean;
}

/**
 * The callback: takes the login under way by its state (once; it must come from the browser that started it and
 * within 10 minutes), exchanges the code at the provider and validates the ID token, requires a verified e-mail in an
 * allowed domain, finds the workspace's user by that e-mail — or creates one when just-in-time provisioning is on —
 * refuses deactivated users, and starts a session. Papo's own two-factor is not asked: the provider owns MFA.
 * Throws `SsoFailure`.
 */
export async function finishSsoLogin({
  deps,
  query,
  callbackUrl,
  browserToken,
  client,
}: {
  deps: SsoDeps;
  query: { state?: string | undefined; error?: string | undefined };
  /** The redirect URI with the query the provider sent. */
  callbackUrl: URL;
  browserToken: string | undefined;
  client: ClientInfo;
}): Promise<SsoLoginResult> {
  const repo = createSsoRepo({ db: deps.database.db, cipher: deps.cipher });
  if (!query.state) throw new SsoFailure("sso.invalid_state");
  const pending = await repo.takeLogin(sha256(query.state));
  const now = deps.clock.now();
  if (!pending) throw new SsoFailure("sso.invalid_state");
  const workspaceId = pending.workspaceId;
  if (pending.expiresAt <= now || !browserToken || !sameHash(pending.browserHash, sha256(browserToken)))
    throw new SsoFailure("sso.invalid_state", { workspaceId });
  if (query.error) throw new SsoFailure("sso.provider_error", { workspaceId });

  const config = await repo.get(workspaceId);
  if (!config?.enabled || config.issuer !== pending.issuer) throw new SsoFailure("auth.sso_not_configured", { workspaceId });

  let claims: Claims;
  try {
    const provider = await discoverProvider(config);
    claims = await exchangeCode(provider, {
      callbackUrl,
      state: query.state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
      wantedClaims: ["email", "email_verified", ...(config.roleClaim ? [config.roleClaim] : [])],
    });
  } catch (error) {
    if (error instanceof ExchangeError) throw new SsoFailure(`sso.${error.kind}`, { workspaceId, cause: error });
    if (error instanceof AppError && error.code === "sso.discovery_failed")
      throw new SsoFailure("sso.provider_unreachable", { workspaceId, cause: error });
    throw error;
  }

  const email = typeof claims.email === "string" ? normaliseEmail(claims.email) : undefined;
  const verified = claims.email_verified === true || claims.email_verified === "true";
  if (!email || !verified) throw new SsoFailure("sso.email_not_verified", { workspaceId, ...(email ? { email } : {}) });
  const domain = domainOf(email);
  if (!domain || !config.allowedDomains.includes(domain)) throw new SsoFailure("sso.domain_not_allowed", { workspaceId, email });

  const users = createUsersRepo({ db: deps.database.db });
  let user = await users.findByEmailForLogin(email);
  let provisioned = false;
  if (user && user.workspaceId !== workspaceId) throw new SsoFailure("sso.email_taken", { workspaceId, email });
  if (!user) {
    if (!config.jitProvisioning) throw new SsoFailure("sso.user_not_found", { workspaceId, email });
    user = await provisionUser({ deps, workspaceId, email, claims, config });
    provisioned = true;
  }
  if (user.disabledAt) throw new SsoFailure("sso.user_deactivated", { workspaceId, userId: user.id, email });
  const grant = await completeLogin({ deps, user, client });
  return { grant, user, provisioned };
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A user created at their first SSO login: name from the claims, role from the mapping, a password nobody knows. */
async function provisionUser({
  deps,
  workspaceId,
  email,
  claims,
  config,
}: {
  deps: SsoDeps;
  workspaceId: string;
  email: string;
  claims: Claims;
  config: SsoConfig;
}): Promise<UserRow> {
  const name =
    typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : email.slice(0, email.indexOf("@"));
  // They sign in through the provider; an administrator can still set a password later (PATCH /api/v1/users/:id).
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  try {
    return await createUsersRepo({ db: deps.database.db }).insert({
      id: randomUUID(),
      workspaceId,
      name,
      email,
      passwordHash,
      role: mappedRole(config, claims),
    });
  } catch (error) {
    // The same person finishing two logins at once: the first created them.
    if (isUniqueViolation(error)) {
      const existing = await createUsersRepo({ db: deps.database.db }).findByEmailForLogin(email);
      if (existing?.workspaceId === workspaceId) return existing;
      throw new SsoFailure("sso.email_taken", { workspaceId, email });
    }
    throw error;
  }
}
