import { z } from "zod";
import { userRoles } from "../../../db/schema/users.ts";
import { publicUserSchema } from "../schemas.ts";
import { MAX_LIFETIME_CAP_SECONDS, MIN_SECRET_BYTES } from "./service.ts";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const isLoopback = (url: URL) => LOOPBACK.has(url.hostname);

/** `https://host[:port]` (http only for localhost, for development), nothing after the origin. */
export const frameOriginSchema = z
  .string()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url));
      return secure && url.origin === value.toLowerCase().replace(/\/$/, "") && !value.endsWith("/");
    } catch {
      return false;
    }
  }, "an origin like https://crm.example.com (scheme, host and port only; http only for localhost)");

const jwksUrlSchema = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url));
    } catch {
      return false;
    }
  }, "an https URL (http only for localhost)");

const roleSchema = z.enum(userRoles);

const settingsFields = {
  enabled: z.boolean(),
  verification: z
    .enum(["secret", "jwks"])
    .describe("`secret`: HS256 with the shared secret; `jwks`: RS256/ES256/EdDSA with the CRM's JWKS"),
  jwksUrl: jwksUrlSchema.nullable().optional().describe("The CRM's JWKS URL (keys fetched and cached; a new `kid` refetches)"),
  issuer: z.string().trim().min(1).max(500).describe("The `iss` the CRM puts in its tokens"),
  audience: z.string().trim().min(1).max(200).optional().describe('The `aud` expected (default "papo")'),
  maxLifetimeSeconds: z
    .number()
    .int()
    .min(30)
    .max(MAX_LIFETIME_CAP_SECONDS)
    .optional()
    .describe("Longest token accepted, `exp - iat` (default 300, at most 600)"),
  roleClaim: z.string().trim().min(1).max(100).optional().describe('The claim holding the CRM role (default "role")'),
  roleMap: z
    .record(z.string().min(1).max(200), roleSchema)
    .refine((map) => Object.keys(map).length <= 50, "at most 50 entries")
    .optional()
    .describe("CRM role value → Papo role"),
  defaultRole: roleSchema.optional().describe("Role when no mapped value is in the token (default agent)"),
  syncRoles: z.boolean().optional().describe("Apply the mapped role at every login, not only to users created by one"),
  jitProvisioning: z.boolean().optional().describe("Create unknown users at their first login"),
  frameOrigins: z.array(frameOriginSchema).max(20).optional().describe("CRM origins allowed to frame /embed and post tokens to it"),
};

export const embedSettingsBody = z.object({
  ...settingsFields,
  secret: z
    .string()
    .max(512)
    .optional()
    .describe(`A new HS256 shared secret, at least ${MIN_SECRET_BYTES} bytes; write-only (absent keeps the stored one)`),
  generateSecret: z.boolean().optional().describe("Papo generates a new shared secret, answered once in `generatedSecret`"),
});

export const embedSettingsSchema = z.object({
  enabled: z.boolean(),
  verification: z.enum(["secret", "jwks"]),
  secretConfigured: z.boolean(),
  secretUpdatedAt: z.string().nullable(),
  jwksUrl: z.string().nullable(),
  issuer: z.string(),
  audience: z.string(),
  maxLifetimeSeconds: z.number(),
  roleClaim: z.string(),
  roleMap: z.record(z.string(), roleSchema),
  defaultRole: roleSchema,
  syncRoles: z.boolean(),
  jitProvisioning: z.boolean(),
  frameOrigins: z.array(z.string()),
  embedUrl: z.string().describe("What the CRM frames, with its token in the fragment: `<embedUrl>#token=<jwt>`"),
});

export const embedSettingsPutResponse = embedSettingsSchema.extend({
  generatedSecret: z.string().optional().describe("Only when `generateSecret` was asked: shown this once, never again"),
});

export const embedLoginBody = z.object({
  token: z.string().min(1).max(8192).describe("The CRM-signed JWT (see docs/security.md, Embedding in a CRM)"),
});

export const embedGrantSchema = z.object({
  token: z.string().describe("The access token: `Authorization: Bearer <token>`"),
  expiresIn: z.number().describe("Seconds until it expires; then POST /api/v1/auth/embed/refresh, or a fresh CRM token"),
  user: publicUserSchema,
  frameOrigins: z.array(z.string()).describe("The CRM origins allowed to post tokens to the embedded console"),
});

export const frameQuery = z.object({ workspace: z.uuid() });
export const frameOriginsSchema = z.object({ origins: z.array(z.string()) });
