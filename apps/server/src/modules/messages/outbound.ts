import type { OutboundMessage, TemplateComponentParams, TemplateParameter } from "@papo/whatsapp";
import type { SendMessageBody } from "./schemas.ts";

/** What an outbound message stores in its encrypted `content` column: the request, with Papo ids resolved to Meta's. */
export interface OutboundDocument {
  request: SendMessageBody;
  /** wamid of the quoted message (`replyTo`) or of the reaction's target. */
  targetWamid?: string;
}

type MediaLike = { mediaId?: string | undefined; link?: string | undefined };
type MediaKind = "image" | "video" | "document" | "audio" | "sticker";

/** One media reference of a request: where it is (an API field path, "" for the message itself) and what it must be. */
export interface MediaRef {
  at: string;
  kind: MediaKind;
  mediaId?: string | undefined;
  link?: string | undefined;
}

const MEDIA_KINDS: readonly string[] = ["image", "video", "document", "audio", "sticker"] satisfies MediaKind[];
const isMediaKind = (type: string): type is MediaKind => MEDIA_KINDS.includes(type);

/** Every media reference of a request: the message's own media, an interactive header, template media parameters. */
export function mediaRefsOf(body: SendMessageBody): MediaRef[] {
  const refs: MediaRef[] = [];
  const add = (at: string, kind: string, m: MediaLike) => {
    if (isMediaKind(kind)) refs.push({ at, kind, mediaId: m.mediaId, link: m.link });
  };
  switch (body.type) {
    case "image":
    case "video":
    case "document":
    case "audio":
    case "sticker":
      add("", body.type, body);
      break;
    case "buttons":
    case "cta_url":
    case "flow":
      if (body.header && body.header.type !== "text") add("header", body.header.type, body.header);
      break;
    case "template":
      (body.components ?? []).forEach((component, i) => {
        if (!("parameters" in component)) return;
        component.parameters.forEach((p, j) => {
          if (typeof p === "object" && "type" in p && (p.type === "image" || p.type === "video" || p.type === "document"))
            add(`components[${i}].parameters[${j}]`, p.type, p);
        });
      });
      break;
  }
  return refs;
}

/** Every Papo media id a request refers to (message media, interactive header, template header parameters). */
export function mediaIdsOf(body: SendMessageBody): string[] {
  return mediaRefsOf(body).flatMap((ref) => (ref.mediaId ? [ref.mediaId] : []));
}

/** `a.b` for a field under a path, `b` at the top. */
export const fieldAt = (at: string, name: string): string => (at ? `${at}.${name}` : name);

/** Wire paths (Meta's JSON) whose API name differs by more than the case. First match wins. */
const WIRE_TO_API: Array<[RegExp, string]> = [
  [/^(?:text|interactive)\.body\.text$/, "body"],
  [/^text\.body$/, "body"],
  [/^interactive\.footer\.text$/, "footer"],
  [/^interactive\.header\.(?:image|video|document)/, "header"],
  [/^interactive\.header\.text$/, "header"],
  [/^interactive\.action\.button$/, "buttonText"],
  [/^interactive\.action\.buttons(\[\d+\])?(?:\.reply)?/, "buttons$1"],
  [/^interactive\.action\.parameters\.display_text$/, "displayText"],
  [/^interactive\.action\.parameters\.flow_action_payload\.screen$/, "screen"],
  [/^interactive\.action\.parameters\.flow_action_payload\.data$/, "data"],
  [/^interactive\.action\.parameters\./, ""],
  [/^interactive\.action\./, ""],
  [/^interactive\./, ""],
  [/^(?:image|video|document|audio|sticker)(?:\.id|\.link)?$/, "mediaId"],
  [/^(?:text|image|video|document|audio|sticker|location|reaction|template)\./, ""],
  [/^context\.message_id$/, "replyTo"],
];

/**
 * The API field a validation issue of the library is about: `text.body` → `body`, `interactive.action.buttons[3]` →
 * `buttons[3]`, `template.components[0].parameters[1]` → `components[0].parameters[1]`; snake_case becomes camelCase.
 */
