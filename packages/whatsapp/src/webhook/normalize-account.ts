import type { ZodError } from "zod";
import type { EventSource, WebhookEvent } from "./events.ts";
import { compact } from "./normalize-message.ts";
import {
  accountUpdateValueSchema,
  formatIssues,
  phoneQualityValueSchema,
  templateCategoryValueSchema,
  templateQualityValueSchema,
  templateStatusValueSchema,
  userPreferencesValueSchema,
} from "./schema.ts";
import { parseUnixSeconds } from "./timestamps.ts";

interface FieldInput {
  value: unknown;
  path: string;
  source: EventSource;
  /** `entry[].time`: an integer of unix seconds on these fields. */
  entryTime: string | number | undefined;
}

/** Every webhook field other than `messages`: templates, account, number quality, user preferences. */
export function normalizeAccountField({ value, path, source, entryTime }: FieldInput): WebhookEvent[] {
  const at = parseUnixSeconds(entryTime);
  const invalid = (error: ZodError): WebhookEvent[] => {
    const issue = formatIssues(error, path)[0];
    return [{ kind: "unknown", source, reason: issue ? `${issue.path}: ${issue.message}` : path, raw: value }];
  };

  switch (source.field) {
    case "message_template_status_update": {
      const parsed = templateStatusValueSchema.safeParse(value);
      if (!parsed.success) return invalid(parsed.error);
      const v = parsed.data;
      return [
        compact({
          kind: "template_status" as const,
          source,
          at,
          event: v.event,
          templateId: v.message_template_id,
          templateName: v.message_template_name,
          language: v.message_template_language,
          reason: v.reason && v.reason !== "NONE" ? v.reason : undefined,
          category: v.message_template_category,
          raw: value,
        }),
      ];
    }
    case "message_template_quality_update": {
      const parsed = templateQualityValueSchema.safeParse(value);
      if (!parsed.success) return invalid(parsed.error);
      const v = parsed.data;
      return [
        compact({
          kind: "template_quality" as const,
          source,
          at,
          templateId: v.message_template_id,
          templateName: v.message_template_name,
          language: v.message_template_language,
          previousScore: v.previous_quality_score,
          newScore: v.new_quality_score,
          raw: value,
        }),
      ];
    }
    case "template_category_update": {
      const parsed = templateCategoryValueSchema.safeParse(value);
      if (!parsed.success) return invalid(parsed.error);
      const v = parsed.data;
      return [
        compact({
          kind: "template_category" as const,
          source,
          at,
          templateId: v.message_template_id,
          templateName: v.message_template_name,
          language: v.message_template_language,
          previousCategory: v.previous_category,
          newCategory: v.new_category,
          raw: value,
        }),
      ];
    }
    case "account_update": {
      const parsed = accountUpdateValueSchema.safeParse(value);
      if (!parsed.success) return invalid(parsed.error);
      return [{ kind: "account_update", source, at, event: parsed.data.event, raw: value }];
    }
    case "phone_number_quality_update": {
      const parsed = phoneQualityValueSchema.safeParse(value);
      if (!parsed.success) return invalid(parsed.error);
      const v = parsed.data;
      return [
        compact({
          kind: "phone_number_quality" as const,
          source,
          at,
          displayPhoneNumber: v.display_phone_number,
          event: v.event,
          currentLimit: v.current_limit,
          oldLimit: v.old_limit,
          raw: value,
        }),
      ];
    }
    case "user_preferences": {
      const parsed = userPreferencesValueSchema.safeParse(value);
      if (!parsed.success) return invalid(parsed.error);
      const numberSource = parsed.data.metadata
        ? compact({
            ...source,
            phoneNumberId: parsed.data.metadata.phone_number_id,
            displayPhoneNumber: parsed.data.metadata.display_phone_number,
          })
        : source;
      return parsed.data.user_preferences.map((pref) => ({
        kind: "user_preference" as const,
        source: numberSource,
        at: parseUnixSeconds(pref.timestamp) ?? at,
        user: compact({ waId: pref.wa_id, userId: pref.user_id }),
        category: pref.category,
        value: pref.value,
        ...(pref.detail ? { detail: pref.detail } : {}),
        raw: pref,
      }));
    }
    default:
      return [{ kind: "unknown", source, reason: `${path}: field "${source.field}" is not handled`, raw: value }];
  }
}
