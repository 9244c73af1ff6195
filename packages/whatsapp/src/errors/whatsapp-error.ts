import type { WireIssue } from "../graph/wire/issues.ts";
import type { ErrorClassification } from "./classify.ts";

/** Every concrete error class's name; `error.type` is one of them, so callers can `switch` without `instanceof`. */
export type WhatsAppErrorType =
  | "WhatsAppError"
  | "WhatsAppRateLimitError"
  | "WhatsAppAuthError"
  | "WhatsAppWindowClosedError"
  | "WhatsAppTemplateError"
  | "WhatsAppTransientError"
  | "WhatsAppPermanentError"
  | "WhatsAppNetworkError"
  | "WhatsAppValidationError"
  | "WhatsAppMediaIntegrityError";

/** Fields shared by every WhatsApp error; factories in `factories.ts` fill them from Meta's answers. */
export interface WhatsAppErrorInit {
  /** Meta's error code; `undefined` for failures that never reached Meta (network, local validation, integrity). */
  code: number | undefined;
  title: string;
  classification: ErrorClassification;
  details?: string | undefined;
  subcode?: number | undefined;
  fbtraceId?: string | undefined;
  httpStatus?: number | undefined;
  /** What the error was built from: the parsed body, the webhook entry, the thrown fetch error. */
  raw?: unknown;
  cause?: unknown;
}

const describe = ({ code, title, details }: WhatsAppErrorInit): string => {
  const head = code === undefined ? title : `(#${code}) ${title}`;
  return details && details !== title ? `${head}: ${details}` : head;
};

/**
 * Base of every error this package throws. Subclasses are named for what the caller does next; `classification`
 * carries the retry decision and a sentence an agent can read.
 *
 * @example
 * try { await client.send(message); } catch (error) {
 *   if (error instanceof WhatsAppError && error.classification.retryable) queue.retry({ inMs: error.classification.retryAfterMs });
 * }
 */
export class WhatsAppError extends Error {
  readonly type: WhatsAppErrorType = "WhatsAppError";
  readonly code: number | undefined;
  readonly subcode: number | undefined;
  readonly title: string;
  readonly details: string | undefined;
  readonly fbtraceId: string | undefined;
  readonly httpStatus: number | undefined;
  readonly raw: unknown;
  readonly classification: ErrorClassification;

  constructor(init: WhatsAppErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.subcode = init.subcode;
    this.title = init.title;
    this.details = init.details;
    this.fbtraceId = init.fbtraceId;
    this.httpStatus = init.httpStatus;
    this.raw = init.raw;
    this.classification = init.classification;
  }
}

/** Raised when Meta throttles (130429 throughput, 131056 pair rate, 4/80007/80008 app/WABA limits): wait `retryAfterMs` and resend. */
export class WhatsAppRateLimitError extends WhatsAppError {
  override readonly type = "WhatsAppRateLimitError";
}

/** Raised when the token is invalid, expired or lacks a permission: pause the channel and alert an administrator. */
export class WhatsAppAuthError extends WhatsAppError {
  override readonly type = "WhatsAppAuthError";
}

/** Raised for 131047: the 24 h customer-service window is closed; only an approved template can reach the customer. */
export class WhatsAppWindowClosedError extends WhatsAppError {
  override readonly type = "WhatsAppWindowClosedError";
}

/** Raised for template errors (132xxx): fix the template parameters or pick another template; resending as is fails. */
export class WhatsAppTemplateError extends WhatsAppError {
  override readonly type = "WhatsAppTemplateError";
}

/** Raised for temporary failures on Meta's side (5xx, 131000, 131016, 131057…): retry with backoff. */
export class WhatsAppTransientError extends WhatsAppError {
  override readonly type = "WhatsAppTransientError";
}

/** Raised when resending the same request will fail again (undeliverable, invalid parameter, opted out…): show and stop. */
export class WhatsAppPermanentError extends WhatsAppError {
  override readonly type = "WhatsAppPermanentError";
}

/**
 * Raised when no HTTP answer arrived (timeout, connection refused, DNS). Retryable, but for a send the outcome is
 * UNKNOWN: Meta may have accepted the message. Reconcile through status webhooks before resending, or resend with the
 * same `biz_opaque_callback_data` and deduplicate.
 */
export class WhatsAppNetworkError extends WhatsAppError {
  override readonly type = "WhatsAppNetworkError";
  /** Whether the client gave up waiting (`timeoutMs`) rather than the connection failing. */
  readonly timedOut: boolean;
  /** Always `"unknown"`: the request may or may not have been processed by Meta. */
  readonly outcome = "unknown" as const;

  constructor(init: WhatsAppErrorInit & { timedOut: boolean }) {
    super(init);
    this.timedOut = init.timedOut;
  }
}

/** Raised before any HTTP call when a message breaks Meta's rules; `issues` name each offending field. */
export class WhatsAppValidationError extends WhatsAppError {
  override readonly type = "WhatsAppValidationError";
  readonly issues: readonly WireIssue[];

  constructor(init: WhatsAppErrorInit & { issues: readonly WireIssue[] }) {
    super(init);
    this.issues = init.issues;
  }
}

/** Raised when downloaded media does not match the sha256 Meta announced: the bytes are corrupt or not the file expected. */
export class WhatsAppMediaIntegrityError extends WhatsAppError {
  override readonly type = "WhatsAppMediaIntegrityError";
  readonly mediaId: string;
  /** The hash Meta announced, as Meta wrote it (hex or base64). */
  readonly expectedSha256: string;
  /** The hash of the bytes received, in hex. */
  readonly actualSha256: string;

  constructor(init: WhatsAppErrorInit & { mediaId: string; expectedSha256: string; actualSha256: string }) {
    super(init);
    this.mediaId = init.mediaId;
    this.expectedSha256 = init.expectedSha256;
    this.actualSha256 = init.actualSha256;
  }
}
