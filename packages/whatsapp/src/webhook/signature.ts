import { createHmac, timingSafeEqual } from "node:crypto";

/** The header Meta signs every webhook POST with. */
export const SIGNATURE_HEADER = "x-hub-signature-256";

export type RawBody = Uint8Array | string;

export interface VerifySignatureOptions {
  /** The request body exactly as received, before any JSON parsing. */
  rawBody: RawBody;
  /** The value of the `X-Hub-Signature-256` header (`sha256=<hex>`), if any. */
  header: string | null | undefined;
  /** The Meta app secret (App Dashboard → Settings → Basic). Not the verify token, not the access token. */
  appSecret: string;
}

export type SignatureCheck =
  | { valid: true }
  | { valid: false; reason: "missing_header" | "malformed_header" | "mismatch" | "missing_secret" };

const toBuffer = (body: RawBody): Buffer => (typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body));

const hmacHex = (body: RawBody, appSecret: string): string => createHmac("sha256", appSecret).update(toBuffer(body)).digest("hex");

/**
 * Checks `X-Hub-Signature-256` over the raw request bytes, in constant time.
 *
 * Meta signs the body as sent on the wire, where non-ASCII characters are escaped as `\uXXXX` and `/` as `\/`:
 * re-serialising parsed JSON produces other bytes and a wrong verdict, so pass the untouched body.
 *
 * @example
 * const check = verifySignature({ rawBody, header: req.headers["x-hub-signature-256"], appSecret });
 * if (!check.valid) return reply.code(401).send();
 */
export function verifySignature({ rawBody, header, appSecret }: VerifySignatureOptions): SignatureCheck {
  if (!appSecret) return { valid: false, reason: "missing_secret" };
  if (!header) return { valid: false, reason: "missing_header" };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match?.[1]) return { valid: false, reason: "malformed_header" };
  const expected = Buffer.from(hmacHex(rawBody, appSecret), "hex");
  const received = Buffer.from(match[1].toLowerCase(), "hex");
  return timingSafeEqual(expected, received) ? { valid: true } : { valid: false, reason: "mismatch" };
}

export interface SignPayloadOptions {
  /** The exact bytes that will be sent as the request body. */
  body: RawBody;
  appSecret: string;
}

/**
 * Produces the `X-Hub-Signature-256` header value Meta would send for `body`.
 * The simulator signs with it and tests use it, so signing and checking share one implementation.
 *
 * @example
 * const body = JSON.stringify(payload);
 * await fetch(url, { method: "POST", body, headers: { "x-hub-signature-256": signPayload({ body, appSecret }) } });
 */
export function signPayload({ body, appSecret }: SignPayloadOptions): string {
  return `sha256=${hmacHex(body, appSecret)}`;
}

/**
 * Serialises a webhook payload the way Meta puts it on the wire: compact JSON with every non-ASCII
 * character escaped as `\uXXXX` (surrogate pairs for emoji) and `/` escaped as `\/`.
 * Useful to build realistic signed bodies for tests and the simulator.
 */
export function serializeLikeMeta(payload: unknown): string {
  return JSON.stringify(payload)
    .replace(/\//g, "\\/")
    .replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
