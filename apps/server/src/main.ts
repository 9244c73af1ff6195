import { ConfigError, loadDotEnv, parseConfig } from "./config.ts";
import { type Papo, startPapo } from "./runtime.ts";

/** The only file that reads the environment and owns the process: config, start, banner, signals. */
async function main(): Promise<void> {
  loadDotEnv();
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const papo = await startPapo(config);
  printBanner(papo);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    papo.deps.log.info({ signal }, "shutting down");
    await papo.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  // `npm run keys:rotate` changed the key file: switch to its new key now rather than at the next poll.
  process.on("SIGHUP", () => void papo.deps.keys.reload());
}

function printBanner(papo: Papo): void {
  const { config } = papo.deps;
  const lines = ["", `  Papo is running: ${config.publicUrl}  (API docs: ${config.publicUrl}/api/docs)`];
  lines.push(
    `  Database: ${config.database.kind === "pglite" ? `embedded PostgreSQL (PGlite) in ${config.database.dir}` : "PostgreSQL (DATABASE_URL)"}`,
  );
  if (papo.keys.origin === "new_key_file") {
    lines.push("", `  !!! A new master key was created in ${papo.keys.keyFile}. Everything stored is encrypted with it:`);
    lines.push("  !!! BACK IT UP (or set PAPO_MASTER_KEY). Without it the data cannot be read.");
  }
  const admin = papo.bootstrap.admin;
  if (admin.generatedPassword)
    lines.push("", `  Admin login: ${admin.email} / ${admin.generatedPassword}   (shown once: set ADMIN_PASSWORD to choose it)`);
  else lines.push("", `  Admin login: ${admin.email}${admin.created ? " (password from ADMIN_PASSWORD)" : ""}`);
  if (papo.sandbox) {
    const sim = papo.sandbox.sim.url;
    lines.push(
      "",
      "  SANDBOX MODE: no Meta credentials configured, so Meta's side is simulated in-process.",
      "  A simulated customer writes in:",
      `    curl -X POST ${sim}/_sim/customers/messages -H 'content-type: application/json' -d '{"from":"5511912345678","name":"Lia","type":"text","text":"Olá! Quero saber do meu pedido"}'`,
      "  Then log in and answer through the API:",
      `    TOKEN=$(curl -s -X POST ${config.publicUrl}/api/v1/auth/login -H 'content-type: application/json' -d '{"email":"${admin.email}","password":"<password>"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')`,
      `    curl -s ${config.publicUrl}/api/v1/conversations -H "authorization: Bearer $TOKEN"`,
      `  What the business sent, as the customer sees it: curl ${sim}/_sim/customers/5511912345678/messages`,
    );
  } else {
    lines.push(
      "",
      `  Meta webhook: ${config.publicUrl}/webhook  (verify token: WHATSAPP_VERIFY_TOKEN or the channel's, see GET /api/v1/channels)`,
    );
  }
  console.log(`${lines.join("\n")}\n`);
}

main().catch((error: unknown) => {
  console.error("Papo failed to start:", error);
  process.exit(1);
});
