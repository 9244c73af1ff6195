import { z } from "zod";
import { businessHoursSchema } from "../bot/schemas.ts";

export const workspaceSettingsSchema = z.object({
  name: z.string(),
  timeZone: z.string().describe("IANA time zone (e.g. America/Sao_Paulo): scheduled messages and reports read dates in it"),
  businessHours: businessHoursSchema
    .nullable()
    .describe('When the team works; reports count "business hours only" timings inside them. null = not set'),
});

export const updateWorkspaceSettingsBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  timeZone: z.string().min(1).max(64).optional().describe("IANA time zone; 422 workspace.invalid_time_zone otherwise"),
  businessHours: z
    .unknown()
    .optional()
    .describe(
      'null, or {timezone, days: {mon: [{start: "09:00", end: "18:00"}], …}} like the bot\'s; 422 workspace.invalid_business_hours naming the field otherwise',
    ),
});
