/**
 * The camelCase message params callers pass to `send` / `buildMessageBody`. One discriminated union on `type`;
 * the builders in `messages*.ts` turn each variant into Meta's snake_case wire body.
 *
 * @module
 */

/** Fields every message can carry. */
export interface MessageAddressing {
  /** Recipient phone with country code; normalised to `+<digits>` (without `+`, Meta would assume the business's country). */
  to?: string;
  /** Business-scoped user id (e.g. `BR.7730019284465512`); when both are set Meta uses `to`. */
  recipient?: string;
  /** `"group"` sends to a Groups API group id in `to` (left as is). Defaults to `"individual"`. */
  recipientType?: "individual" | "group";
  /** Echoed back in status webhooks: a handle to reconcile sends whose HTTP answer was lost. */
  bizOpaqueCallbackData?: string;
}

/** Addressing plus `replyTo`, for every type except reactions. */
export interface MessageCommon extends MessageAddressing {
  /** wamid of the message to quote (contextual reply). */
  replyTo?: string;
}

/** Media by uploaded id (recommended) or by public URL; never both. */
export type MediaSource = { mediaId: string; link?: never } | { link: string; mediaId?: never };

/** A plain text message. */
export interface TextMessage extends MessageCommon {
  type: "text";
  /** Up to 4096 characters. */
  body: string;
  /** Render a preview of the first http(s) URL in `body`. */
  previewUrl?: boolean;
}

/** JPEG or PNG, with an optional caption (≤1024). */
export type ImageMessage = MessageCommon & MediaSource & { type: "image"; caption?: string };
/** MP4 or 3GPP, with an optional caption (≤1024). */
export type VideoMessage = MessageCommon & MediaSource & { type: "video"; caption?: string };
/** A file; `filename` decides the icon the customer sees. */
export type DocumentMessage = MessageCommon & MediaSource & { type: "document"; caption?: string; filename?: string };
/** `voice: true` renders a voice note (OGG/OPUS) and later produces a `played` status. */
export type AudioMessage = MessageCommon & MediaSource & { type: "audio"; voice?: boolean };
/** A WebP sticker; stickers take no caption. */
export type StickerMessage = MessageCommon & MediaSource & { type: "sticker" };
/** Any of the five media message types. */
export type MediaMessage = ImageMessage | VideoMessage | DocumentMessage | AudioMessage | StickerMessage;

/** A pin on the map; coordinates as numbers or numeric strings. */
export interface LocationMessage extends MessageCommon {
  type: "location";
  latitude: number | string;
  longitude: number | string;
  name?: string;
  address?: string;
}

/** A contact card; only `name.formattedName` is required. */
export interface ContactCard {
  name: { formattedName: string; firstName?: string; lastName?: string; middleName?: string; suffix?: string; prefix?: string };
  phones?: { phone?: string; type?: string; waId?: string }[];
  emails?: { email?: string; type?: string }[];
  org?: { company?: string; department?: string; title?: string };
  addresses?: { street?: string; city?: string; state?: string; zip?: string; country?: string; countryCode?: string; type?: string }[];
  urls?: { url?: string; type?: string }[];
  /** `YYYY-MM-DD`. */
  birthday?: string;
}

/** One or more contact cards. */
export interface ContactsMessage extends MessageCommon {
  type: "contacts";
  contacts: ContactCard[];
}

/** Header of button, CTA-URL and Flow messages. */
export type InteractiveHeader =
  | { type: "text"; text: string }
  | (MediaSource & { type: "image" | "video" })
  | (MediaSource & { type: "document"; filename?: string });

interface InteractiveCommon extends MessageCommon {
  /** Main text: ≤1024 characters (≤4096 for lists). */
  body: string;
  /** ≤60 characters. */
  footer?: string;
}

/** Up to 3 reply buttons (id ≤256, title ≤20). Only inside the 24 h window. */
export interface ButtonsMessage extends InteractiveCommon {
  type: "buttons";
  header?: InteractiveHeader;
  buttons: { id: string; title: string }[];
}

/** A list: one button label (≤20) opening ≤10 sections with ≤10 rows in total. */
export interface ListMessage extends InteractiveCommon {
  type: "list";
  /** Lists only take a text header (≤60). */
  header?: string;
  buttonText: string;
  sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
}

/** One URL button (label ≤20). */
export interface CtaUrlMessage extends InteractiveCommon {
  type: "cta_url";
  header?: InteractiveHeader;
  displayText: string;
  url: string;
}

/** A WhatsApp Flow, by id or by name. */
export type FlowMessage = InteractiveCommon &
  ({ flowId: string; flowName?: never } | { flowName: string; flowId?: never }) & {
    type: "flow";
    header?: InteractiveHeader;
    /** Button label, ≤20 characters, no emoji. */
    flowCta: string;
    /** Comes back in the `nfm_reply` so the answer can be matched to this send. */
    flowToken?: string;
    /** Defaults to Meta's `navigate`. */
    flowAction?: "navigate" | "data_exchange";
    /** First screen; required with `flowAction: "navigate"`. */
    screen?: string;
    data?: Record<string, unknown>;
    mode?: "draft" | "published";
  };

/** Asks the customer to share their location. */
export interface LocationRequestMessage extends MessageCommon {
  type: "location_request";
  body: string;
}

/** A template variable; `parameterName` is set for templates created with `parameter_format: NAMED`. */
export type TemplateParameter =
  | { type: "text"; text: string; parameterName?: string }
  | { type: "currency"; fallbackValue: string; code: string; amount1000: number; parameterName?: string }
  | { type: "date_time"; fallbackValue: string; parameterName?: string }
  | (MediaSource & { type: "image" | "video" })
  | (MediaSource & { type: "document"; filename?: string })
  | { type: "location"; latitude: number | string; longitude: number | string; name?: string; address?: string };

/** A template component to fill; a plain string parameter is shorthand for `{ type: "text", text }`. */
export type TemplateComponentParams =
  | { type: "header"; parameters: (string | TemplateParameter)[] }
  | { type: "body"; parameters: (string | TemplateParameter)[] }
  | { type: "button"; subType: "quick_reply"; index: number; payload: string }
  | { type: "button"; subType: "url"; index: number; text: string }
  | { type: "button"; subType: "copy_code"; index: number; couponCode: string }
  | { type: "button"; subType: "flow"; index: number; flowToken?: string; flowActionData?: Record<string, unknown> };

/** An approved template; the only message type allowed outside the 24 h window. */
export interface TemplateMessage extends MessageCommon {
  type: "template";
  name: string;
  /** Must match an approved translation exactly (`pt_BR` is not `pt`). */
  language: string;
  components?: TemplateComponentParams[];
}

/** A reaction to a message; `emoji: ""` or `remove: true` removes it. Reactions cannot quote (`replyTo`). */
export type ReactionMessage = MessageAddressing & { type: "reaction"; messageId: string; replyTo?: never } & (
    | { emoji: string; remove?: false }
    | { remove: true; emoji?: "" }
  );

/** Every message `send` accepts. */
export type OutboundMessage =
  | TextMessage
  | MediaMessage
  | LocationMessage
  | ContactsMessage
  | ButtonsMessage
  | ListMessage
  | CtaUrlMessage
  | FlowMessage
  | LocationRequestMessage
  | TemplateMessage
  | ReactionMessage;
