import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { REPO_ROOT } from "./papo-process.ts";

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser downloads are never used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
if (process.env.PAPO_REQUIRE_CHROMIUM === "1" && !chromiumAvailable) {
  throw new Error(`PAPO_REQUIRE_CHROMIUM=1 but there is no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
}

/** The console suites need the built console, which Papo serves; CI requires it as it requires Chromium. */
export const consoleBuilt = existsSync(join(REPO_ROOT, "apps/web/dist/index.html"));
if (process.env.PAPO_REQUIRE_CHROMIUM === "1" && !consoleBuilt) throw new Error("the console is not built: npm run build -w @papo/web");

/** Signs in on the console's login screen (pt-BR) and waits for the inbox. */
export async function signInToConsole(page: Page, url: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Senha").fill(account.password);
  await page.getByRole("button", { name: "Entrar", exact: true }).click();
  await page.getByPlaceholder("Buscar nome ou telefone").waitFor();
}

/** Screenshots of the main screens, kept as test artifacts and shown in the README. */
export const SCREENSHOTS_DIR = join(REPO_ROOT, "docs", "screenshots");

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without the background-networking flags Chromium keeps calling Google's hosts, which this network refuses.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
