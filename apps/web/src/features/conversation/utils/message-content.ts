import type { Message } from "../../../lib/api-types.ts";

/*
 * Readers for `message.content`, the stored structure the API passes through untyped: `{ content }` (the normalised
 * inbound message) or `{ request }` (the send body). Every read is guarded: the field is data, not a contract.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** The inbound content (`{ type, ... }`) or the outbound send request, whichever the message stores. */
export function storedContent(message: Message): Json | undefined {
  if (!isObject(message.content)) return undefined;
  const inner = message.direction === "inbound" ? message.content.content : message.content.request;
  return isObject(inner) ? inner : undefined;
}

/** A media message's caption (not the bracketed summary `text` holds when there is none). */
export function captionOf(message: Message): string | undefined {
  const content = storedContent(message);
  if (!content) return undefined;
  if (message.direction === "outbound") return text(content.caption);
  return isObject(content.media) ? text(content.media.caption) : undefined;
}

/** A document's file name: the media record's, else the one the send request or the customer gave. */
export function filenameOf(message: Message): string | undefined {
  if (message.media?.filename) return message.media.filename;
  const content = storedContent(message);
  if (!content) return undefined;
  return text(content.filename) ?? (isObject(content.media) ? text(content.media.filename) : undefined);
}

/** The type WhatsApp reported for a message it cannot show (`unsupported`/`unknown`). */
export function unsupportedTypeOf(message: Message): string {
  const content = storedContent(message);
  return text(content?.unsupportedType) ?? text(content?.reportedType) ?? message.type;
}

/** The emoji of a reaction the business sent ("" removes it). */
export function reactionEmojiOf(message: Message): string | undefined {
  return text(storedContent(message)?.emoji);
}

/** The link of media sent by URL instead of an upload. */
export function mediaLinkOf(message: Message): string | undefined {
  return text(storedContent(message)?.link);
}
