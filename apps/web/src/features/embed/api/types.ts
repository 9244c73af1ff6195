import type { LoginResponse } from "../../../lib/api-types.ts";

export type EmbedRole = "admin" | "supervisor" | "agent";
export type EmbedVerification = "secret" | "jwks";

/** `GET /api/v1/workspace/embed` (apps/server/src/modules/auth/embed/schemas.ts): never the secret itself. */
export interface EmbedSettings {
  enabled: boolean;
  verification: EmbedVerification;
  secretConfigured: boolean;
  secretUpdatedAt: string | null;
  jwksUrl: string | null;
  issuer: string;
  audience: string;
  maxLifetimeSeconds: number;
  roleClaim: string;
  roleMap: Record<string, EmbedRole>;
  defaultRole: EmbedRole;
  syncRoles: boolean;
  jitProvisioning: boolean;
  frameOrigins: string[];
  embedUrl: string;
}

/** `PUT /api/v1/workspace/embed`'s body. */
export interface EmbedSettingsInput {
  enabled: boolean;
  verification: EmbedVerification;
  secret?: string;
  generateSecret?: boolean;
  jwksUrl?: string | null;
  issuer: string;
  audience?: string;
  maxLifetimeSeconds?: number;
  roleClaim?: string;
  roleMap?: Record<string, EmbedRole>;
  defaultRole?: EmbedRole;
  syncRoles?: boolean;
  jitProvisioning?: boolean;
  frameOrigins?: string[];
}

export type EmbedSettingsSaved = EmbedSettings & { generatedSecret?: string };

/** `POST /api/v1/auth/embed`: a session, and the CRM origins allowed to post the next tokens. */
export type EmbedGrant = LoginResponse & { frameOrigins: string[] };

export const embedPaths = {
  settings: "/api/v1/workspace/embed",
  login: "/api/v1/auth/embed",
  refresh: "/api/v1/auth/embed/refresh",
  frame: "/api/v1/auth/embed/frame",
} as const;

export const embedKeys = { settings: ["embed-settings"] as const };
