import { z } from "zod";

export const channelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  phoneNumberId: z.string(),
  wabaId: z.string(),
  displayPhoneNumber: z.string().nullable(),
  apiUrl: z.string(),
  apiVersion: z.string(),
  sendRatePerSecond: z.number(),
  sandbox: z.boolean(),
  hasAccessToken: z.boolean(),
  hasAppSecret: z.boolean(),
  webhook: z.object({ url: z.string().describe("Paste into Meta's App Dashboard → WhatsApp → Configuration"), verifyToken: z.string() }),
  createdAt: z.iso.datetime(),
});

const digits = (field: string) => z.string().max(32).regex(/^\d+$/, `${field} must be the numeric id shown in Meta's WhatsApp Manager`);

export const createChannelBody = z.object({
  name: z.string().min(1).max(120),
  phoneNumberId: digits("phoneNumberId"),
  wabaId: digits("wabaId"),
  displayPhoneNumber: z.string().max(32).optional(),
  // Meta's tokens are a few hundred characters and app secrets 32: the caps only stop megabytes from being stored.
  accessToken: z.string().min(1).max(4096).describe("Write-only: never returned"),
  appSecret: z.string().min(1).max(256).optional().describe("Write-only: the Meta app secret that signs this number's webhooks"),
  apiUrl: z.url().max(2048).optional(),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .optional(),
  sendRatePerSecond: z.number().int().min(1).max(1000).optional(),
});

export const updateChannelBody = createChannelBody.omit({ phoneNumberId: true }).partial();

export const HEALTH_FAILURE_REASONS = ["unreachable", "credentials", "number_not_found", "temporary", "refused"] as const;

export const healthCheckSchema = z.object({
  ok: z.boolean().describe("Meta answered for this number with the channel's credentials"),
  checkedAt: z.iso.datetime(),
  phoneNumber: z
    .object({
      id: z.string(),
      displayPhoneNumber: z.string(),
      verifiedName: z.string(),
      qualityRating: z.string().describe("GREEN, YELLOW, RED or UNKNOWN"),
      codeVerificationStatus: z.string().optional(),
      nameStatus: z.string().optional(),
      platformType: z.string().optional(),
      throughputLevel: z.string().optional(),
    })
    .optional()
    .describe("What Meta says about the number, when ok"),
  webhook: z.object({ url: z.string(), verifyToken: z.string() }),
  error: z
    .object({
      code: z
        .number()
        .int()
        .nullable()
        .describe("Meta's error code (190: the token is invalid or expired); null when Meta was not reached"),
      reason: z
        .enum(HEALTH_FAILURE_REASONS)
        .describe(
          "unreachable: no answer from the API URL; credentials: the token is invalid, expired or lacks a permission; number_not_found: the phone number id does not exist or the token cannot see it; temporary: Meta's side failed, try later; refused: anything else Meta refused",
        ),
      category: z.enum(["retryable", "needs_template", "permanent", "auth"]).describe("@papo/whatsapp's classification of the code"),
      retryable: z.boolean().describe("The same check may succeed later without changing anything"),
      message: z.string().describe("Meta's own message"),
      hint: z.object({ "pt-BR": z.string(), en: z.string() }).describe("What to do, for people"),
    })
    .optional()
    .describe("Why the check failed, when not ok"),
});
