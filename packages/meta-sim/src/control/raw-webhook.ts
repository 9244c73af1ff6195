import { signPayload } from "@papo/whatsapp";
import type { SimContext } from "../context.ts";
import type { DeliveryLogEntry } from "../webhooks/deliver.ts";
import { ControlInputError, oneOf, optionalString, readObject } from "./fields.ts";

/** An arbitrary webhook to deliver: `payload` (serialised like Meta) or exact `body` bytes, optionally mis-signed. */
export interface RawWebhook {
  payload?: unknown;
  body?: string;
  /** `valid` (default), `invalid` (a wrong HMAC) or `missing` (no header). */
  signature?: "valid" | "invalid" | "missing";
}

/** Validates a raw webhook request. */
export function parseRawWebhook(input: unknown): RawWebhook {
  const source = readObject(input, "");
  const body = optionalString(source, "body");
  if (body === undefined && source.payload === undefined) throw new ControlInputError("payload", "is required (or body, for exact bytes)");
  const signature = source.signature === undefined ? undefined : oneOf(source, "signature", ["valid", "invalid", "missing"] as const);
  return { ...(body === undefined ? { payload: source.payload } : { body }), ...(signature === undefined ? {} : { signature }) };
}

/** Queues a raw webhook behind the others, signed with the app secret unless told otherwise. */
export function deliverRawWebhook(ctx: SimContext, raw: RawWebhook): DeliveryLogEntry {
  const body = raw.body;
  const signature =
    raw.signature === "missing"
      ? ""
      : raw.signature === "invalid"
        ? signPayload({ body: body ?? JSON.stringify(raw.payload), appSecret: `${ctx.options.appSecret}-wrong` })
        : undefined;
  return ctx.delivery.enqueue({
    kind: "raw",
    payload: raw.payload ?? body,
    ...(body === undefined ? {} : { body }),
    ...(signature === undefined ? {} : { signature }),
  });
}
