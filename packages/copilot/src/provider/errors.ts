import { APICallError, NoObjectGeneratedError, NoOutputGeneratedError, RetryError } from "ai";
import { type Capability, CapabilityUnavailableError } from "../types.ts";

/** What went wrong talking to the provider; the server maps `kind` (and `status`) to its API error codes. */
export type ProviderErrorKind = "timeout" | "http" | "network" | "invalid_output";

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  /** The provider's HTTP status when it answered with an error. */
  readonly status: number | undefined;
  /** Milliseconds the provider asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  private readonly retryOverride: boolean | undefined;
  constructor(
    kind: ProviderErrorKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.retryOverride = options.retryable;
    this.name = "ProviderError";
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** 429, 5xx and network failures may succeed on a second try; 4xx and bad output will not. */
  get retryable(): boolean {
    if (this.retryOverride !== undefined) return this.retryOverride;
    if (this.kind === "network") return true;
    if (this.kind === "http") return this.status === 429 || this.status === 408 || (this.status ?? 0) >= 500;
    return false;
  }
}

function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers["retry-after-ms"];
  if (ms !== undefined && Number.isFinite(Number(ms))) return Number(ms);
  const value = headers["retry-after"];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/**
 * Turns whatever the AI SDK or fetch threw into a ProviderError. Messages carry only the status and the SDK's short
 * description, never request bodies (they hold customer text) nor headers (they hold the API key).
 */
export function toProviderError(error: unknown, timedOut: boolean): ProviderError {
  if (error instanceof ProviderError) return error;
  if (timedOut || isAbort(error)) return new ProviderError("timeout", "The AI provider did not answer in time.", { cause: error });
  if (RetryError.isInstance(error)) return toProviderError(error.lastError, false);
  if (APICallError.isInstance(error)) {
    if (error.statusCode === undefined) return new ProviderError("network", "Could not reach the AI provider.", { cause: error });
    // A 2xx whose body the SDK could not parse: the provider answered, just not in OpenAI's format.
    if (error.statusCode < 300)
      return new ProviderError("invalid_output", "The AI provider's answer was not valid JSON.", { cause: error });
    return new ProviderError("http", `The AI provider answered HTTP ${error.statusCode}.`, {
      status: error.statusCode,
      retryAfterMs: retryAfterMs(error.responseHeaders),
      cause: error,
    });
  }
  if (NoObjectGeneratedError.isInstance(error) || NoOutputGeneratedError.isInstance(error)) {
    return new ProviderError("invalid_output", "The AI provider's answer did not match the expected format.", { cause: error });
  }
  if (error instanceof Error && error.name === "AI_JSONParseError") {
    return new ProviderError("invalid_output", "The AI provider's answer was not valid JSON.", { cause: error });
  }
  if (error instanceof Error && error.name.startsWith("AI_")) {
    return new ProviderError("invalid_output", "The AI provider's answer could not be used.", { cause: error });
  }
  return new ProviderError("network", "Could not reach the AI provider.", { cause: error });
}

/**
 * A provider-only capability (translation, transcription, a rewrite style the rules cannot do) was refused because the
 * workspace's monthly AI budget is used up. It is a CapabilityUnavailableError, so callers that only know that one still
 * answer 422.
 */
export class BudgetExhaustedError extends CapabilityUnavailableError {
  readonly reason = "budget_exhausted";
  constructor(capability: Capability) {
    super(capability, "The workspace's monthly AI budget is used up.");
    this.name = "BudgetExhaustedError";
  }
}
