import { handoffReasons } from "@papo/copilot";
import { z } from "zod";
import { botModes, weekDays } from "../../db/schema/bot-settings.ts";
import { isValidTimeZone } from "./business-hours.ts";

const hhmm = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be HH:MM (00:00 to 24:00)")
  .describe('"HH:MM"; an end not after its start runs overnight ("22:00"–"06:00")');
const range = z
  .object({ start: hhmm, end: hhmm })
  .refine((r) => r.start !== r.end, { message: "start and end must differ", path: ["end"] });
const replies = z.object({
  pt: z.string().max(1024),
  en: z.string().max(1024),
  es: z.string().max(1024),
});

export const businessHoursSchema = z.object({
  timezone: z
    .string()
    .refine(isValidTimeZone, { message: "not an IANA time zone (e.g. America/Sao_Paulo)" })
    .describe("IANA time zone the hours are read in, e.g. America/Sao_Paulo"),
  days: z.object(
    Object.fromEntries(weekDays.map((d) => [d, z.array(range).max(6)])) as Record<(typeof weekDays)[number], z.ZodArray<typeof range>>,
  ),
});

export const botSettingsSchema = z.object({
  mode: z.enum(botModes).describe('"bot_first": the bot answers new conversations and hands off to people'),
  confidenceThreshold: z.number().min(0).max(1).describe("Minimum answer confidence for the bot to answer (default 0.5)"),
  negativeSentimentThreshold: z
    .number()
    .min(0)
    .max(1)
    .describe("Hand off when a message's sentiment score is at or below minus this (default 0.5)"),
  humanOnlyTopics: z.array(z.string().trim().min(1).max(100)).max(100).describe("Words or phrases that always go to a person"),
  businessHours: businessHoursSchema.nullable().describe("null = always within hours"),
  outsideHoursReply: replies,
  handoffReply: replies,
});
export type BotSettingsDto = z.infer<typeof botSettingsSchema>;

export const channelParams = z.object({ id: z.uuid() });
export const conversationParams = z.object({ id: z.uuid() });

export const handoffBody = z.object({
  note: z.string().trim().max(2000).optional().describe("Why the agent transfers it; kept as the handoff's detail"),
});

export const handoffSchema = z.object({
  id: z.uuid(),
  reason: z.enum(handoffReasons),
  detail: z.string().nullable(),
  summary: z.string().nullable(),
  summaryEngine: z.enum(["builtin", "provider"]).nullable(),
  by: z.object({ kind: z.enum(["bot", "user"]), userId: z.uuid().nullable() }),
  at: z.iso.datetime(),
});
