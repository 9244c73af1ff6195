import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type TestOidcProvider } from "../apps/server/src/modules/auth/sso/oidc-provider.test-utils.ts";
import { startTestPapo, type TestPapo } from "../apps/server/src/testing/papo.test-utils.ts";
import { chromiumAvailable, launchChromium } from "./support/browser.ts";
import { REPO_ROOT } from "./support/papo-process.ts";

const webDist = process.env.PAPO_E2E_WEB_DIST ?? join(REPO_ROOT, "apps/web/dist");
const consoleBuilt = existsSync(join(webDist, "index.html"));

/*
 * Single sign-on in a real browser: the console at http://127.0.0.1:<port>, a real OpenID Connect provider at
 * http://localhost:<port> — another site, so the SameSite rules of the binding cookie (Lax) and of the refresh cookie
 * (Strict, set on the callback's answer to a cross-site navigation) are the browser's, not assumed.
 */
describe.skipIf(!chromiumAvailable || !consoleBuilt)("single sign-on in Chromium", () => {
  let t: TestPapo;
  let idp: TestOidcProvider;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestPapo({ db: "pglite", overrides: { webDistDir: webDist } });
    idp = await startOidcProvider({ redirectUris: [`${t.papo.url}/api/v1/auth/sso/callback`], hostname: "localhost" });
    const configured = await t.api("PUT", "/api/v1/workspace/sso", {
      enabled: true,
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: ["acme.test"],
      jitProvisioning: false,
    });
    if (configured.status !== 200) throw new Error(`SSO configuration refused: ${JSON.stringify(configured.body)}`);
    const created = await t.api("POST", "/api/v1/users", {
      name: "Ana Agente",
      email: "ana@acme.test",
      role: "agent",
      password: "cavalo-correto-bateria-grampo",
    });
    if (created.status !== 201) throw new Error(`could not create Ana: ${JSON.stringify(created.body)}`);
    idp.setAccount("ana", { email: "ana@acme.test", email_verified: true, name: "Ana Agente" });
    idp.setAccount("nobody", { email: "nobody@acme.test", email_verified: true });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await idp?.close();
    await t?.close();
  });

  /** At the provider's development login: any account id, then the consent. */
  const signInAtProvider = async (accountId: string) => {
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator("input[name=login]").fill(accountId);
    await page.locator("input[name=password]").fill("any");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
  };

  it("when the agent signs in with SSO, the provider's login brings them back into the inbox, and a reload keeps them there", async () => {
    page = await browser.newPage({ locale: "pt-BR" });
    await page.goto(t.papo.url);
    await page.getByLabel("E-mail").fill("ana@acme.test");
    await page.getByRole("button", { name: "Entrar com SSO" }).click();
    await signInAtProvider("ana");

    await page.getByPlaceholder("Buscar nome ou telefone").waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).origin).toBe(t.papo.url);
    const cookies = await page.context().cookies(`${t.papo.url}/api/v1/auth/refresh`);
    expect(cookies.find((c) => c.name === "papo_refresh")).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/v1/auth" });
    await page.reload();
    await page.getByPlaceholder("Buscar nome ou telefone").waitFor();
    await page.close();
  });

  it("when the provider's user is not a Papo user, the login page says so", async () => {
    page = await browser.newPage({ locale: "pt-BR" });
    await page.goto(t.papo.url);
    await page.getByRole("button", { name: "Entrar com SSO" }).click();
    await page.getByLabel("E-mail de trabalho").fill("nobody@acme.test");
    await page.getByRole("button", { name: "Continuar" }).click();
    await signInAtProvider("nobody");

    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toBe(
      "O login único não foi concluído: Não há usuário do Papo com este e-mail. Peça a um administrador para criá-lo.",
    );
    expect(await page.getByLabel("Senha").count()).toBe(1);
    await page.close();
  });
});
