import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password-policy.ts";

export const publicUserSchema = z.object({ id: z.uuid(), workspaceId: z.uuid(), name: z.string(), email: z.string(), role: z.string() });

export const tokenDelivery = z
  .enum(["cookie", "body"])
  .optional()
  .describe(
    "Where the refresh token goes: `cookie` (default; an httpOnly, SameSite=Strict cookie on /api/v1/auth, for browsers) or `body` (`refreshToken` in the answer, for API clients that keep it themselves)",
  );

/** A started session: the access token, and the refresh token when it is delivered in the body. */
export const sessionGrantSchema = z.object({
  token: z.string().describe("The access token: `Authorization: Bearer <token>`"),
  expiresIn: z.number().describe("Seconds until the access token expires; then POST /api/v1/auth/refresh"),
  user: publicUserSchema,
  refreshToken: z.string().optional().describe('Only with `tokenDelivery: "body"` (or a refresh that sent its token in the body)'),
  refreshExpiresIn: z.number().optional().describe("Seconds until the refresh token expires, when it is in the body"),
});

export const mfaRequiredSchema = z.object({
  mfaRequired: z.literal(true),
  mfaToken: z.string().describe("Single-purpose, short-lived: POST /api/v1/auth/2fa/verify with it and a code"),
  expiresIn: z.number(),
});

export const mfaSetupRequiredSchema = z.object({
  mfaSetupRequired: z.literal(true),
  mfaToken: z
    .string()
    .describe("The workspace requires two-factor: this token opens only POST /api/v1/auth/2fa/setup and /2fa/enable, which end the login"),
  expiresIn: z.number(),
});

export const loginBody = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
  tokenDelivery,
});

export const refreshBody = z
  .object({
    refreshToken: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("The refresh token, if not in the cookie; the answer then carries the next one in the body"),
    tokenDelivery,
  })
  .optional();

const totpCode = z.string().trim().min(6).max(10).describe("The 6-digit code of the authenticator app");
const recoveryCode = z.string().trim().min(10).max(20).describe("One of the recovery codes (each works once)");

export const verifyBody = z
  .object({ mfaToken: z.string().min(1).max(2000), code: totpCode.optional(), recoveryCode: recoveryCode.optional(), tokenDelivery })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), "send either code or recoveryCode");

export const setupBody = z
  .object({
    mfaToken: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .describe("The login's `mfaToken` when enrolment is required; else send the bearer token"),
  })
  .optional();

export const setupResponse = z.object({
  secret: z.string().describe("The base32 secret, for apps that cannot scan the QR code"),
  uri: z.string().describe("The otpauth:// URI"),
  qrCode: z.string().describe("The URI as a QR code: an SVG data: URL"),
});

export const enableBody = z.object({
  code: totpCode,
  mfaToken: z
    .string()
    .min(1)
    .max(2000)
    .optional()
    .describe("The login's `mfaToken` when enrolment is required; else send the bearer token"),
  tokenDelivery,
});

export const enableResponse = z.object({
  recoveryCodes: z.array(z.string()).describe("Ten single-use codes, shown this once"),
  token: z.string().optional(),
  expiresIn: z.number().optional(),
  user: publicUserSchema.optional(),
  refreshToken: z.string().optional(),
  refreshExpiresIn: z.number().optional(),
});

export const disableBody = z
  .object({ password: z.string().min(1).max(1024), code: totpCode.optional(), recoveryCode: recoveryCode.optional() })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), "send either code or recoveryCode");

export const mfaStatusSchema = z.object({
  enabled: z.boolean(),
  enabledAt: z.iso.datetime().nullable(),
  recoveryCodesLeft: z.number(),
  required: z.boolean().describe("The workspace requires two-factor of everyone"),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z
    .string()
    .max(1024)
    .describe(`At least ${MIN_PASSWORD_LENGTH} characters, not a common password, without your e-mail or name`),
});

export const sessionSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime().describe("When the login happened"),
  lastUsedAt: z.iso.datetime().describe("The last login or token refresh of this session"),
  expiresAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean().describe("The session of the token making this request"),
});

export const workspaceSecuritySchema = z.object({
  mfaRequired: z.boolean().describe("Every user must use two-factor authentication; those without it enrol at their next login"),
});
