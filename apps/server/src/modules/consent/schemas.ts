import { z } from "zod";
import { consentLanguages } from "../../db/schema/consent-settings.ts";
import { consentPurposes, consentSources, consentStates } from "../../db/schema/contact-consents.ts";
import { foldKeyword } from "./keywords.ts";

/** Sources a caller may name; the keyword sources are recorded by Papo itself from inbound messages. */
export const API_CONSENT_SOURCES = ["api", "console", "import", "campaign_form"] as const;
export const EVIDENCE_MAX_LENGTH = 2000;
export const KEYWORD_MAX_LENGTH = 60;
export const KEYWORDS_MAX = 50;
export const REPLY_MAX_LENGTH = 1000;
export const HISTORY_MAX = 500;

const purpose = z.enum(consentPurposes);
const source = z.enum(consentSources);

const currentConsentSchema = z.object({
  state: z.enum([...consentStates, "unknown"]).describe("`unknown`: nothing recorded for this purpose"),
  source: source.nullable(),
  updatedAt: z.iso.datetime().nullable(),
});

export const consentRecordSchema = z.object({
  id: z.uuid(),
  purpose,
  state: z.enum(consentStates),
  source,
  evidence: z.string().nullable().describe("What proves it (the customer's words, a CRM reference, a note); stored encrypted"),
  messageId: z.uuid().nullable().describe("The inbound message that carried an opt-out or opt-in keyword"),
  recordedBy: z.object({
    type: z.enum(["user", "system"]),
    id: z.uuid().nullable().describe("The user's id; null for Papo itself or a deleted user"),
    name: z.string().nullable().describe("The user's name, or the part of Papo (`consent-keywords`)"),
  }),
  recordedAt: z.iso.datetime(),
});

export const contactConsentsSchema = z.object({
  contactId: z.uuid(),
  current: z.object({ service: currentConsentSchema, marketing: currentConsentSchema }),
  history: z.array(consentRecordSchema).describe("Newest first"),
});

export const contactParams = z.object({ id: z.uuid() });

export const consentHistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(HISTORY_MAX).default(100).describe("History records to return, newest first"),
});

export const recordConsentBody = z.object({
  purpose: purpose.describe("`service`: being answered; `marketing`: promotions, campaigns, MARKETING templates"),
  state: z.enum(consentStates),
  source: z
    .enum(API_CONSENT_SOURCES)
    .default("api")
    .describe("How the decision was obtained; `opt_out_keyword`/`opt_in_keyword` are Papo's own"),
  evidence: z
    .string()
    .trim()
    .min(1)
    .max(EVIDENCE_MAX_LENGTH)
    .optional()
    .describe(`What proves it (a CRM reference, the form, a note), up to ${EVIDENCE_MAX_LENGTH} characters; stored encrypted`),
});

const perLanguage = <T extends z.ZodType>(value: T) => z.object({ "pt-BR": value, en: value, es: value });

const keywordList = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(KEYWORD_MAX_LENGTH)
      .refine((k) => foldKeyword(k).length > 0, "must contain a letter or a digit"),
  )
  .max(KEYWORDS_MAX)
  // "Sair" and "SAIR!" are one keyword: the first spelling stays.
  .transform((list) => list.filter((k, i) => list.findIndex((other) => foldKeyword(other) === foldKeyword(k)) === i));

export const consentSettingsBody = z
  .object({
    enabled: z.boolean().describe("Off: keywords change nothing and nothing is replied"),
    defaultLanguage: z.enum(consentLanguages).describe("The reply's language when a keyword is in several languages' lists"),
    optOutKeywords: perLanguage(keywordList).describe(
      "Whole messages (case, accents and surrounding punctuation ignored) that withdraw marketing consent",
    ),
    optInKeywords: perLanguage(keywordList).describe("Whole messages that grant marketing consent again"),
    optOutReply: perLanguage(z.string().trim().min(1).max(REPLY_MAX_LENGTH)).describe("The confirmation sent after an opt-out"),
    optInReply: perLanguage(z.string().trim().max(REPLY_MAX_LENGTH)).describe("The confirmation after an opt-in; empty: no reply"),
  })
  .superRefine((settings, issues) => {
    const optOut = new Set(consentLanguages.flatMap((l) => settings.optOutKeywords[l].map(foldKeyword)));
    for (const language of consentLanguages)
      settings.optInKeywords[language].forEach((keyword, index) => {
        if (optOut.has(foldKeyword(keyword)))
          issues.addIssue({
            code: "custom",
            path: ["optInKeywords", language, index],
            message: `"${keyword}" is also an opt-out keyword: a word can only do one`,
          });
      });
  });

export const consentSettingsSchema = z.object({
  enabled: z.boolean(),
  defaultLanguage: z.enum(consentLanguages),
  optOutKeywords: perLanguage(z.array(z.string())),
  optInKeywords: perLanguage(z.array(z.string())),
  optOutReply: perLanguage(z.string()),
  optInReply: perLanguage(z.string()),
});

export type ContactConsentsDto = z.infer<typeof contactConsentsSchema>;
