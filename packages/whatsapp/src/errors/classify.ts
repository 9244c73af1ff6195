import { type AgentMessage, type ErrorCategory, lookupErrorCode } from "./codes.ts";

/** What to do with a failure: its category, whether a retry can succeed, when, and what to tell the agent. */
export interface ErrorClassification {
  category: ErrorCategory;
  retryable: boolean;
  /** Suggested wait before the next attempt; present only when `retryable`. */
  retryAfterMs?: number;
  agentMessage: AgentMessage;
}

/** Options of {@link classifyError}. */
export interface ClassifyErrorOptions {
  /** Meta's error code; `undefined` when the answer carried none (or there was no answer at all). */
  code: number | undefined;
  /** HTTP status of the synchronous answer; absent for webhook errors and network failures. */
  httpStatus?: number | undefined;
  /** 0-based number of attempts already retried; grows the suggested delay. */
  attempt?: number | undefined;
  /** The request got no HTTP answer at all (timeout, refused): retryable, but a send's outcome is unknown. */
  noAnswer?: boolean | undefined;
}

/** Meta's pair-rate-limit guidance: wait 4^X seconds (1 s, 4 s, 16 s…) before retrying the same user. */
const PAIR_RATE_LIMIT = 131056;
const PAIR_BACKOFF_BASE = 4;
const DEFAULT_BACKOFF_BASE = 2;
/** Keeps exponential growth from suggesting waits past the point where an operator should look instead. */
const MAX_GROWN_DELAY_MS = 15 * 60_000;
const TRANSIENT_DELAY_MS = 5_000;

const growDelay = ({ code, baseMs, attempt }: { code: number | undefined; baseMs: number; attempt: number }): number => {
  const factor = code === PAIR_RATE_LIMIT ? PAIR_BACKOFF_BASE : DEFAULT_BACKOFF_BASE;
  const grown = baseMs * factor ** Math.max(0, Math.floor(attempt));
  return Math.min(grown, Math.max(baseMs, MAX_GROWN_DELAY_MS));
};

const NETWORK_MESSAGE: AgentMessage = {
  "pt-BR":
    "Não foi possível falar com o WhatsApp. Não sabemos se a mensagem chegou a ser enviada; ela será conferida antes de qualquer reenvio.",
  en: "WhatsApp could not be reached. It is unknown whether the message was sent; it will be checked before any resend.",
};

const unknownMessage = (code: number | undefined, retryable: boolean): AgentMessage => {
  const ref = code === undefined ? "" : ` (código ${code})`;
  const refEn = code === undefined ? "" : ` (code ${code})`;
  return retryable
    ? {
        "pt-BR": `O WhatsApp teve um problema temporário${ref}. A mensagem será reenviada automaticamente.`,
        en: `WhatsApp had a temporary problem${refEn}. The message will be retried automatically.`,
      }
    : {
        "pt-BR": `O WhatsApp recusou a mensagem${ref}. Veja os detalhes do erro antes de tentar de novo.`,
        en: `WhatsApp rejected the message${refEn}. Check the error details before trying again.`,
      };
};

/**
 * The one classifier behind both error paths: a synchronous Graph answer and the `errors[]` of a `failed` status
 * webhook give the same verdict for the same code. Known codes follow the table in `codes.ts`; unknown codes fall
 * back on the HTTP status (5xx retryable, anything else — webhook errors included — permanent). `noAnswer` marks a
 * request that never got an HTTP answer: retryable, but a send's outcome is unknown.
 *
 * @example
 * classifyError({ code: 131056, attempt: 2 }) // { category: "retryable", retryable: true, retryAfterMs: 16_000, ... }
 * classifyError({ code: 131047 }).category    // "needs_template"
 */
export function classifyError({ code, httpStatus, attempt = 0, noAnswer = false }: ClassifyErrorOptions): ErrorClassification {
  const info = code === undefined ? undefined : lookupErrorCode(code);
  if (info) {
    const retryable = info.category === "retryable";
    const baseMs = info.retryAfterMs ?? TRANSIENT_DELAY_MS;
    return {
      category: info.category,
      retryable,
      ...(retryable ? { retryAfterMs: growDelay({ code, baseMs, attempt }) } : {}),
      agentMessage: info.agentMessage,
    };
  }
  if (noAnswer) {
    return {
      category: "retryable",
      retryable: true,
      retryAfterMs: growDelay({ code, baseMs: TRANSIENT_DELAY_MS, attempt }),
      agentMessage: NETWORK_MESSAGE,
    };
  }
  const retryable = httpStatus !== undefined && httpStatus >= 500;
  return retryable
    ? {
        category: "retryable",
        retryable,
        retryAfterMs: growDelay({ code, baseMs: TRANSIENT_DELAY_MS, attempt }),
        agentMessage: unknownMessage(code, true),
      }
    : { category: "permanent", retryable, agentMessage: unknownMessage(code, false) };
}
