#!/usr/bin/env -S npx tsx
import { CLI_USAGE, CliUsageError, parseCliArgs } from "./cli-args.ts";
import { createMetaSim } from "./index.ts";

// The CLI is the one place that reads process.env and argv; everything else takes options.
async function main(): Promise<void> {
  let settings: ReturnType<typeof parseCliArgs>;
  try {
    settings = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`meta-sim: ${error.message}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (settings.help) {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const sim = await createMetaSim({
    port: settings.port,
    host: settings.host,
    appSecret: settings.appSecret,
    ...(settings.webhookUrl ? { webhookUrl: settings.webhookUrl } : {}),
    log: (line) => process.stdout.write(`[meta-sim] ${line}\n`),
  });
  process.stdout.write(
    [
      `meta-sim listening on ${sim.url}`,
      `  Graph API base URL : ${sim.url}/v24.0`,
      `  access token       : ${sim.accessToken}`,
      `  phone number id    : ${sim.phoneNumberId}`,
      `  WABA id            : ${sim.wabaId}`,
      `  webhooks           : ${settings.webhookUrl ?? "(no --webhook-url: deliveries are logged as skipped)"}`,
      `  app secret         : ${settings.appSecret}`,
      `  control API        : ${sim.url}/_sim`,
      "",
    ].join("\n"),
  );
  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`meta-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
