import { z } from "zod";
import { scheduledConditions, scheduledKinds, scheduledStatuses } from "../../db/schema/scheduled-messages.ts";
import { sendMessageBody } from "../messages/schemas.ts";

const when = {
  sendAt: z.iso.datetime({ offset: true }).optional().describe("The instant to send (ISO 8601 with Z or an offset)"),
  sendAtLocal: z
    .string()
    .optional()
    .describe("YYYY-MM-DDTHH:mm on the wall clock of the workspace's time zone (GET /api/v1/workspace/settings)"),
  afterHours: z.number().min(0.25).max(720).optional().describe("Send this many hours from now (0.25 to 720)"),
};

export const createScheduledBody = z.object({
  kind: z.enum(scheduledKinds).optional().describe("message (default): send `message` then; reminder: tell its author then"),
  message: sendMessageBody.optional().describe("The same body as POST /api/v1/conversations/:id/messages (required for a message)"),
  note: z.string().max(1000).optional().describe("The reminder's text (or an internal note on a message), shown to people only"),
  condition: z
    .enum(scheduledConditions)
    .optional()
    .describe("always (default), or no_reply: only if the customer has not written since it was scheduled (a follow-up)"),
  ...when,
});
export type CreateScheduledBody = z.infer<typeof createScheduledBody>;

export const updateScheduledBody = z.object({
  message: sendMessageBody.optional(),
  note: z.string().max(1000).nullable().optional().describe("null removes the note"),
  condition: z.enum(scheduledConditions).optional(),
  ...when,
});
export type UpdateScheduledBody = z.infer<typeof updateScheduledBody>;

export const scheduledStatusSchema = z.enum(scheduledStatuses);

export const scheduledSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  kind: z.enum(scheduledKinds),
  condition: z.enum(scheduledConditions),
  messageType: z.string().describe("The message's type (text, template, …) or reminder"),
  message: z.unknown().nullable().describe("The send body as scheduled (null for a reminder, or after the contact's erasure)"),
  note: z.string().nullable(),
  sendAt: z.iso.datetime(),
  sendAtLocal: z.string().describe("sendAt on the wall clock of the workspace's time zone (YYYY-MM-DDTHH:mm)"),
  timeZone: z.string(),
  status: scheduledStatusSchema,
  messageId: z.uuid().nullable().describe("The message it became (status sent)"),
  errorCode: z.string().nullable().describe("Why it failed or was skipped (scheduling.window_closed, scheduling.customer_replied, …)"),
  errorMessage: z.string().nullable(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  windowOpenAtSendTime: z.boolean().describe("Whether the conversation's 24-hour window (as it stands now) is still open at sendAt"),
});
export type ScheduledDto = z.infer<typeof scheduledSchema>;

export const warningSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown() });
export type ScheduledWarning = z.infer<typeof warningSchema>;

export const scheduledWithWarnings = z.object({ scheduled: scheduledSchema, warnings: z.array(warningSchema) });

export const conversationScheduledQuery = z.object({
  status: scheduledStatusSchema
    .optional()
    .describe("Only this status (default: everything still ahead, and the last 7 days but cancelled)"),
});

export const workspaceScheduledQuery = z.object({
  status: scheduledStatusSchema.optional(),
  mine: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .describe("true: only what the caller scheduled"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
