import type { FastifyReply, FastifyRequest } from "fastify";
import type { SessionGrant } from "./sessions-service.ts";

/** The console's refresh token: httpOnly (no script reads it), SameSite=Strict, sent only to the auth routes. */
export const REFRESH_COOKIE = "papo_refresh";
const COOKIE_PATH = "/api/v1/auth";

export type TokenDelivery = "cookie" | "body";

// Secure whenever the request came over HTTPS: served with TLS_CERT, or behind a proxy that says so (TRUST_PROXY=1 and
// X-Forwarded-Proto). Over plain http (local development) a Secure cookie would never come back.
const cookieOptions = (request: FastifyRequest, maxAgeSeconds: number) => ({
  path: COOKIE_PATH,
  httpOnly: true,
  sameSite: "strict" as const,
  secure: request.protocol === "https",
  maxAge: maxAgeSeconds,
});

export const refreshCookieOf = (request: FastifyRequest): string | undefined => request.cookies[REFRESH_COOKIE] || undefined;

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: "strict", secure: request.protocol === "https" });
}

/**
 * The answer of a completed login or refresh: the access token always in the body; the refresh token in the cookie, or
 * in the body for API clients that asked for it.
 */
export function deliverGrant(
  request: FastifyRequest,
  reply: FastifyReply,
  grant: SessionGrant,
  delivery: TokenDelivery,
  now: Date,
): { token: string; expiresIn: number; user: SessionGrant["user"]; refreshToken?: string; refreshExpiresIn?: number } {
  const refreshExpiresIn = Math.max(0, Math.round((grant.refreshExpiresAt.getTime() - now.getTime()) / 1000));
  const base = { token: grant.token, expiresIn: grant.expiresIn, user: grant.user };
  reply.header("cache-control", "no-store");
  if (delivery === "body") return { ...base, refreshToken: grant.refreshToken, refreshExpiresIn };
  reply.setCookie(REFRESH_COOKIE, grant.refreshToken, cookieOptions(request, refreshExpiresIn));
  return base;
}
