import type { WireIssue } from "../graph/wire/issues.ts";
import { classifyError, type ErrorClassification } from "./classify.ts";
import { WhatsAppMediaIntegrityError, WhatsAppNetworkError, WhatsAppPermanentError, WhatsAppValidationError } from "./whatsapp-error.ts";

// Errors raised on this side of the wire: Meta sent no code, so the kind of failure decides the classification.

const LOCAL_PERMANENT: ErrorClassification = {
  category: "permanent",
  retryable: false,
  agentMessage: {
    "pt-BR": "A mensagem não segue as regras do WhatsApp e não foi enviada. Corrija o campo indicado.",
    en: "The message breaks WhatsApp's rules and was not sent. Fix the field shown.",
  },
};

/**
 * Builds the error thrown before any HTTP call when a body fails validation; its message lists each field path.
 *
 * @example
 * throw validationError({ issues: [{ path: "text.body", message: "must be at most 4096 characters" }] });
 */
export function validationError({ issues, raw }: { issues: readonly WireIssue[]; raw?: unknown }): WhatsAppValidationError {
  return new WhatsAppValidationError({
    code: undefined,
    title: "Invalid message",
    details: issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; "),
    raw,
    issues,
    classification: LOCAL_PERMANENT,
  });
}

/**
 * Builds the error for a request that got no HTTP answer. Its classification is retryable, but a send's outcome is
 * unknown (see {@link WhatsAppNetworkError}).
 *
 * @example
 * catch (cause) { throw networkError({ cause, timedOut: cause instanceof DOMException && cause.name === "TimeoutError" }); }
 */
export function networkError({ cause, timedOut, attempt }: { cause: unknown; timedOut: boolean; attempt?: number }): WhatsAppNetworkError {
  return new WhatsAppNetworkError({
    code: undefined,
    title: timedOut ? "Request to WhatsApp timed out" : "Could not reach WhatsApp",
    details: cause instanceof Error ? cause.message : undefined,
    raw: cause,
    cause,
    timedOut,
    classification: classifyError({ code: undefined, attempt, noAnswer: true }),
  });
}

const INTEGRITY: ErrorClassification = {
  category: "retryable",
  retryable: true,
  retryAfterMs: 1_000,
  agentMessage: {
    "pt-BR": "O arquivo baixado do WhatsApp veio corrompido. O download será repetido.",
    en: "The file downloaded from WhatsApp was corrupted. The download will be retried.",
  },
};

/**
 * Builds the error for downloaded media whose hash differs from Meta's `sha256`. Retryable: a fresh download
 * usually fixes a corrupted transfer.
 *
 * @example
 * throw mediaIntegrityError({ mediaId, expectedSha256: info.sha256, actualSha256 });
 */
export function mediaIntegrityError({
  mediaId,
  expectedSha256,
  actualSha256,
}: {
  mediaId: string;
  expectedSha256: string;
  actualSha256: string;
}): WhatsAppMediaIntegrityError {
  return new WhatsAppMediaIntegrityError({
    code: undefined,
    title: "Media integrity check failed",
    details: `expected sha256 ${expectedSha256}, got ${actualSha256}`,
    mediaId,
    expectedSha256,
    actualSha256,
    classification: INTEGRITY,
  });
}

const UNEXPECTED: ErrorClassification = {
  category: "permanent",
  retryable: false,
  agentMessage: {
    "pt-BR": "O WhatsApp respondeu de um jeito inesperado. Confira o status da mensagem antes de reenviar.",
    en: "WhatsApp answered in an unexpected way. Check the message status before resending.",
  },
};

/**
 * Builds the error for a 2xx answer whose body is not what Meta documents. Not retryable: the request may well have
 * succeeded (a send may have gone out), so a blind retry could duplicate it.
 *
 * @example
 * if (!parsed.success) throw unexpectedResponseError({ httpStatus: 200, body, expected: "a send result with messages[0].id" });
 */
export function unexpectedResponseError({
  httpStatus,
  body,
  expected,
}: {
  httpStatus: number;
  body: unknown;
  expected: string;
}): WhatsAppPermanentError {
  return new WhatsAppPermanentError({
    code: undefined,
    title: "Unexpected response from WhatsApp",
    details: `expected ${expected}`,
    httpStatus,
    raw: body,
    classification: UNEXPECTED,
  });
}
