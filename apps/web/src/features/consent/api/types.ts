import { queryKeys } from "../../../lib/query-keys.ts";
/** Consent per contact and purpose, and the workspace's keyword policy, as the API answers them (modules/consent). */
export type ConsentPurpose = "service" | "marketing";
export type ConsentState = "granted" | "withdrawn";
export type ConsentSource = "api" | "console" | "import" | "campaign_form" | "opt_out_keyword" | "opt_in_keyword";
export type ConsentLanguage = "pt-BR" | "en" | "es";
export type PerLanguage<T> = Record<ConsentLanguage, T>;

export const consentPurposes: readonly ConsentPurpose[] = ["service", "marketing"];
export const consentLanguages: readonly ConsentLanguage[] = ["pt-BR", "en", "es"];

export interface CurrentConsent {
  state: ConsentState | "unknown";
  source: ConsentSource | null;
  updatedAt: string | null;
}

export interface ConsentRecord {
  id: string;
  purpose: ConsentPurpose;
  state: ConsentState;
  source: ConsentSource;
  evidence: string | null;
  messageId: string | null;
  recordedBy: { type: "user" | "system"; id: string | null; name: string | null };
  recordedAt: string;
}

/** `GET /api/v1/contacts/:id/consents`. */
export interface ContactConsents {
  contactId: string;
  current: Record<ConsentPurpose, CurrentConsent>;
  history: ConsentRecord[];
}

export interface RecordConsentBody {
  purpose: ConsentPurpose;
  state: ConsentState;
  source: "console";
  evidence?: string;
}

/** `GET/PUT /api/v1/workspace/consent`. */
export interface ConsentSettings {
  enabled: boolean;
  defaultLanguage: ConsentLanguage;
  optOutKeywords: PerLanguage<string[]>;
  optInKeywords: PerLanguage<string[]>;
  optOutReply: PerLanguage<string>;
  optInReply: PerLanguage<string>;
}

const id = (value: string) => encodeURIComponent(value);

export const consentPaths = {
  contactConsents: (contactId: string) => `/api/v1/contacts/${id(contactId)}/consents`,
  settings: "/api/v1/workspace/consent",
} as const;

export const consentKeys = {
  contact: queryKeys.contactConsents,
  settings: ["consent-settings"] as const,
};
