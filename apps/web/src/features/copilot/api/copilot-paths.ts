/** The copilot API's routes (issue 6), kept beside the feature that alone calls them. */
const id = (value: string) => encodeURIComponent(value);

export const copilotPaths = {
  status: "/api/v1/copilot/status",
  suggestions: (conversationId: string) => `/api/v1/conversations/${id(conversationId)}/suggestions`,
  summary: (conversationId: string) => `/api/v1/conversations/${id(conversationId)}/summary`,
  rewrite: "/api/v1/copilot/rewrite",
  translate: "/api/v1/copilot/translate",
  messageTranslation: (messageId: string) => `/api/v1/messages/${id(messageId)}/translation`,
  handoff: (conversationId: string) => `/api/v1/conversations/${id(conversationId)}/handoff`,
  handBack: (conversationId: string) => `/api/v1/conversations/${id(conversationId)}/bot`,
  handoffs: (conversationId: string) => `/api/v1/conversations/${id(conversationId)}/handoffs`,
} as const;

/** The copilot's cached reads. */
export const copilotKeys = {
  status: ["copilot", "status"] as const,
  handoffs: (conversationId: string) => ["copilot", "handoffs", { conversationId }] as const,
  messageTranslation: (messageId: string, to: string) => ["copilot", "translation", { messageId, to }] as const,
};

/** A channel's hybrid bot settings (read here only to know whether the bot is on). */
export const channelBotPath = (channelId: string) => `/api/v1/channels/${encodeURIComponent(channelId)}/bot`;
export const channelBotKey = (channelId: string) => ["copilot", "channel-bot", { channelId }] as const;
