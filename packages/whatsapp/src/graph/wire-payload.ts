import type { WireOutboundMessage } from "./wire.ts";

/** The `<type>` object of the wire body for one message type, e.g. `WirePayload<"text">` is `{ body, preview_url? }`. */
export type WirePayload<T extends WireOutboundMessage["type"]> =
  Extract<WireOutboundMessage, { type: T }> extends infer M ? (M extends Record<T, infer P> ? P : never) : never;

/** Wire shape of `{ id } | { link }` media references. */
export interface WireMediaRef {
  id?: string | undefined;
  link?: string | undefined;
}

/** Maps the camelCase media source to Meta's `id` / `link`; both are passed on so validation can flag a body with two. */
export const mediaRef = (source: { mediaId?: string | undefined; link?: string | undefined }): WireMediaRef => ({
  id: source.mediaId,
  link: source.link,
});
