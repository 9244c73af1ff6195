/** The privacy routes (apps/server/src/modules/privacy/routes.ts). */
const id = (value: string) => encodeURIComponent(value);

export const privacyPaths = {
  exportContact: (contactId: string) => `/api/v1/contacts/${id(contactId)}/export`,
  eraseContact: (contactId: string) => `/api/v1/contacts/${id(contactId)}/erase`,
  retention: "/api/v1/workspace/retention",
  retentionPreview: "/api/v1/workspace/retention/preview",
  me: "/api/v1/auth/me",
} as const;

export const privacyKeys = {
  all: ["privacy"] as const,
  me: ["privacy", "me"] as const,
  retention: ["privacy", "retention"] as const,
  preview: (policy: RetentionPolicyBody) => ["privacy", "retention", "preview", policy.messageDays, policy.mediaDays] as const,
};

export interface ErasureReport {
  contactId: string;
  erasedAt: string;
  messages: number;
  media: number;
  notes: number;
  conversationsResolved: number;
  queuedCancelled: number;
}

export interface RetentionPolicyBody {
  messageDays: number | null;
  mediaDays: number | null;
}

export interface RetentionPolicy extends RetentionPolicyBody {
  updatedAt: string | null;
  lastApplied: { at: string; messages: number; media: number } | null;
}

export interface RetentionPreview {
  policy: RetentionPolicyBody;
  at: string;
  messagesBefore: string | null;
  mediaBefore: string | null;
  messages: { count: number; oldest: string | null };
  media: { files: number; bytes: number; oldest: string | null };
  channels: Array<{ channelId: string | null; name: string | null; messages: number; mediaFiles: number; mediaBytes: number }>;
}

/** `GET /api/v1/auth/me`: what the privacy actions need to know about the caller. */
export interface Me {
  id: string;
  role: string;
  effectivePermissions?: string[];
}
