import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { KnownTemplateStatus, TemplateCategory, TemplateQuality } from "../api/types.ts";
import type { ButtonType, HeaderFormat } from "./draft.ts";

type Tone = "neutral" | "brand" | "warning" | "danger" | "info";

export const statusLabel: Record<KnownTemplateStatus, TranslationKey> = {
  APPROVED: "templates-admin.status.APPROVED",
  PENDING: "templates-admin.status.PENDING",
  REJECTED: "templates-admin.status.REJECTED",
  PAUSED: "templates-admin.status.PAUSED",
  DISABLED: "templates-admin.status.DISABLED",
  IN_APPEAL: "templates-admin.status.IN_APPEAL",
  LIMIT_EXCEEDED: "templates-admin.status.LIMIT_EXCEEDED",
};

/** What the status means for the people sending, in plain words. */
export const statusExplanation: Record<KnownTemplateStatus, TranslationKey> = {
  APPROVED: "templates-admin.status-help.APPROVED",
  PENDING: "templates-admin.status-help.PENDING",
  REJECTED: "templates-admin.status-help.REJECTED",
  PAUSED: "templates-admin.status-help.PAUSED",
  DISABLED: "templates-admin.status-help.DISABLED",
  IN_APPEAL: "templates-admin.status-help.IN_APPEAL",
  LIMIT_EXCEEDED: "templates-admin.status-help.LIMIT_EXCEEDED",
};

export const statusTone: Record<KnownTemplateStatus, Tone> = {
  APPROVED: "brand",
  PENDING: "info",
  REJECTED: "danger",
  PAUSED: "warning",
  DISABLED: "danger",
  IN_APPEAL: "info",
  LIMIT_EXCEEDED: "warning",
};

export const isKnownStatus = (status: string): status is KnownTemplateStatus => Object.hasOwn(statusLabel, status);

/** Meta's rejection reasons (`rejected_reason`), in plain words; others are shown as Meta sent them. */
export const rejectionReason: Record<string, TranslationKey> = {
  INVALID_FORMAT: "templates-admin.reason.INVALID_FORMAT",
  PROMOTIONAL: "templates-admin.reason.PROMOTIONAL",
  TAG_CONTENT_MISMATCH: "templates-admin.reason.TAG_CONTENT_MISMATCH",
  INCORRECT_CATEGORY: "templates-admin.reason.INCORRECT_CATEGORY",
  ABUSIVE_CONTENT: "templates-admin.reason.ABUSIVE_CONTENT",
  SCAM: "templates-admin.reason.SCAM",
};

export const categoryLabel: Record<TemplateCategory, TranslationKey> = {
  MARKETING: "templates-admin.category.MARKETING",
  UTILITY: "templates-admin.category.UTILITY",
  AUTHENTICATION: "templates-admin.category.AUTHENTICATION",
};

export const isCategory = (value: string): value is TemplateCategory => Object.hasOwn(categoryLabel, value);

export const qualityLabel: Record<TemplateQuality, TranslationKey> = {
  GREEN: "templates-admin.quality.GREEN",
  YELLOW: "templates-admin.quality.YELLOW",
  RED: "templates-admin.quality.RED",
  UNKNOWN: "templates-admin.quality.UNKNOWN",
};

export const qualityColour: Record<TemplateQuality, string> = {
  GREEN: "bg-green-600",
  YELLOW: "bg-amber-400",
  RED: "bg-red-600",
  UNKNOWN: "bg-slate-400",
};

export const isQuality = (value: string): value is TemplateQuality => Object.hasOwn(qualityLabel, value);

export const headerFormatLabel: Record<HeaderFormat, TranslationKey> = {
  NONE: "templates-admin.header.NONE",
  TEXT: "templates-admin.header.TEXT",
  IMAGE: "templates-admin.header.IMAGE",
  VIDEO: "templates-admin.header.VIDEO",
  DOCUMENT: "templates-admin.header.DOCUMENT",
  LOCATION: "templates-admin.header.LOCATION",
};

export const buttonTypeLabel: Record<ButtonType, TranslationKey> = {
  QUICK_REPLY: "templates-admin.button.QUICK_REPLY",
  URL: "templates-admin.button.URL",
  PHONE_NUMBER: "templates-admin.button.PHONE_NUMBER",
  COPY_CODE: "templates-admin.button.COPY_CODE",
  FLOW: "templates-admin.button.FLOW",
};

/** The languages offered first (Meta's codes); any other code can be typed. */
export const commonLanguages = ["pt_BR", "pt_PT", "en_US", "en_GB", "en", "es", "es_MX", "es_AR", "es_ES", "fr", "it", "de"] as const;

const languageNames = new Map<string, Intl.DisplayNames>();

/** `pt_BR` → "português (Brasil)" in the console's language; the code itself when Intl does not know it. */
export function languageName(code: string, locale: string): string {
  try {
    let names = languageNames.get(locale);
    if (!names) {
      names = new Intl.DisplayNames([locale], { type: "language" });
      languageNames.set(locale, names);
    }
    return names.of(code.replace(/_/g, "-")) ?? code;
  } catch {
    return code;
  }
}
