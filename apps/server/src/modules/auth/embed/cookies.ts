import type { FastifyReply, FastifyRequest } from "fastify";
import type { SessionGrant } from "../sessions-service.ts";

/**
 * The embedded console's refresh token. In a CRM's iframe Papo is a third party: a SameSite=Strict cookie (the
 * console's `papo_refresh`) would never be sent back. Over HTTPS this one is `SameSite=None; Secure; Partitioned`
 * (CHIPS: kept per top-level site, so it is the CRM page's cookie only, and browsers that block third-party cookies
 * still accept it). Over plain http (development) browsers refuse `SameSite=None` without `Secure`: it is Lax, which
 * reaches frames of the same site only (localhost ports). Where the browser drops it anyway, the console lives on its
 * access token and asks the CRM for a fresh login token when that expires.
 */
export const EMBED_REFRESH_COOKIE = "papo_embed_refresh";
const COOKIE_PATH = "/api/v1/auth/embed";

const cookieOptions = (request: FastifyRequest) => {
  const secure = request.protocol === "https";
  return secure
    ? { path: COOKIE_PATH, httpOnly: true, secure: true, sameSite: "none" as const, partitioned: true }
    : { path: COOKIE_PATH, httpOnly: true, secure: false, sameSite: "lax" as const };
};

export const embedRefreshCookieOf = (request: FastifyRequest): string | undefined => request.cookies[EMBED_REFRESH_COOKIE] || undefined;

export function setEmbedRefreshCookie(request: FastifyRequest, reply: FastifyReply, grant: SessionGrant, now: Date): void {
  const maxAge = Math.max(0, Math.round((grant.refreshExpiresAt.getTime() - now.getTime()) / 1000));
  reply.setCookie(EMBED_REFRESH_COOKIE, grant.refreshToken, { ...cookieOptions(request), maxAge });
}

export function clearEmbedRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(EMBED_REFRESH_COOKIE, cookieOptions(request));
}