export function apiFieldOf(wirePath: string): string {
  let path = wirePath;
  for (const [pattern, replacement] of WIRE_TO_API) {
    if (pattern.test(path)) {
      path = path.replace(pattern, replacement);
      break;
    }
  }
  path = path
    .replace(/^\./, "")
    .replace(/\.(?:currency|date_time)(?=\.)/g, "")
    .replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return path || wirePath;
}

/**
 * Turns the API request into the protocol library's message for a recipient: Papo media ids become Meta media ids
 * (`resolveMedia`), the quoted or reacted-to Papo message becomes its wamid. Validation happens in `buildMessageBody`.
 */
export function toOutboundMessage({
  document,
  to,
  recipient,
  callbackData,
  resolveMedia,
}: {
  document: OutboundDocument;
  to?: string | undefined;
  recipient?: string | undefined;
  callbackData?: string;
  resolveMedia: (papoMediaId: string) => string;
}): OutboundMessage {
  const { request, targetWamid } = document;
  const addressing = {
    ...(to ? { to } : {}),
    ...(recipient ? { recipient } : {}),
    ...(callbackData ? { bizOpaqueCallbackData: callbackData } : {}),
  };
  // Both go through when both are given, so the library refuses the message instead of one being dropped silently.
  const media = (m: MediaLike) =>
    ({ ...(m.mediaId ? { mediaId: resolveMedia(m.mediaId) } : {}), ...(m.link ? { link: m.link } : {}) }) as
      | { mediaId: string }
      | { link: string };

  if (request.type === "reaction") {
    const base = { ...addressing, type: "reaction" as const, messageId: targetWamid ?? "" };
    return request.emoji === "" ? { ...base, remove: true } : { ...base, emoji: request.emoji };
  }
  const { replyTo: _replyTo, ...rest } = request;
  const common = { ...addressing, ...(targetWamid ? { replyTo: targetWamid } : {}) };
  switch (rest.type) {
    case "image":
    case "video":
    case "document":
    case "audio":
    case "sticker": {
      const { mediaId: _m, link: _l, ...fields } = rest;
      return { ...common, ...fields, ...media(rest) } as OutboundMessage;
    }
    case "buttons":
    case "cta_url":
    case "flow": {
      const header =
        rest.header && rest.header.type !== "text"
          ? { ...rest.header, mediaId: undefined, link: undefined, ...media(rest.header) }
          : rest.header;
      return stripUndefined({ ...common, ...rest, header }) as unknown as OutboundMessage;
    }
    case "template":
      return {
        ...common,
        ...rest,
        ...(rest.components
          ? { components: rest.components.map((c) => resolveTemplateComponent(c as TemplateComponentParams, media)) }
          : {}),
      } as OutboundMessage;
    default:
      return { ...common, ...rest } as OutboundMessage;
  }
}

function resolveTemplateComponent(
  component: TemplateComponentParams,
  media: (m: MediaLike) => { mediaId: string } | { link: string },
): TemplateComponentParams {
  if (!("parameters" in component)) return component;
  return {
    ...component,
    parameters: component.parameters.map((p): string | TemplateParameter => {
      if (typeof p === "string" || !(p.type === "image" || p.type === "video" || p.type === "document")) return p;
      const { mediaId: _m, link: _l, ...fields } = p as TemplateParameter & MediaLike;
      return { ...fields, ...media(p as MediaLike) } as TemplateParameter;
    }),
  };
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[key] = v !== null && typeof v === "object" && !Array.isArray(v) ? stripUndefined(v as Record<string, unknown>) : v;
  }
  return out;
}

/** A one-line text for lists and notifications. */
export function summarizeOutbound(request: SendMessageBody): string | null {
  switch (request.type) {
    case "text":
      return request.body;
    case "image":
    case "video":
    case "document":
      return request.caption ?? (request.type === "document" ? (request.filename ?? null) : null);
    case "location":
      return [request.name, request.address].filter(Boolean).join(" — ") || `${request.latitude}, ${request.longitude}`;
    case "contacts":
      return request.contacts.map((c) => c.name.formattedName).join(", ");
    case "buttons":
    case "list":
    case "cta_url":
    case "flow":
    case "location_request":
      return request.body;
    case "template":
      return `[template ${request.name}]`;
    case "reaction":
      return request.emoji || null;
    default:
      return null;
  }
}
