/** Every URL the console builds, in one place: the API's routes and the console's own (hash) routes. */
const id = (value: string) => encodeURIComponent(value);

export const apiPaths = {
  login: "/api/v1/auth/login",
  conversations: "/api/v1/conversations",
  conversation: (conversationId: string) => `/api/v1/conversations/${id(conversationId)}`,
  messages: (conversationId: string) => `/api/v1/conversations/${id(conversationId)}/messages`,
  message: (messageId: string) => `/api/v1/messages/${id(messageId)}`,
  media: "/api/v1/media",
  mediaFile: (mediaId: string) => `/api/v1/media/${id(mediaId)}`,
  channels: "/api/v1/channels",
  channel: (channelId: string) => `/api/v1/channels/${id(channelId)}`,
  channelHealthCheck: (channelId: string) => `/api/v1/channels/${id(channelId)}/health-check`,
  templates: (channelId: string) => `/api/v1/channels/${id(channelId)}/templates`,
  stream: "/api/v1/stream",
  users: "/api/v1/users",
  cannedResponses: "/api/v1/canned-responses",
  cannedResponse: (cannedResponseId: string) => `/api/v1/canned-responses/${id(cannedResponseId)}`,
  contact: (contactId: string) => `/api/v1/contacts/${id(contactId)}`,
  contactNotes: (contactId: string) => `/api/v1/contacts/${id(contactId)}/notes`,
  contactNote: (contactId: string, noteId: string) => `/api/v1/contacts/${id(contactId)}/notes/${id(noteId)}`,
  search: "/api/v1/search",
  auditEvents: "/api/v1/audit-events",
  auditEventsExport: "/api/v1/audit-events/export",
  auditEventsVerify: "/api/v1/audit-events/verify",
} as const;

/**
 * The console's screens. Hash routes keep the server's static hosting trivial (any path serves index.html's one
 * file) and survive a reload.
 */
export const paths = {
  inbox: { getHref: () => "#/" },
  conversation: { getHref: (conversationId: string) => `#/c/${id(conversationId)}` },
  admin: { getHref: (section: AdminSection) => `#/admin/${section}` },
  reports: { getHref: () => "#/reports" },
} as const;

export const adminSections = [
  "users",
  "channels",
  "canned-responses",
  "knowledge-base",
  "copilot",
  "bot",
  "audit",
  "sso",
  "embed",
  "consent",
  "retention",
  "templates",
  "pricing",
  "campaigns",
  "teams",
  "workspace",
] as const;
export type AdminSection = (typeof adminSections)[number];

/** The admin page a hash points at (an unknown section opens the first), or null for the inbox. */
export function adminSectionFromHash(hash: string): AdminSection | null {
  const match = /^#\/admin(?:\/([^/?#]*))?/.exec(hash);
  if (!match) return null;
  const section = adminSections.find((s) => s === match[1]);
  return section ?? adminSections[0];
}

/** Whether a hash points at the reports dashboard. */
export function isReportsHash(hash: string): boolean {
  return /^#\/reports(?:[/?#]|$)/.test(hash);
}

/** The conversation a hash points at, if any. */
export function conversationIdFromHash(hash: string): string | null {
  const match = /^#\/c\/([^/?#]+)/.exec(hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** The live stream's WebSocket URL on the page's own origin. */
export function streamUrl(location: Pick<Location, "protocol" | "host">, token: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${apiPaths.stream}?token=${encodeURIComponent(token)}`;
}
