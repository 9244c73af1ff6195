import { errors, jwtVerify, SignJWT } from "jose";
import { type Clock, systemClock } from "../../clock.ts";
import type { UserRole } from "../../db/schema/users.ts";

/** What an access token says: who, in which workspace, and in which session (`sid`: the session's family id). */
export interface TokenClaims {
  userId: string;
  workspaceId: string;
  role: UserRole;
  sessionId: string;
}

/**
 * The single-purpose token between a correct password and the end of a login: `verify` completes a login with a
 * second factor, `setup` lets a user whose workspace requires two-factor enrol (and nothing else).
 */
export type MfaPurpose = "verify" | "setup";

export interface MfaClaims {
  userId: string;
  workspaceId: string;
  purpose: MfaPurpose;
}

const ISSUER = "papo";
const AUDIENCE = "papo-api";
// Another audience: an MFA token is never accepted as an access token, nor the other way round.
const MFA_AUDIENCE = "papo-mfa";
const MFA_TTL_SECONDS: Record<MfaPurpose, number> = { verify: 5 * 60, setup: 15 * 60 };

const isRole = (role: unknown): role is UserRole => role === "admin" || role === "supervisor" || role === "agent";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/**
 * Signs and checks the API's tokens (HS256 only, with a key derived from the master key), by the injectable clock so
 * expiry is tested without waiting. Access tokens are short-lived; a session lives on through its refresh token.
 */
export function createTokenService({
  key,
  ttlSeconds = 15 * 60,
  clock = systemClock,
}: {
  key: Uint8Array;
  ttlSeconds?: number;
  clock?: Clock;
}) {
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  const check = async (token: string, audience: string) => {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience, algorithms: ["HS256"], currentDate: clock.now() });
      return payload;
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  };
  const signed = (claims: Record<string, unknown>, subject: string, audience: string, ttl: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt(nowSeconds())
      .setExpirationTime(nowSeconds() + ttl)
      .sign(key);

  return {
    ttlSeconds,
    sign: (claims: TokenClaims): Promise<string> =>
      signed({ ws: claims.workspaceId, role: claims.role, sid: claims.sessionId }, claims.userId, AUDIENCE, ttlSeconds),
    /** Returns the claims, or `null` for any invalid, expired, foreign or session-less token. */
    async verify(token: string): Promise<TokenClaims | null> {
      const payload = await check(token, AUDIENCE);
      if (!payload) return null;
      const { sub, ws, role, sid } = payload;
      if (!isId(sub) || !isId(ws) || !isId(sid) || !isRole(role)) return null;
      return { userId: sub, workspaceId: ws, role, sessionId: sid };
    },
    mfaTtlSeconds: (purpose: MfaPurpose) => MFA_TTL_SECONDS[purpose],
    signMfa: (claims: MfaClaims): Promise<string> =>
      signed({ ws: claims.workspaceId, purpose: claims.purpose }, claims.userId, MFA_AUDIENCE, MFA_TTL_SECONDS[claims.purpose]),
    /** The claims of a valid MFA token of exactly this purpose, or `null`. */
    async verifyMfa(token: string, purpose: MfaPurpose): Promise<MfaClaims | null> {
      const payload = await check(token, MFA_AUDIENCE);
      if (!payload || payload.purpose !== purpose || !isId(payload.sub) || !isId(payload.ws)) return null;
      return { userId: payload.sub, workspaceId: payload.ws, purpose };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
