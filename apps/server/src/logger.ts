import pino, { type DestinationStream, type Logger } from "pino";

/*
 * The process logger never writes a secret or a person's data: not tokens, cookies, passwords, app secrets or
 * signatures; not message text, names, e-mails or phone numbers. Three layers, each enough on its own for what it covers:
 *   1. serializers: a request is its method and path (query strings carry `?phone=`, `?token=`); an error is an
 *      allow-list of its fields (a database error's bound parameters and a client error's request never get in);
 *   2. pino `redact` paths for the known structured places (headers, credentials, bodies);
 *   3. a last pass over every line: values under a secret or personal key are replaced, and e-mails, bearer tokens,
 *      JWTs, Meta access tokens and phone-like numbers are masked wherever they appear (messages and stacks included).
 */

export const REDACTED = "[redacted]";

interface LoggedRequest {
  method?: string;
  url?: string;
  id?: string;
  ip?: string;
}

/** Keys whose values are secrets or personal data wherever they appear in a log line (compared case-insensitively). */
const SENSITIVE_KEY =
  /^(authorization|cookie|set-cookie|x-hub-signature(-256)?|password\w*|\w*passwords?|\w*token|\w*tokens|\w*secret|\w*secrets|secret\w*|api[-_]?key|otp|totp\w*|recovery_?codes?|code_verifier|text|body|caption|email|e-mail|phone|phones|wa_?id|from|to|recipient_?id|wamid|wa_?message_?id|profile|display_?name|contact_?name|filename|address|raw|params|parameters|query_?string|headers)$/i;

/** Keys of Meta's own numeric ids, which would otherwise look like phone numbers (they are not personal data). */
const NUMERIC_ID_KEY = /^(phone_?number_?id|waba_?id|business_?account_?id|app_?id|fbtrace_?id)$/i;

const VALUE_PATTERNS: Array<[RegExp, string]> = [
  [/\bBearer\s+[\w.~+/=-]+/gi, `Bearer ${REDACTED}`],
  [/\beyJ[\w-]{4,}\.[\w-]{4,}(\.[\w-]*)?/g, "[jwt]"],
  // Meta's user and system-user access tokens.
  [/\bEAA[A-Za-z0-9]{16,}/g, "[token]"],
  // WhatsApp message ids are base64 of a record that holds the customer's number.
  [/\bwamid\.[A-Za-z0-9+/=_-]+/g, "wamid.[redacted]"],
  [/([?&;](access_token|token|code|password|secret|hub\.verify_token)=)[^&\s"';]+/gi, `$1${REDACTED}`],
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu, "[email]"],
  // International numbers: 10 to 15 digits, optionally written with + and separators; not part of a longer word or id.
  // (Dots are not separators: "192.168.100.200" is an address, not a phone.)
  [/(?<![\w-])\+?\(?\d(?:[ ()-]{0,2}\d){9,14}(?![\w-])/g, "[phone]"],
];

/** Masks e-mails, tokens and phone numbers inside a free-form string (a message, an error text, a stack). */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of VALUE_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function scrubValue(value: unknown, key: string | undefined, depth: number): unknown {
  if (key !== undefined && SENSITIVE_KEY.test(key) && value !== null && value !== undefined && value !== "") return REDACTED;
  if (typeof value === "string") return key !== undefined && NUMERIC_ID_KEY.test(key) ? value : scrubText(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth > 12) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, undefined, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, k, depth + 1);
  return out;
}

/** The last pass over one serialised line (exported for tests). A line that is not JSON is scrubbed as text. */
export function scrubLine(line: string): string {
  const end = line.endsWith("\n") ? "\n" : "";
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // pino's own fields are kept as they are; everything else goes through the scrubber.
    for (const [k, v] of Object.entries(parsed)) out[k] = k === "level" || k === "time" || k === "pid" ? v : scrubValue(v, k, 0);
    return `${JSON.stringify(out)}${end}`;
  } catch {
    return scrubText(line);
  }
}

/** Drizzle puts a failed query's bound values in its message and stack (`params: a@b.c,…`): cut them out. */
const withoutQueryParams = (text: string): string => text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, `\nparams: ${REDACTED}`);

/**
 * An error as the logs see it: its kind, code, message and stack (both scrubbed), Meta's error fields, and its cause
 * chain; never the rest of its properties (a database error's parameters and detail, an HTTP client's request, a
 * WhatsApp error's raw answer).
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return typeof error === "string" ? scrubText(error) : REDACTED;
  const e = error as Error & Record<string, unknown>;
  const pick = (name: string) => (typeof e[name] === "string" || typeof e[name] === "number" ? { [name]: e[name] } : {});
  return {
    type: e.constructor?.name ?? e.name,
    message: scrubText(withoutQueryParams(e.message)),
    ...(e.stack ? { stack: scrubText(withoutQueryParams(e.stack)) } : {}),
    ...pick("code"),
    ...pick("status"),
    ...pick("statusCode"),
    ...pick("httpStatus"),
    ...pick("subcode"),
    ...pick("fbtraceId"),
    ...pick("title"),
    ...(e.cause !== undefined && depth < 5 ? { cause: serializeError(e.cause, depth + 1) } : {}),
  };
}

/** Where the known structured secrets and personal data sit; the line scrubber catches anything else. */
const REDACT_PATHS = [
  "req.headers",
  "headers",
  "*.headers",
  "password",
  "*.password",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "appSecret",
  "*.appSecret",
  "body",
  "*.body",
  "text",
  "*.text",
  "email",
  "*.email",
  "phone",
  "*.phone",
];

/**
 * The process logger. Requests are logged by path only: query strings carry personal data (`?phone=…`), and headers
 * carry tokens and signatures, so neither is written.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, path: req.url?.split("?")[0], id: req.id, ip: req.ip }),
      err: serializeError,
      error: serializeError,
    },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: { streamWrite: scrubLine },
  };
  return destination ? pino(options, destination) : pino(options);
}
