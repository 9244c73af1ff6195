/** The campaigns API (README → HTTP API → Campaigns); every route needs the `campaigns.manage` permission. */
const id = (value: string) => encodeURIComponent(value);

export const campaignPaths = {
  campaigns: "/api/v1/campaigns",
  campaign: (campaignId: string) => `/api/v1/campaigns/${id(campaignId)}`,
  csv: (campaignId: string) => `/api/v1/campaigns/${id(campaignId)}/audience/csv`,
  estimate: (campaignId: string) => `/api/v1/campaigns/${id(campaignId)}/estimate`,
  action: (campaignId: string, action: CampaignAction) => `/api/v1/campaigns/${id(campaignId)}/${action}`,
  report: (campaignId: string) => `/api/v1/campaigns/${id(campaignId)}/report`,
  reportCsv: (campaignId: string) => `/api/v1/campaigns/${id(campaignId)}/report.csv`,
  recipients: (campaignId: string) => `/api/v1/campaigns/${id(campaignId)}/recipients`,
  templates: "/api/v1/templates",
  contacts: "/api/v1/contacts",
  workspaceSettings: "/api/v1/workspace/settings",
} as const;

export const campaignKeys = {
  all: ["campaigns"] as const,
  lists: ["campaigns", "list"] as const,
  list: (status: string) => ["campaigns", "list", status] as const,
  detail: (campaignId: string) => ["campaigns", "detail", campaignId] as const,
  report: (campaignId: string) => ["campaigns", "report", campaignId] as const,
  recipientsOf: (campaignId: string) => ["campaigns", "recipients", campaignId] as const,
  recipients: (campaignId: string, status: string) => ["campaigns", "recipients", campaignId, status] as const,
  templates: (channelId: string) => ["campaigns", "templates", channelId] as const,
  tags: ["campaigns", "contact-tags"] as const,
  workspaceSettings: ["campaigns", "workspace-settings"] as const,
};

export const campaignStatuses = ["draft", "scheduled", "running", "paused", "completed", "cancelled"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export type CampaignAction = "launch" | "pause" | "resume" | "cancel";
export type PausedReason = "manual" | "budget" | "messaging_limit" | "template_unavailable";
export type TemplateCategory = "MARKETING" | "UTILITY" | "AUTHENTICATION";

export const contactFields = ["name", "first_name", "phone", "email"] as const;
export type ContactField = (typeof contactFields)[number];

/** Where one template variable's value comes from (server: modules/templates/mapping.ts). */
export type VariableSource =
  | { source: "contact"; field: ContactField; fallback?: string }
  | { source: "attribute"; attribute: string; fallback?: string }
  | { source: "csv"; column: string; fallback?: string }
  | { source: "fixed"; value: string }
  | { source: "media"; mediaId: string }
  | { source: "link"; url: string; filename?: string };
export type SourceKind = VariableSource["source"];
export type TemplateMapping = Record<string, VariableSource>;

/** In answers a CSV audience also lists the uploaded file's variable columns. */
export type Audience =
  | { kind: "filter"; tags?: string[]; anyTags?: string[]; attributes?: Record<string, string> }
  | { kind: "csv"; columns?: string[] };

export interface RecipientCounts {
  recipients: number;
  pending: number;
  queued: number;
  skipped: number;
  cancelled: number;
}

export interface Campaign {
  id: string;
  name: string;
  channelId: string;
  status: CampaignStatus;
  template: { id: string | null; name: string; language: string; category: string };
  mapping: TemplateMapping;
  audience: Audience;
  startAt: string | null;
  ratePerSecond: number;
  budgetCap: number | null;
  currency: string;
  estimate: Estimate | null;
  pausedReason: PausedReason | null;
  throttledUntil: string | null;
  launchedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  counts: RecipientCounts;
}

export interface CampaignInput {
  name: string;
  channelId: string;
  templateId: string;
  mapping: TemplateMapping;
  audience: Audience;
  startAt?: string | null;
  ratePerSecond?: number;
  budgetCap?: number | null;
}

export type CsvErrorCode = "invalid_number" | "missing_phone" | "duplicate" | "missing_value" | "too_many_columns";
export interface CsvUploadResult {
  accepted: number;
  rejected: number;
  errors: Array<{ row: number; field?: string; code: CsvErrorCode | string; message: string }>;
  columns: string[];
}

export const exclusionReasons = [
  "no_marketing_consent",
  "opted_out",
  "duplicate",
  "invalid_number",
  "no_whatsapp_id",
  "missing_variables",
] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

export interface Estimate {
  audience: number;
  recipients: number;
  excluded: Record<ExclusionReason, number>;
  cost: {
    currency: string;
    total: number;
    byCountry: Array<{ country: string; category: string; count: number; unitPrice: number; subtotal: number }>;
    unpriced: number;
  };
  budgetCap: number | null;
  withinBudget: boolean;
  messagingLimit: { tier: string | null; limit: number | null };
  sample: Array<{ contactName: string | null; body: string }>;
}

export interface ReportCounts {
  recipients: number;
  pending: number;
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  replied: number;
  skipped: number;
  cancelled: number;
}

export interface CampaignReport {
  counts: ReportCounts;
  failedByCode: Array<{ code: string; title: string | null; count: number }>;
  skippedByReason: Record<string, number>;
  cost: { currency: string; queued: number; delivered: number };
  throttledUntil: string | null;
  pausedReason: PausedReason | null;
  startedAt: string | null;
  completedAt: string | null;
  sendRate: { configured: number; observed: number };
}

export const recipientStatuses = ["pending", "queued", "skipped", "cancelled"] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

export interface Recipient {
  id: string;
  contactId: string | null;
  name: string | null;
  phone: string | null;
  status: RecipientStatus;
  skipReason: string | null;
  messageStatus: string | null;
  errorCode: string | null;
  errorTitle: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  repliedAt: string | null;
  rowNumber: number | null;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export type VariableKind =
  | "text"
  | "currency"
  | "date_time"
  | "image"
  | "video"
  | "document"
  | "location"
  | "payload"
  | "url_suffix"
  | "coupon_code"
  | "flow_token";

export interface TemplateVariable {
  key: string;
  component: "header" | "body" | "button";
  name: string;
  kind: VariableKind;
  example?: string;
  buttonIndex?: number;
  optional?: boolean;
}

export interface TemplateComponent {
  type: string;
  format?: string;
  text?: string;
  buttons?: Array<{ type: string; text?: string }>;
}

export interface CampaignTemplate {
  id: string;
  name: string;
  language: string;
  category: TemplateCategory;
  status: string;
  components: TemplateComponent[];
  variables: TemplateVariable[];
}

export interface ChannelOption {
  id: string;
  name: string;
  displayPhoneNumber: string | null;
  /** The number's send rate: a campaign cannot go faster. Absent from older servers. */
  sendRatePerSecond?: number;
}
