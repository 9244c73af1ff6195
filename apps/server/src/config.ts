import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseMasterKey } from "./crypto/master-key.ts";
import { MIN_PASSWORD_LENGTH, type WeakPasswordReason, weakPasswordReason } from "./modules/auth/password-policy.ts";

/*
 * The whole configuration, parsed once at start from the environment (and an optional .env file). Every bad value is
 * reported at once, by name; nothing reads process.env after this.
 */

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const masterKey = optionalText.refine((v) => v === undefined || parseMasterKey(v) !== null, {
  message: "must be 32 random bytes as 64 hex characters or base64 (generate one with: openssl rand -hex 32)",
});

const httpUrl = optionalText.pipe(z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional());

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["1", "true", "yes"].includes(v)));

const ADMIN_PASSWORD_PROBLEMS: Record<WeakPasswordReason, string> = {
  too_short: `must have at least ${MIN_PASSWORD_LENGTH} characters`,
  common: "is on the list of common or leaked passwords; choose another",
  contains_personal_data: "must not contain ADMIN_EMAIL's name",
};

/** Comma- (or space-) separated lists, blanks dropped. */
const listOf = (value: string): string[] => value.split(/[\s,]+/).filter(Boolean);
/** A browser origin as the Origin header spells it: scheme, host and optional port, nothing else. */
const CORS_ORIGIN = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)(:\d{1,5})?$/i;
/** A CSP `frame-ancestors` source: the two keywords, or an origin whose host may start with `*.`. */
const FRAME_ANCESTOR = /^('none'|'self'|https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?)$/i;

