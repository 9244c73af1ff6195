import { z } from "zod";

export const RETENTION_MAX_DAYS = 3650;

export const contactParams = z.object({ id: z.uuid() });

export const eraseContactBody = z.object({
  confirm: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .describe("The contact's phone number (any formatting) or the word APAGAR (or ERASE): proof that the right contact is meant"),
});

export const erasureReportSchema = z.object({
  contactId: z.uuid(),
  erasedAt: z.iso.datetime(),
  messages: z.number().int().describe("Messages whose content was erased now"),
  media: z.number().int().describe("Media files deleted"),
  notes: z.number().int().describe("Internal notes deleted"),
  conversationsResolved: z.number().int().describe("Open conversations resolved"),
  queuedCancelled: z.number().int().describe("Queued outbound messages cancelled (failed with papo.contact_erased)"),
});

const days = z
  .number()
  .int()
  .min(1)
  .max(RETENTION_MAX_DAYS)
  .nullable()
  .describe(`Whole days, 1 to ${RETENTION_MAX_DAYS}; null keeps forever`);

export const retentionPolicyBody = z.object({
  messageDays: days.describe(
    `Message content (text, structured content and media) older than this many days is erased; 1 to ${RETENTION_MAX_DAYS}, null keeps it forever`,
  ),
  mediaDays: days
    .optional()
    .default(null)
    .describe(
      `Media files older than this many days are deleted even when the text is kept; 1 to ${RETENTION_MAX_DAYS}, null: as messageDays`,
    ),
});

export const retentionPolicySchema = z.object({
  messageDays: z.number().int().nullable(),
  mediaDays: z.number().int().nullable(),
  updatedAt: z.iso.datetime().nullable(),
  lastApplied: z
    .object({ at: z.iso.datetime(), messages: z.number().int(), media: z.number().int() })
    .nullable()
    .describe("The retention job's last pass over this workspace"),
});

const queryDays = z.union([
  z.literal("").transform(() => null),
  z.literal("null").transform(() => null),
  z.coerce.number().int().min(1).max(RETENTION_MAX_DAYS),
]);

export const retentionPreviewQuery = z.object({
  messageDays: queryDays.optional().describe("Preview this window instead of the saved one (`null` or empty: keep forever)"),
  mediaDays: queryDays.optional().describe("Preview this media window instead of the saved one"),
});

export const retentionPreviewSchema = z.object({
  policy: z.object({ messageDays: z.number().int().nullable(), mediaDays: z.number().int().nullable() }),
  at: z.iso.datetime(),
  messagesBefore: z.iso.datetime().nullable().describe("Content of messages created before this would be erased"),
  mediaBefore: z.iso.datetime().nullable().describe("Media of messages created before this would be deleted"),
  messages: z.object({ count: z.number().int(), oldest: z.iso.datetime().nullable() }),
  media: z.object({ files: z.number().int(), bytes: z.number().int(), oldest: z.iso.datetime().nullable() }),
  channels: z.array(
    z.object({
      channelId: z.uuid().nullable().describe("null: files uploaded through the API and never sent"),
      name: z.string().nullable(),
      messages: z.number().int(),
      mediaFiles: z.number().int(),
      mediaBytes: z.number().int(),
    }),
  ),
});
