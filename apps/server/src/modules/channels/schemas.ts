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

const digits = (field: string) => z.string().regex(/^\d+$/, `${field} must be the numeric id shown in Meta's WhatsApp Manager`);

export const createChannelBody = z.object({
  name: z.string().min(1).max(120),
  phoneNumberId: digits("phoneNumberId"),
  wabaId: digits("wabaId"),
  displayPhoneNumber: z.string().max(32).optional(),
  accessToken: z.string().min(1).describe("Write-only: never returned"),
  appSecret: z.string().min(1).optional().describe("Write-only: the Meta app secret that signs this number's webhooks"),
  apiUrl: z.url().optional(),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .optional(),
  sendRatePerSecond: z.number().int().min(1).max(1000).optional(),
});

export const updateChannelBody = createChannelBody.omit({ phoneNumberId: true }).partial();
