/*
 * The API's objects as the console reads them, written by hand to match the server's zod schemas:
 * apps/server/src/modules/{messages/schemas.ts, conversations/routes.ts, contacts/schemas.ts, channels/schemas.ts}.
 * Where the server types a field as `unknown` (interactive, template, order, system, referral, contacts) the shapes
 * below follow what its presenter puts there (messages/presenter.ts and @papo/whatsapp's normalised events); the
 * renderer still reads them defensively, because a newer server may send variants this file does not know.
 */

/** `{ data, nextCursor }`: every list route. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** The error body of every failed call. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface User {
  id: string;
  workspaceId: string;
  name: string;
  email: string;
  role: string;
  /** In `GET /api/v1/users`: false for a deactivated agent. */
  active?: boolean;
}

export interface LoginResponse {
  token: string;
  /** Seconds. */
  expiresIn: number;
  user: User;
}

export interface Contact {
  id: string;
  name: string | null;
  phone: string | null;
  waId: string | null;
  userId: string | null;
  username: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  externalId: string | null;
  /** Set when the contact's personal data was erased (LGPD); the server then names it "Contato apagado". */
  erasedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export type ConversationStatus = "open" | "pending" | "resolved";
export type HandledBy = "bot" | "human";

export interface Conversation {
  id: string;
  channelId: string;
  contactId: string;
  contact: Contact | null;
  status: ConversationStatus;
  assigneeId: string | null;
  handledBy: HandledBy;
  unreadCount: number;
  lastActivityAt: string;
  lastInboundAt: string | null;
  /** End of the 24-hour customer service window; after it only templates can be sent. */
  windowExpiresAt: string | null;
  windowOpen: boolean;
  /** The newest message (reactions excluded), for the list's preview. */
  lastMessage: LastMessage | null;
  createdAt: string;
  /** The copilot's reading of the conversation (issue 6); absent from servers without it. */
  ai?: ConversationAi | null;
}

/** The customer's language as the copilot detected it (`pt`, `en`, `es`). */
export type CopilotLanguage = "pt" | "en" | "es";
/** Which engine produced a copilot result: the model-free built-in one or the workspace's AI provider. */
export type CopilotEngine = "builtin" | "provider";
export type SentimentLabel = "negative" | "neutral" | "positive";

/** `Conversation.ai`: language, mood and whether a supervisor should look. */
export interface ConversationAi {
  language: CopilotLanguage | null;
  sentiment: { label: SentimentLabel; score: number; trend: "improving" | "worsening" | "steady" } | null;
  needsAttention: boolean;
}

/** `Message.insights`: what the copilot read in one message. */
export interface MessageInsights {
  language: CopilotLanguage | null;
  /** Inbound customer messages only. */
  sentiment: { label: SentimentLabel; score: number; confidence: number; lowConfidence: boolean; engine: CopilotEngine } | null;
  /** Audio and voice notes only. */
  transcript: {
    status: "pending" | "done" | "unavailable" | "failed";
    text?: string;
    language?: CopilotLanguage | null;
    engine?: CopilotEngine;
    reason?: string;
  } | null;
}

/** `PATCH /api/v1/conversations/:id`. */
export interface UpdateConversationBody {
  status?: ConversationStatus;
  assigneeId?: string | null;
  handledBy?: HandledBy;
  markRead?: boolean;
  /** Puts the conversation back among the unread ones (never together with `markRead`). */
  markUnread?: boolean;
}

/** `Conversation.lastMessage`: enough for a one-line preview with a type icon and, for our own messages, ticks. */
export interface LastMessage {
  id: string;
  direction: "inbound" | "outbound";
  type: string;
  senderKind: SenderKind;
  status: MessageStatus;
  /** The message's own words (text, caption, chosen reply); null for a photo without caption, a sticker… */
  text: string | null;
  createdAt: string;
}

export interface Channel {
  id: string;
  name: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string | null;
  sandbox: boolean;
  webhook: { url: string; verifyToken: string };
  createdAt: string;
}

export type MessageStatus = "received" | "queued" | "sending" | "accepted" | "sent" | "delivered" | "read" | "played" | "failed";
export type SenderKind = "contact" | "agent" | "bot" | "system";

export interface MessageMedia {
  id: string;
  mimeType: string | null;
  filename: string | null;
  size: number | null;
  /** `pending` while an inbound file is fetched from WhatsApp, `stored` when it can be downloaded, or `failed`. */
  status: string;
  voice?: boolean;
  animated?: boolean;
}

export interface MessageLocation {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
  url?: string;
}

export interface ContactCard {
  name: { formattedName: string; firstName?: string; lastName?: string; middleName?: string; prefix?: string; suffix?: string };
  phones?: Array<{ phone?: string; waId?: string; type?: string }>;
  emails?: Array<{ email?: string; type?: string }>;
  addresses?: Array<{
    street?: string;
    city?: string;
    state?: string;
    zip?: string;
    country?: string;
    countryCode?: string;
    type?: string;
  }>;
  urls?: Array<{ url?: string; type?: string }>;
  org?: { company?: string; department?: string; title?: string };
  birthday?: string;
}

/** A header of an interactive message the business sent. */
export type InteractiveHeader = { type: "text"; text: string } | { type: "image" | "video" | "document"; mediaId?: string; link?: string };

/** What the customer tapped or filled in (inbound), or the interactive message the business sent (outbound). */
export type Interactive =
  | { type: "button_reply"; id: string; title: string }
  | { type: "list_reply"; id: string; title: string; description?: string }
  | { type: "nfm_reply"; name?: string; body?: string; responseJson?: string; response?: Record<string, unknown> | null }
  | { type: "template_button"; payload: string; text: string }
  | { type: "buttons"; body: string; footer?: string; header?: InteractiveHeader; buttons: Array<{ id: string; title: string }> }
  | {
      type: "list";
      body: string;
      footer?: string;
      header?: string;
      buttonText: string;
      sections: Array<{ title?: string; rows: Array<{ id: string; title: string; description?: string }> }>;
    }
  | { type: "cta_url"; body: string; footer?: string; header?: InteractiveHeader; displayText: string; url: string }
  | { type: "flow"; body: string; footer?: string; header?: InteractiveHeader; flowCta: string }
  | { type: "location_request"; body: string };

/** A template parameter as sent: a plain string or a typed value. */
export type TemplateParameter =
  | string
  | { type: "text"; text: string; parameterName?: string }
  | { type: "currency"; fallbackValue: string; code: string; amount1000: number; parameterName?: string }
  | { type: "date_time"; fallbackValue: string; parameterName?: string }
  | { type: "image" | "video" | "document"; mediaId?: string; link?: string; filename?: string }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string };

