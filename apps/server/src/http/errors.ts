import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";

/**
 * The one error type a service throws for a caller to see. Codes are dotted and module-first
 * (`messages.window_closed`); the console and the SDK depend on them, so a code is never reused for something else.
 */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor({
    code,
    status,
    message,
    details,
    cause,
  }: { code: string; status: number; message: string; details?: unknown; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** A unique index refused the write (PostgreSQL 23505, also through Drizzle's wrapper). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: unknown }).code === "23505") return true;
  return false;
}

export const notFound = (what: string, id?: string) =>
  new AppError({ code: `${what}.not_found`, status: 404, message: id ? `No ${what.replace(/s$/, "")} with id ${id}` : `Not found` });

export const badRequest = (code: string, message: string, details?: unknown) => new AppError({ code, status: 400, message, details });

/** Stable codes for the client errors Fastify and its plugins raise themselves (their own codes are not API). */
const CLIENT_ERROR_CODES: Record<number, string> = {
  401: "auth.missing_token",
  404: "route.not_found",
  405: "request.method_not_allowed",
  406: "request.not_acceptable",
  413: "request.too_large",
  415: "request.unsupported_media_type",
  429: "request.rate_limited",
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * The only place errors become responses: `{ error: { code, message, details? } }`, nothing internal leaked. (Unknown
 * routes are answered by `http/console.ts`, which also serves the console's own routes.)
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(error.status)
        .send({ error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        field: [error.validationContext, ...v.instancePath.split("/").filter(Boolean)].join("."),
        message: v.message ?? "invalid",
      }));
      const first = issues[0];
      return reply.code(400).send({
        error: { code: "request.invalid", message: first ? `${first.field}: ${first.message}` : "Invalid request", details: { issues } },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, "response did not match its schema");
      return reply.code(500).send({ error: { code: "internal.error", message: "Internal error" } });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.code === "FST_ERR_CTP_INVALID_JSON_BODY" || (error instanceof SyntaxError && fastifyError.statusCode === 400)) {
      return reply.code(400).send({ error: { code: "request.invalid_json", message: "The body is not valid JSON" } });
    }
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const code = CLIENT_ERROR_CODES[fastifyError.statusCode] ?? "request.invalid";
      return reply.code(fastifyError.statusCode).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.code(500).send({ error: { code: "internal.error", message: "Internal error" } });
  });
}
