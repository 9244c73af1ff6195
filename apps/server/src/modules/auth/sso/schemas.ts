import { z } from "zod";
import { userRoles } from "../../../db/schema/users.ts";
import { issuerProblem } from "./oidc.ts";

const role = z.enum(userRoles);

/** `example.com`, `mail.example.com.br`: lower-cased, no `@`, no scheme. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const issuer = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .superRefine((value, ctx) => {
    const problem = issuerProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .describe("The provider's Issuer Identifier (its discovery document is `<issuer>/.well-known/openid-configuration`)");

export const ssoSettingsSchema = z.object({
  configured: z.boolean().describe("Whether a configuration was saved (false: the fields below are defaults)"),
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean().describe("A client secret is stored (it is never returned)"),
  allowedDomains: z.array(z.string()),
  roleClaim: z.string().nullable(),
  roleMap: z.record(z.string(), role),
  defaultRole: role,
  jitProvisioning: z.boolean(),
  ssoRequired: z.boolean(),
  callbackUrl: z.string().describe("The redirect URI to register at the provider"),
  updatedAt: z.iso.datetime().nullable(),
});

export const ssoSettingsBody = z.object({
  enabled: z.boolean(),
  issuer,
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000).optional().describe("Write-only. Required the first time; omit it to keep the stored one"),
  allowedDomains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .transform((d) => d.replace(/^@/, ""))
        .pipe(z.string().regex(DOMAIN, "must be a domain like example.com")),
    )
    .max(50)
    .describe("E-mail domains that sign in through this provider (`example.com`); a domain belongs to one workspace"),
  roleClaim: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null))
    .describe("The claim with the user's groups or role (`groups`, `roles`); empty: every new user gets defaultRole"),
  roleMap: z
    .record(z.string().trim().min(1).max(200), role)
    .optional()
    .default({})
    .refine((map) => Object.keys(map).length <= 100, "at most 100 entries")
    .describe("Claim value → Papo role, for users created at their first SSO login; the highest matching role wins"),
  defaultRole: role.default("agent").describe("Role of new users whose claim matches no entry"),
  jitProvisioning: z.boolean().default(false).describe("Create unknown users at their first SSO login; false: they must exist"),
  ssoRequired: z
    .boolean()
    .default(false)
    .describe("Refuse password login to everyone but administrators (who keep it as a way in when the provider is down)"),
});

export type SsoSettingsInput = z.infer<typeof ssoSettingsBody>;

export const testDiscoveryBody = z.object({ issuer: issuer.optional().describe("The issuer to try; omitted: the stored one") }).optional();

export const testDiscoveryResponse = z.object({
  issuer: z.string(),
  authorizationEndpoint: z.string(),
  tokenEndpoint: z.string(),
  userinfoEndpoint: z.string().nullable(),
  jwksUri: z.string().nullable(),
  pkceS256Listed: z.boolean(),
});

export const discoverBody = z.object({ email: z.string().trim().min(3).max(320) });
export const discoverResponse = z.object({ redirectUrl: z.string().describe("Send the browser here (the identity provider)") });

export const startQuery = z.object({ workspace: z.uuid() });

export const callbackQuery = z.object({
  state: z.string().max(1000).optional(),
  code: z.string().max(4000).optional(),
  iss: z.string().max(1000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});