export type TemplateSendComponent =
  | { type: "header" | "body"; parameters: TemplateParameter[] }
  | { type: "button"; subType: string; index: number; [key: string]: unknown };

export interface SentTemplate {
  name: string;
  language: string;
  components: TemplateSendComponent[];
}

export interface OrderItem {
  productRetailerId: string;
  quantity: number;
  itemPrice: number;
  currency: string;
}

export interface Order {
  catalogId?: string;
  text?: string;
  items: OrderItem[];
}

export interface SystemInfo {
  systemType: string;
  body?: string;
  newWaId?: string;
  newUserId?: string;
}

/** A Click-to-WhatsApp ad (or Status) the customer came from. */
export interface Referral {
  sourceUrl?: string;
  sourceId?: string;
  sourceType?: string;
  body?: string;
  headline?: string;
  mediaType?: string;
  imageUrl?: string;
  videoUrl?: string;
  thumbnailUrl?: string;
  ctwaClid?: string;
}

export interface Reaction {
  emoji: string;
  by: "contact" | "business";
  at: string;
}

export interface MessageError {
  /** Meta's numeric code as text, or one of Papo's own (`papo.send_outcome_unknown`, …). */
  code: string;
  title: string | null;
  details: string | null;
  /** Agent-readable reason, written by the server. */
  message: string;
}

export interface Message {
  id: string;
  conversationId: string;
  contactId: string;
  channelId: string;
  direction: "inbound" | "outbound";
  /** The WhatsApp type: text, image, …, or a type this console does not know yet. */
  type: string;
  senderKind: SenderKind;
  senderUserId: string | null;
  /** A one-line summary (the text, a caption, or a bracketed description). */
  text: string | null;
  status: MessageStatus;
  waMessageId: string | null;
  createdAt: string;
  statusTimestamps: {
    sentAt: string | null;
    deliveredAt: string | null;
    readAt: string | null;
    playedAt: string | null;
    failedAt: string | null;
  };
  media?: MessageMedia;
  location?: MessageLocation;
  contacts?: ContactCard[];
  interactive?: Interactive;
  template?: SentTemplate;
  order?: Order;
  system?: SystemInfo;
  reactions: Reaction[];
  replyTo?: { waMessageId: string; messageId: string | null };
  forwarded: boolean;
  frequentlyForwarded: boolean;
  referral?: Referral;
  error?: MessageError;
  /** The full structured content as stored: `{ content }` for inbound messages, `{ request }` for outbound ones. */
  content: unknown;
  /** Set when the content was erased (LGPD erasure or retention): only the facts remain. */
  erasedAt?: string;
  /** The copilot's reading (language, sentiment, transcript); absent from servers without it. */
  insights?: MessageInsights | null;
}

/** `POST /api/v1/media`. */
export interface UploadedMedia {
  id: string;
  mimeType: string | null;
  filename: string | null;
  size: number | null;
  sha256: string;
  status: string;
}

/** What the console sends through `POST /api/v1/conversations/:id/messages` (a subset of the server's union). */
export type SendMessageBody =
  | { type: "text"; body: string; replyTo?: string }
  | { type: "image" | "video"; mediaId: string; caption?: string; replyTo?: string }
  | { type: "document"; mediaId: string; caption?: string; filename?: string; replyTo?: string }
  | { type: "audio"; mediaId: string; replyTo?: string }
  | { type: "template"; name: string; language: string; components?: TemplateSendComponent[]; replyTo?: string };

/** A message template of a channel, as Meta describes it (`GET /api/v1/channels/:id/templates`). */
export interface MessageTemplate {
  id?: string;
  name: string;
  language: string;
  status: string;
  category: string;
  /** POSITIONAL (`{{1}}`) or NAMED (`{{first_name}}`). */
  parameterFormat?: string;
  components: TemplateComponent[];
}

export interface TemplateComponent {
  type: "BODY" | "HEADER" | "FOOTER" | "BUTTONS";
  /** A header's kind: TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION. */
  format?: string;
  text?: string;
  buttons?: Array<{ type: string; text: string; url?: string; phone_number?: string; example?: string[] }>;
  /** Meta's sample values (`body_text`, `body_text_named_params`, `header_text`, …), used as input hints. */
  example?: unknown;
}

/** One frame of the live stream (`/api/v1/stream`). */
export type LiveEvent =
  | { type: "ready" }
  | { type: "message.received" | "message.created" | "message.updated"; conversationId: string; messageId: string }
  | { type: "conversation.updated"; conversationId: string }
  /** To supervisors: a strongly negative conversation is waiting for an answer. */
  | { type: "conversation.needs_attention"; conversationId: string }
  | { type: "contact.updated"; contactId: string };

/** A quick reply the agent inserts with `/shortcut` (GET /api/v1/canned-responses). */
export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}
