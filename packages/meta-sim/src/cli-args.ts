/** What the CLI was asked to do. */
export interface CliSettings {
  port: number;
  host: string;
  webhookUrl?: string;
  appSecret: string;
  help: boolean;
}

/** The CLI's default port, so Papo's `.env.example` can point at a fixed URL. */
export const DEFAULT_CLI_PORT = 4010;

const DEFAULT_APP_SECRET = "dev-secret";

/** Thrown for an unusable flag or variable; the CLI prints the message and exits with status 2. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}

/**
 * Reads `--port`, `--host`, `--webhook-url`, `--app-secret` (as `--flag value` or `--flag=value`), falling back to
 * `META_SIM_PORT`, `META_SIM_HOST`, `META_SIM_WEBHOOK_URL`, `META_SIM_APP_SECRET`. Flags win over the environment.
 */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliSettings {
  const flags = new Map<string, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new CliUsageError(`unexpected argument: ${arg} (flags are --name value)`);
    const name = match[1];
    if (!["port", "host", "webhook-url", "app-secret"].includes(name)) throw new CliUsageError(`unknown flag: --${name}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new CliUsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  const portText = flags.get("port") ?? env.META_SIM_PORT ?? String(DEFAULT_CLI_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliUsageError(`port must be an integer between 0 and 65535, got ${portText}`);
  const webhookUrl = flags.get("webhook-url") ?? env.META_SIM_WEBHOOK_URL;
  if (webhookUrl !== undefined && !/^https?:\/\//.test(webhookUrl))
    throw new CliUsageError(`webhook URL must start with http:// or https://, got ${webhookUrl}`);
  return {
    port,
    host: flags.get("host") ?? env.META_SIM_HOST ?? "127.0.0.1",
    appSecret: flags.get("app-secret") ?? env.META_SIM_APP_SECRET ?? DEFAULT_APP_SECRET,
    help,
    ...(webhookUrl ? { webhookUrl } : {}),
  };
}

/** The `--help` text. */
export const CLI_USAGE = `Usage: npm run sim -- [--port 4010] [--host 127.0.0.1] [--webhook-url URL] [--app-secret SECRET]

  --port         port to listen on (env META_SIM_PORT, default ${DEFAULT_CLI_PORT}; 0 = any free port)
  --host         interface to bind (env META_SIM_HOST, default 127.0.0.1)
  --webhook-url  where webhooks are POSTed (env META_SIM_WEBHOOK_URL; none = logged as skipped)
  --app-secret   secret webhooks are signed with (env META_SIM_APP_SECRET, default ${DEFAULT_APP_SECRET})
`;
