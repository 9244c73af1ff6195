import { errors, jwtVerify, SignJWT } from "jose";
import type { UserRole } from "../../db/schema/users.ts";

export interface TokenClaims {
  userId: string;
  workspaceId: string;
  role: UserRole;
}

const ISSUER = "papo";
const AUDIENCE = "papo-api";

/** Signs and checks the API's bearer tokens (HS256 with a key derived from the master key). */
export function createTokenService({ key, ttlSeconds = 12 * 3600 }: { key: Uint8Array; ttlSeconds?: number }) {
  return {
    ttlSeconds,
    sign: (claims: TokenClaims): Promise<string> =>
      new SignJWT({ ws: claims.workspaceId, role: claims.role })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(claims.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
    /** Returns the claims, or `null` for any invalid, expired or foreign token. */
    async verify(token: string): Promise<TokenClaims | null> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
        const role = payload.role;
        if (
          typeof payload.sub !== "string" ||
          typeof payload.ws !== "string" ||
          (role !== "admin" && role !== "supervisor" && role !== "agent")
        )
          return null;
        return { userId: payload.sub, workspaceId: payload.ws, role };
      } catch (error) {
        if (error instanceof errors.JOSEError) return null;
        throw error;
      }
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
