import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { CampaignStatus, ContactField, ExclusionReason, PausedReason, RecipientStatus, SourceKind } from "../api/types.ts";

export const statusLabel: Record<CampaignStatus, TranslationKey> = {
  draft: "campaigns.status.draft",
  scheduled: "campaigns.status.scheduled",
  running: "campaigns.status.running",
  paused: "campaigns.status.paused",
  completed: "campaigns.status.completed",
  cancelled: "campaigns.status.cancelled",
};

export const statusTone: Record<CampaignStatus, "neutral" | "brand" | "warning" | "danger" | "info"> = {
  draft: "neutral",
  scheduled: "info",
  running: "brand",
  paused: "warning",
  completed: "info",
  cancelled: "danger",
};

export const pausedReasonLabel: Record<PausedReason, TranslationKey> = {
  manual: "campaigns.paused.manual",
  budget: "campaigns.paused.budget",
  messaging_limit: "campaigns.paused.messaging_limit",
  template_unavailable: "campaigns.paused.template_unavailable",
};

/** Why recipients are left out, before launch (estimate) and after (skipped). */
export const exclusionLabel: Record<ExclusionReason | "budget", TranslationKey> = {
  no_marketing_consent: "campaigns.excluded.no_marketing_consent",
  opted_out: "campaigns.excluded.opted_out",
  duplicate: "campaigns.excluded.duplicate",
  invalid_number: "campaigns.excluded.invalid_number",
  no_whatsapp_id: "campaigns.excluded.no_whatsapp_id",
  missing_variables: "campaigns.excluded.missing_variables",
  budget: "campaigns.excluded.budget",
};

export const reasonText = (reason: string): TranslationKey =>
  Object.hasOwn(exclusionLabel, reason) ? exclusionLabel[reason as keyof typeof exclusionLabel] : "campaigns.excluded.other";

export const sourceLabel: Record<SourceKind, TranslationKey> = {
  contact: "campaigns.source.contact",
  attribute: "campaigns.source.attribute",
  csv: "campaigns.source.csv",
  fixed: "campaigns.source.fixed",
  media: "campaigns.source.media",
  link: "campaigns.source.link",
};

export const contactFieldLabel: Record<ContactField, TranslationKey> = {
  name: "campaigns.field.name",
  first_name: "campaigns.field.first_name",
  phone: "campaigns.field.phone",
  email: "campaigns.field.email",
};

export const recipientStatusLabel: Record<RecipientStatus, TranslationKey> = {
  pending: "campaigns.recipient.pending",
  queued: "campaigns.recipient.queued",
  skipped: "campaigns.recipient.skipped",
  cancelled: "campaigns.recipient.cancelled",
};

export const categoryLabel: Record<string, TranslationKey> = {
  MARKETING: "campaigns.category.marketing",
  UTILITY: "campaigns.category.utility",
  AUTHENTICATION: "campaigns.category.authentication",
};

export const csvErrorLabel: Record<string, TranslationKey> = {
  invalid_number: "campaigns.csv.error.invalid_number",
  missing_phone: "campaigns.csv.error.missing_phone",
  duplicate: "campaigns.csv.error.duplicate",
  missing_value: "campaigns.csv.error.missing_value",
  too_many_columns: "campaigns.csv.error.too_many_columns",
};

/** The wizard's steps, in order. */
export const wizardSteps = ["basics", "mapping", "audience", "schedule", "review"] as const;
export type WizardStep = (typeof wizardSteps)[number];
export const stepLabel: Record<WizardStep, TranslationKey> = {
  basics: "campaigns.step.basics",
  mapping: "campaigns.step.mapping",
  audience: "campaigns.step.audience",
  schedule: "campaigns.step.schedule",
  review: "campaigns.step.review",
};
