import { z } from "zod";
import { classifyError } from "./classify.ts";
import { lookupErrorCode } from "./codes.ts";
import {
  WhatsAppAuthError,
  type WhatsAppError,
  type WhatsAppErrorInit,
  WhatsAppPermanentError,
  WhatsAppRateLimitError,
  WhatsAppTemplateError,
  WhatsAppTransientError,
  WhatsAppWindowClosedError,
} from "./whatsapp-error.ts";

const WINDOW_CLOSED = 131047;
const TEMPLATE_CODES = new Set([132000, 132001, 132005, 132007, 132012, 132015, 132016, 132018]);
/** Throttling codes: the request was fine, Meta only asks to slow down. 132069 is a throttled Flow. */
const RATE_LIMIT_CODES = new Set([4, 80007, 80008, 130429, 131056, 132069]);

/** Picks the subclass named for what the caller does next; the classification itself comes from `classifyError`. */
const fromClassified = (init: WhatsAppErrorInit): WhatsAppError => {
  const { code, classification } = init;
  if (code === WINDOW_CLOSED) return new WhatsAppWindowClosedError(init);
  if (code !== undefined && TEMPLATE_CODES.has(code)) return new WhatsAppTemplateError(init);
  if (classification.category === "auth") return new WhatsAppAuthError(init);
  if (classification.retryable)
    return code !== undefined && RATE_LIMIT_CODES.has(code) ? new WhatsAppRateLimitError(init) : new WhatsAppTransientError(init);
  return new WhatsAppPermanentError(init);
};

const numeric = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** Lenient on purpose: proxies and Meta's own edge answer with odd shapes, and a parse failure must not hide the status. */
const graphErrorEnvelope = z.object({
  error: z.object({
    message: z.string().optional().catch(undefined),
    code: numeric.optional().catch(undefined),
    error_subcode: numeric.optional().catch(undefined),
    error_data: z
      .union([z.object({ details: z.string().optional().catch(undefined) }), z.string().transform((details) => ({ details }))])
      .optional()
      .catch(undefined),
    error_user_msg: z.string().optional().catch(undefined),
    fbtrace_id: z.string().optional().catch(undefined),
  }),
});

const MAX_DETAILS = 500;

const parseBody = (body: unknown): unknown => {
  if (typeof body !== "string") return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};

/** Strips the `(#code) ` prefix Meta puts before the title. */
const titleOf = (message: string | undefined): string | undefined => message?.replace(/^\(#\d+\)\s*/, "") || undefined;

/** Options of {@link errorFromGraphResponse}. */
export interface ErrorFromGraphResponseOptions {
  httpStatus: number;
  /** The response body: parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
  /** Attempts already retried, to grow the suggested delay. */
  attempt?: number;
}

/**
 * Turns a non-2xx Graph answer into the matching {@link WhatsAppError} subclass. Reads Meta's error body
 * (`{ error: { code, message, error_data: { details }, fbtrace_id } }`); a body that is not JSON or lacks a code
 * still yields an error classified by its HTTP status.
 *
 * @example
 * const response = await fetch(url, init);
 * if (!response.ok) throw errorFromGraphResponse({ httpStatus: response.status, body: await response.text() });
 */
export function errorFromGraphResponse({ httpStatus, body, attempt }: ErrorFromGraphResponseOptions): WhatsAppError {
  const parsed = parseBody(body);
  const envelope = graphErrorEnvelope.safeParse(parsed);
  const error = envelope.success ? envelope.data.error : undefined;
  const code = error?.code;
  const details =
    error?.error_data?.details ??
    error?.error_user_msg ??
    (typeof parsed === "string" && parsed ? parsed.slice(0, MAX_DETAILS) : undefined);
  return fromClassified({
    code,
    title: titleOf(error?.message) ?? (code === undefined ? undefined : lookupErrorCode(code)?.title) ?? `HTTP ${httpStatus}`,
    details,
    subcode: error?.error_subcode,
    fbtraceId: error?.fbtrace_id,
    httpStatus,
    raw: parsed,
    classification: classifyError({ code, httpStatus, attempt }),
  });
}

/** One entry of the `errors[]` of a `failed` status, of `messages[].errors` or of `value.errors` in a webhook. */
export interface StatusErrorEntry {
  code: number;
  title?: string;
  message?: string;
  error_data?: { details?: string };
  href?: string;
}

/**
 * Turns the `errors[]` of a webhook (a `failed` status, an unsupported inbound message, a system error) into the same
 * {@link WhatsAppError} a synchronous answer with that code would give. Meta sends one entry in practice; the first
 * one decides, and the whole array is kept in `raw`.
 *
 * @example
 * if (status.status === "failed") {
 *   const error = errorFromStatusErrors(status.errors ?? []);
 *   if (error.type === "WhatsAppWindowClosedError") conversation.requireTemplate();
 * }
 */
export function errorFromStatusErrors(errors: readonly StatusErrorEntry[], options: { attempt?: number } = {}): WhatsAppError {
  const first = errors[0];
  const code = first?.code;
  return fromClassified({
    code,
    title: first?.title ?? first?.message ?? (code === undefined ? undefined : lookupErrorCode(code)?.title) ?? "Unknown error",
    details: first?.error_data?.details,
    raw: errors,
    classification: classifyError({ code, attempt: options.attempt }),
  });
}
