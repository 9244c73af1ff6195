import { readFileSync } from "node:fs";
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import { badRequest } from "../http/errors.ts";

/** Every JSON body (uploads are multipart with their own limit; Meta's webhook has its own). */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** No API body nests this deep; a deeper one only exists to exhaust a recursive JSON walk (stringify, validation). */
export const JSON_MAX_DEPTH = 64;
/** One year, the floor browsers' preload lists ask for; sent only on answers that travelled over TLS. */
export const HSTS_HEADER = "max-age=31536000";

export type HardeningConfig = Pick<Config, "corsOrigins" | "frameAncestors" | "tls" | "publicUrl">;

/** The certificate and key to give Fastify's `https` option, read once at start (a missing file stops the start). */
export function readTlsOptions(config: Pick<Config, "tls">): { cert: Buffer; key: Buffer } | undefined {
  if (!config.tls) return undefined;
  return { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) };
}

/**
 * Headers and body rules for every answer: CORS for the configured origins only, a strict Content-Security-Policy for
 * the console (scripts from Papo's own origin, nothing inline; framing by `FRAME_ANCESTORS` only), HSTS on answers
 * that came over TLS, and JSON bodies refused beyond a nesting depth before anything walks them.
 */
export async function registerHardening(app: FastifyInstance, config: HardeningConfig): Promise<void> {
  const allowed = new Set(config.corsOrigins);
  await app.register(cors, {
    // A function, not the list: an origin that is not allowed gets no CORS header at all, and its preflight is not
    // answered (the browser refuses the call). Same-origin calls and servers send no Origin header and are unaffected.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin.toLowerCase()) ? origin : false),
    methods: ["GET", "HEAD", "POST", "PATCH", "DELETE"],
    allowedHeaders: ["authorization", "content-type", "idempotency-key"],
    // Bearer tokens, not cookies, cross origins: a CRM page never rides on a console session.
    credentials: false,
    maxAge: 600,
  });

  const served = config.tls !== undefined || config.publicUrl.startsWith("https:");
  const framed = !config.frameAncestors.includes("'none'");
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "script-src-attr": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "connect-src": ["'self'"],
        // Inline style attributes are the one inline thing the console (React, the virtualised list) needs; fonts are its own.
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'", "data:"],
        // The console shows media fetched with the bearer token as blob: URLs (an <img> cannot send the header).
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "frame-ancestors": config.frameAncestors,
        // Only where browsers reach Papo over https: on plain http it would turn the console's own requests to https.
        "upgrade-insecure-requests": served ? [] : null,
      },
    },
    // frame-ancestors decides framing; X-Frame-Options only repeats "never" for browsers that predate it.
    xFrameOptions: framed ? false : { action: "deny" },
    // HSTS is set below, on TLS answers only: over plain http a browser ignores it and a proxy may not be https.
    strictTransportSecurity: false,
  });
  app.addHook("onRequest", async (request, reply) => {
    if (request.protocol === "https") reply.header("strict-transport-security", HSTS_HEADER);
  });
  // Like bodies: U+0000 in a query or path value is refused by name before it can reach a query as text.
  app.addHook("preValidation", async (request) => {
    for (const [part, values] of [
      ["querystring", request.query],
      ["params", request.params],
    ] as const) {
      if (typeof values !== "object" || values === null) continue;
      for (const [name, value] of Object.entries(values)) {
        if ([value].flat().some((v) => typeof v === "string" && v.includes("\0")))
          throw badRequest("request.invalid", `${part}.${name}: contains a NUL character`);
      }
    }
  });

  // JSON only: without Fastify's default text/plain parser, a body a cross-site form could send without a CORS
  // preflight is refused (415) before any route sees it.
  app.removeContentTypeParser("text/plain");
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const depth = jsonDepth(String(body));
    if (depth > JSON_MAX_DEPTH) {
      done(badRequest("request.invalid", `body: nested ${depth} levels deep, at most ${JSON_MAX_DEPTH} are accepted`), undefined);
      return;
    }
    const text = String(body);
    // PostgreSQL text cannot hold U+0000: refused here with the field's name instead of failing deep in a query.
    if (!/\\u0000/i.test(text)) return parseJson(request, text, done);
    parseJson(request, text, (error, value) => {
      const at = error ? undefined : nulPath(value, "body");
      if (at) done(badRequest("request.invalid", `${at}: contains a NUL character (\\u0000)`), undefined);
      else done(error, value);
    });
  });
}

/** Where a parsed JSON value holds a string (or key) with U+0000, as `body.a.0.b`; undefined when none does. */
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return value.includes("\0") ? path : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\0")) return path;
    const found = nulPath(item, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * Fastify's own answers for URLs its router cannot take (a bad percent-encoding, a path segment over 100 characters),
 * in the API's error format instead of Fastify's.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === "FST_ERR_BAD_URL" || error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    const message = error.code === "FST_ERR_BAD_URL" ? "path: not a valid URL" : "path: a segment is longer than 100 characters";
    void reply.code(400).send({ error: { code: "request.invalid", message } });
    return;
  }
  void reply.code(500).send({ error: { code: "internal.error", message: "Internal error" } });
}

/** The deepest nesting of arrays and objects in a JSON text, counted without parsing it (brackets inside strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
