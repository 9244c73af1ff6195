import type { OutboundMessage, TemplateComponentParams, TemplateParameter } from "@papo/whatsapp";
import type { SendMessageBody } from "./schemas.ts";

/** What an outbound message stores in its encrypted `content` column: the request, with Papo ids resolved to Meta's. */
export interface OutboundDocument {
  request: SendMessageBody;
  /** wamid of the quoted message (`replyTo`) or of the reaction's target. */
  targetWamid?: string;
}

type MediaLike = { mediaId?: string | undefined; link?: string | undefined };

/** Every Papo media id a request refers to (message media, interactive header, template header parameters). */
export function mediaIdsOf(body: SendMessageBody): string[] {
  const ids: string[] = [];
  const add = (m: MediaLike | undefined) => {
    if (m?.mediaId) ids.push(m.mediaId);
  };
  if ("mediaId" in body) add(body);
  if ("header" in body && typeof body.header === "object") add(body.header as MediaLike);
  if (body.type === "template") {
    for (const component of body.components ?? []) {
      if ("parameters" in component) for (const p of component.parameters) if (typeof p === "object") add(p as MediaLike);
    }
  }
  return ids;
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
  const media = (m: MediaLike) => (m.mediaId ? { mediaId: resolveMedia(m.mediaId) } : { link: m.link ?? "" });

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