/** A duration: seconds (`900`) or a number with a unit (`90s`, `15m`, `12h`, `30d`); parsed to seconds within bounds. */
const duration = (fallback: string, minSeconds: number, maxSeconds: number) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((v, ctx) => {
      const match = /^(\d+)\s*([smhd]?)$/i.exec(v === "" ? fallback : v);
      const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[(match?.[2] ?? "").toLowerCase()] ?? 1;
      const seconds = match ? Number(match[1]) * unit : Number.NaN;
      if (!(seconds >= minSeconds && seconds <= maxSeconds)) {
        ctx.addIssue({
          code: "custom",
          message: `must be a duration between ${minSeconds}s and ${maxSeconds}s, like 900, 15m, 12h or 30d`,
        });
        return z.NEVER;
      }
      return seconds;
    });

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    DATA_DIR: z.string().default("./data"),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must start with postgres:// (leave unset for the embedded database)")
        .optional(),
    ),
    PAPO_MASTER_KEY: masterKey,
    PAPO_PREVIOUS_MASTER_KEYS: optionalText.refine((v) => v === undefined || v.split(",").every((k) => parseMasterKey(k) !== null), {
      message: "must be a comma-separated list of 64-hex-character keys",
    }),
    PAPO_KEY_FILE_POLL: duration("5s", 0, 3600),
    ADMIN_EMAIL: z.email({ message: "must be an e-mail address" }).default("admin@papo.local"),
    // Checked against the same policy as every other password, in superRefine below (it needs ADMIN_EMAIL).
    ADMIN_PASSWORD: optionalText,
    PUBLIC_URL: httpUrl,
    WHATSAPP_API_URL: httpUrl,
    WHATSAPP_API_VERSION: z
      .string()
      .regex(/^v\d+\.\d+$/, "must look like v24.0")
      .default("v24.0"),
    WHATSAPP_APP_SECRET: optionalText,
    WHATSAPP_VERIFY_TOKEN: optionalText,
    WHATSAPP_ACCESS_TOKEN: optionalText,
    WHATSAPP_PHONE_NUMBER_ID: optionalText.refine((v) => v === undefined || /^\d+$/.test(v), {
      message: "must be the numeric phone number id",
    }),
    WHATSAPP_BUSINESS_ACCOUNT_ID: optionalText.refine((v) => v === undefined || /^\d+$/.test(v), {
      message: "must be the numeric WABA id",
    }),
    PAPO_SANDBOX: flag,
    SANDBOX_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
    SEND_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(80),
    RETENTION_INTERVAL_SECONDS: duration("1h", 60, 7 * 86400),
    REPORTS_FOLD_INTERVAL_SECONDS: duration("10", 1, 3600),
    TEMPLATE_SYNC_INTERVAL_SECONDS: duration("1h", 0, 7 * 86400).refine((v) => v === 0 || v >= 60, {
      message: "must be 0 (off) or a duration of at least 60s, like 3600, 30m or 6h",
    }),
    TRUST_PROXY: flag,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ACCESS_TOKEN_TTL: duration("15m", 60, 24 * 3600),
    REFRESH_TOKEN_TTL: duration("30d", 3600, 365 * 86400),
    CORS_ORIGINS: optionalText.refine((v) => v === undefined || listOf(v).every((o) => CORS_ORIGIN.test(o)), {
      message: "must be a comma-separated list of origins like https://crm.example.com (scheme, host, optional port; no path, no *)",
    }),
    FRAME_ANCESTORS: optionalText.refine(
      (v) => v === undefined || (listOf(v).every((o) => FRAME_ANCESTOR.test(o)) && (listOf(v).length === 1 || !v.includes("'none'"))),
      {
        message:
          "must be 'none' (alone), or 'self' and origins like https://crm.example.com or https://*.example.com, separated by commas or spaces",
      },
    ),
    TLS_CERT: optionalText.refine((v) => v === undefined || existsSync(v), { message: "no such file (the PEM certificate chain)" }),
    TLS_KEY: optionalText.refine((v) => v === undefined || existsSync(v), { message: "no such file (the PEM private key)" }),
  })
  .superRefine((env, ctx) => {
    const channelVars = ["WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_BUSINESS_ACCOUNT_ID"] as const;
    const given = channelVars.filter((name) => env[name] !== undefined);
    if (given.length > 0 && given.length < channelVars.length) {
      for (const name of channelVars.filter((n) => env[n] === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `is required when ${given.join(" and ")} ${given.length > 1 ? "are" : "is"} set`,
        });
      }
    }
    const adminPasswordWeakness = env.ADMIN_PASSWORD ? weakPasswordReason(env.ADMIN_PASSWORD, { email: env.ADMIN_EMAIL }) : null;
    if (adminPasswordWeakness) {
      ctx.addIssue({ code: "custom", path: ["ADMIN_PASSWORD"], message: ADMIN_PASSWORD_PROBLEMS[adminPasswordWeakness] });
    }
    if (Boolean(env.TLS_CERT) !== Boolean(env.TLS_KEY)) {
      ctx.addIssue({ code: "custom", path: [env.TLS_CERT ? "TLS_KEY" : "TLS_CERT"], message: "TLS_CERT and TLS_KEY are set together" });
    }
    if (env.WHATSAPP_ACCESS_TOKEN && !env.WHATSAPP_APP_SECRET && env.PAPO_SANDBOX !== true) {
      ctx.addIssue({
        code: "custom",
        path: ["WHATSAPP_APP_SECRET"],
        message: "is required with a real channel: Papo refuses unsigned webhooks",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };
  masterKey?: Buffer;
  previousMasterKeys: Buffer[];
  /** How often a running Papo checks the key file `DATA_DIR/master.key` for a rotated key (0: only on SIGHUP). */
  keyFilePollSeconds: number;
  admin: { email: string; password?: string };
  publicUrl: string;
  /** Whether PUBLIC_URL was set: without it, URLs given to browsers (the SSO callback) follow the request's own origin. */
  publicUrlConfigured: boolean;
  whatsapp: { apiUrl: string; apiVersion: string; appSecret?: string; verifyToken?: string };
  firstChannel?: { accessToken: string; phoneNumberId: string; wabaId: string };
  sandbox: { enabled: boolean; simPort: number };
  sendRatePerSecond: number;
  /** How often the retention job applies the workspaces' retention policies (worker processes only). */
  retentionIntervalSeconds: number;
  /** How often report events are folded into hourly rollups (modules/reports; worker processes only). */
  reportsFoldIntervalSeconds: number;
  /** How often the template sync reads every WABA's templates from Meta (worker processes only; 0: never). */
  templateSyncIntervalSeconds: number;
  /** The agent console's build (apps/web/dist), served at `/`. */
  webDistDir: string;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits key on it). */
  trustProxy: boolean;
  logLevel: Env["LOG_LEVEL"];
  /** Lifetimes of the bearer access tokens and of the refresh tokens (sessions), in seconds. */
  auth: { accessTokenTtlSeconds: number; refreshTokenTtlSeconds: number };
  /** How often the live stream pings and re-checks the caller's session (tests shorten it). */
  liveHeartbeatMs: number;
  /** Browser origins allowed to call the API cross-origin (CORS); empty = same-origin only. */
  corsOrigins: string[];
  /** CSP `frame-ancestors`: who may embed the console in a frame (`'none'` by default; the CRM's origins to embed it). */
  frameAncestors: string[];
  /** Serve HTTPS directly with this certificate chain and key (PEM files), and send HSTS. */
  tls?: { certFile: string; keyFile: string };
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`);
  }
}

/** Reads `.env` (if present) into the environment without overriding variables already set. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Parses and freezes the configuration; throws a ConfigError listing every bad variable. */
export function parseConfig(source: Record<string, string | undefined>): Readonly<Config> {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "?"), message: issue.message })));
  }
  const env = parsed.data;
  const dataDir = resolve(env.DATA_DIR);
  const config: Config = {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    database: env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dir: resolve(dataDir, "pglite") },
    ...(env.PAPO_MASTER_KEY ? { masterKey: parseMasterKey(env.PAPO_MASTER_KEY) ?? undefined } : {}),
    previousMasterKeys: (env.PAPO_PREVIOUS_MASTER_KEYS?.split(",") ?? []).flatMap((k) => parseMasterKey(k) ?? []),
    keyFilePollSeconds: env.PAPO_KEY_FILE_POLL,
    admin: { email: env.ADMIN_EMAIL.toLowerCase(), ...(env.ADMIN_PASSWORD ? { password: env.ADMIN_PASSWORD } : {}) },
    publicUrl: (env.PUBLIC_URL ?? `${env.TLS_CERT ? "https" : "http"}://localhost:${env.PORT}`).replace(/\/$/, ""),
    publicUrlConfigured: env.PUBLIC_URL !== undefined,
    whatsapp: {
      apiUrl: (env.WHATSAPP_API_URL ?? "https://graph.facebook.com").replace(/\/$/, ""),
      apiVersion: env.WHATSAPP_API_VERSION,
      ...(env.WHATSAPP_APP_SECRET ? { appSecret: env.WHATSAPP_APP_SECRET } : {}),
      ...(env.WHATSAPP_VERIFY_TOKEN ? { verifyToken: env.WHATSAPP_VERIFY_TOKEN } : {}),
    },
    ...(env.WHATSAPP_ACCESS_TOKEN && env.WHATSAPP_PHONE_NUMBER_ID && env.WHATSAPP_BUSINESS_ACCOUNT_ID
      ? {
          firstChannel: {
            accessToken: env.WHATSAPP_ACCESS_TOKEN,
            phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
            wabaId: env.WHATSAPP_BUSINESS_ACCOUNT_ID,
          },
        }
      : {}),
    sandbox: { enabled: env.PAPO_SANDBOX ?? !env.WHATSAPP_ACCESS_TOKEN, simPort: env.SANDBOX_SIM_PORT },
    sendRatePerSecond: env.SEND_RATE_PER_SECOND,
    retentionIntervalSeconds: env.RETENTION_INTERVAL_SECONDS,
    reportsFoldIntervalSeconds: env.REPORTS_FOLD_INTERVAL_SECONDS,
    templateSyncIntervalSeconds: env.TEMPLATE_SYNC_INTERVAL_SECONDS,
    trustProxy: env.TRUST_PROXY ?? false,
    webDistDir: fileURLToPath(new URL("../../web/dist", import.meta.url)),
    logLevel: env.LOG_LEVEL,
    auth: { accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL, refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL },
    liveHeartbeatMs: 25_000,
    corsOrigins: listOf(env.CORS_ORIGINS ?? "").map((o) => o.toLowerCase()),
    frameAncestors: listOf(env.FRAME_ANCESTORS ?? "'none'"),
    ...(env.TLS_CERT && env.TLS_KEY ? { tls: { certFile: resolve(env.TLS_CERT), keyFile: resolve(env.TLS_KEY) } } : {}),
  };
  return Object.freeze(config);
}
