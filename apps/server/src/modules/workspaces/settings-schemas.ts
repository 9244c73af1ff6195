import { z } from "zod";

export const workspaceSettingsSchema = z.object({
  name: z.string(),
  timeZone: z.string().describe("IANA time zone (e.g. America/Sao_Paulo): scheduled messages and reports read dates in it"),
});

export const updateWorkspaceSettingsBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  timeZone: z.string().min(1).max(64).optional().describe("IANA time zone; 422 workspace.invalid_time_zone otherwise"),
});
