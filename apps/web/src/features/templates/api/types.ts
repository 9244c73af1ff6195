import type { TemplateComponent } from "../../../lib/api-types.ts";

export const templateCategories = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategory = (typeof templateCategories)[number];

/** The statuses Meta reports; others may appear later (shown as they come). */
export const templateStatuses = ["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED", "IN_APPEAL", "LIMIT_EXCEEDED"] as const;
export type KnownTemplateStatus = (typeof templateStatuses)[number];

export type TemplateQuality = "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
export type ParameterFormat = "POSITIONAL" | "NAMED";

/** What a template asks for when sent (the server's TemplateVariable). */
export interface TemplateVariableDto {
  key: string;
  component: "header" | "body" | "button";
  name: string;
  kind: string;
  example?: string;
  buttonIndex?: number;
  optional?: boolean;
}

/** One language of a template, as Papo last synced it from Meta (GET /api/v1/templates). */
export interface TemplateDto {
  id: string;
  channelId: string;
  wabaId: string;
  metaId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  statusReason: string | null;
  quality: string;
  parameterFormat: ParameterFormat;
  components: TemplateComponent[];
  variables: TemplateVariableDto[];
  syncedAt: string | null;
  updatedAt: string;
}

export interface TemplateFilters {
  channelId: string;
  status: string;
  category: string;
  q: string;
}

export type HeaderInput =
  | { format: "TEXT"; text: string; example?: string }
  | { format: "IMAGE" | "VIDEO" | "DOCUMENT"; exampleUrl?: string }
  | { format: "LOCATION" };

export type ButtonInput =
  | { type: "QUICK_REPLY"; text: string }
  | { type: "URL"; text: string; url: string; example?: string }
  | { type: "PHONE_NUMBER"; text: string; phoneNumber: string }
  | { type: "COPY_CODE"; example: string }
  | { type: "FLOW"; text: string; flowId: string; flowAction?: "navigate" | "data_exchange"; navigateScreen?: string };

/** POST /api/v1/templates. */
export interface CreateTemplateInput {
  channelId: string;
  name: string;
  category: TemplateCategory;
  language: string;
  parameterFormat?: ParameterFormat;
  header?: HeaderInput;
  body: { text: string; examples?: string[] | Record<string, string> };
  footer?: { text: string };
  buttons?: ButtonInput[];
}

export interface SyncResult {
  channels: number;
  templates: number;
}

export const templatePaths = {
  templates: "/api/v1/templates",
  template: (id: string) => `/api/v1/templates/${encodeURIComponent(id)}`,
  sync: "/api/v1/templates/sync",
} as const;

/**
 * Under "templates", like the composer's picker (`["templates", { channelId }]`), so one invalidation on the live
 * stream's `template.changed` refreshes both.
 */
export const templateKeys = {
  all: ["templates"] as const,
  list: (filters: TemplateFilters) => ["templates", "admin", filters] as const,
};
