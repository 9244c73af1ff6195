import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ssoConfigs } from "../../../db/schema/sso-configs.ts";
import { ssoLogins } from "../../../db/schema/sso-logins.ts";
import { DATABASE_KINDS, isAvailable } from "../../../testing/databases.test-utils.ts";
import { ADMIN, startTestPapo, type TestPapo } from "../../../testing/papo.test-utils.ts";
import { call, type ErrorBody, type Grant } from "../auth.test-utils.ts";
import { startOidcProvider, type TestOidcProvider } from "./oidc-provider.test-utils.ts";

type Settings = {
  configured: boolean;
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  allowedDomains: string[];
  roleMap: Record<string, string>;
  callbackUrl: string;
  jitProvisioning: boolean;
  ssoRequired: boolean;
};
type AuditPage = {
  data: Array<{
    action: string;
    details: Record<string, unknown>;
    personal: Record<string, unknown> | null;
    target: { id: string } | null;
  }>;
};

describe.each(DATABASE_KINDS)("single sign-on against a real OpenID Connect provider (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let idp: TestOidcProvider;
  let workspaceId: string;
  let settings: Record<string, unknown>;
  const agentPassword = "cavalo-correto-bateria-grampo";
  let clients = 0;

  const putSettings = (body: Record<string, unknown>) =>
    call<Settings & ErrorBody>(t, "PUT", "/api/v1/workspace/sso", { token: t.token, body });
  const audit = async (action: string) =>
    (await call<AuditPage>(t, "GET", `/api/v1/audit-events?action=${encodeURIComponent(action)}&limit=100`, { token: t.token })).body.data;

  /** The console's part: ask where to go, keep the binding cookie the answer sets. */
  const discover = async (email: string) => {
    // Each from its own address: the route's rate limit (10 a minute per client) is not what these tests are about.
    const ip = `198.51.100.${++clients}`;
    const answer = await call<{ redirectUrl: string } & ErrorBody>(t, "POST", "/api/v1/auth/sso/discover", { body: { email }, ip });
    return { ...answer, browser: answer.cookies.papo_sso?.value };
  };
  /** The browser coming back from the provider to Papo's callback. */
  const callback = async (url: URL | string, browser: string | undefined) => {
    const response = await fetch(url, { redirect: "manual", headers: browser ? { cookie: `papo_sso=${browser}` } : {} });
    const refresh = response.headers
      .getSetCookie()
      .map((line) => /^papo_refresh=([^;]*)/.exec(line)?.[1])
      .find((v) => v);
    return { status: response.status, location: response.headers.get("location") ?? "", refresh };
  };
  /** A whole SSO login as `accountId`, optionally tampering with the authorization URL or the callback URL. */
  const ssoLogin = async (
    email: string,
    accountId: string,
    tamper: { authorization?: (url: URL) => void; callback?: (url: URL) => void } = {},
  ) => {
    const started = await discover(email);
    expect(started.status).toBe(200);
    const authorization = new URL(started.body.redirectUrl);
    tamper.authorization?.(authorization);
    const back = await idp.signIn(authorization.href, accountId);
    tamper.callback?.(back);
    return { back, browser: started.browser, result: await callback(back, started.browser) };
  };
  const ssoError = (location: string) => new URL(location).hash.match(/sso_error=([^&]+)/)?.[1];

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind, env: { TRUST_PROXY: "1" } });
    idp = await startOidcProvider({ redirectUris: [`${t.papo.url}/api/v1/auth/sso/callback`] });
    workspaceId = t.papo.bootstrap.workspaceId;
    settings = {
      enabled: true,
      issuer: idp.issuer,
      clientId: idp.clientId,
      allowedDomains: ["acme.test"],
      roleClaim: "groups",
      roleMap: { "papo-supervisors": "supervisor", "papo-admins": "admin" },
      defaultRole: "agent",
      jitProvisioning: false,
      ssoRequired: false,
    };
    const created = await call(t, "POST", "/api/v1/users", {
      token: t.token,
      body: { name: "Ana Agente", email: "ana@acme.test", role: "agent", password: agentPassword },
    });
    if (created.status !== 201) throw new Error(`could not create Ana: ${JSON.stringify(created.body)}`);
    idp.setAccount("ana", { email: "ana@acme.test", email_verified: true, name: "Ana (IdP)" });
  }, 120_000);
  afterAll(async () => {
    await idp?.close();
    await t?.close();
  });

  run("the configuration API names the bad field, needs the secret the first time, and never returns the secret", async () => {
    const empty = await call<Settings>(t, "GET", "/api/v1/workspace/sso", { token: t.token });
    expect(empty.body).toMatchObject({ configured: false, enabled: false, clientSecretSet: false });
    expect(empty.body.callbackUrl).toBe(`${t.papo.url}/api/v1/auth/sso/callback`);

    const noSecret = await putSettings(settings);
    expect([noSecret.status, noSecret.body.error.code, noSecret.body.error.details?.field]).toEqual([
      400,
      "sso.client_secret_required",
      "clientSecret",
    ]);
    const badIssuer = await putSettings({ ...settings, clientSecret: idp.clientSecret, issuer: "ftp://idp.example.com" });
    expect([badIssuer.status, badIssuer.body.error.code]).toEqual([400, "request.invalid"]);
    expect(badIssuer.body.error.message).toMatch(/^body\.issuer: /);
    const plainHttp = await putSettings({ ...settings, clientSecret: idp.clientSecret, issuer: "http://idp.example.com" });
    expect(plainHttp.body.error.message).toMatch(/^body\.issuer: must be an https:\/\/ URL/);
    const badDomain = await putSettings({ ...settings, clientSecret: idp.clientSecret, allowedDomains: ["not a domain"] });
    expect(badDomain.body.error.message).toMatch(/^body\.allowedDomains\.0: /);
    const badRole = await putSettings({ ...settings, clientSecret: idp.clientSecret, roleMap: { staff: "owner" } });
    expect(badRole.body.error.message).toMatch(/^body\.roleMap\.staff: /);
    const noDomain = await putSettings({ ...settings, clientSecret: idp.clientSecret, allowedDomains: [] });
    expect([noDomain.status, noDomain.body.error.code, noDomain.body.error.details?.field]).toEqual([
      400,
      "sso.domains_required",
      "allowedDomains",
    ]);

    const saved = await putSettings({ ...settings, clientSecret: idp.clientSecret, allowedDomains: ["ACME.test", "@acme.test"] });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ configured: true, enabled: true, clientSecretSet: true, allowedDomains: ["acme.test"] });
    const read = await call<Settings>(t, "GET", "/api/v1/workspace/sso", { token: t.token });
    for (const answer of [saved, read]) {
      expect(JSON.stringify(answer.body)).not.toContain(idp.clientSecret);
      expect(answer.body).not.toHaveProperty("clientSecret");
    }
    // Omitting the secret keeps the stored one; at rest it is a ciphertext.
    expect((await putSettings(settings)).status).toBe(200);
    const [row] = await t.papo.deps.database.db.select().from(ssoConfigs).where(eq(ssoConfigs.workspaceId, workspaceId));
    expect(row?.clientSecretEnc).toMatch(/^pe1:/);
    expect(row?.clientSecretEnc).not.toContain(idp.clientSecret);

    const changes = await audit("settings.changed");
    const sso = changes.filter((e) => e.details.setting === "sso");
    expect(sso.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(sso)).not.toContain(idp.clientSecret);
    expect(sso.at(-1)?.details.fields).toEqual(expect.arrayContaining(["issuer", "clientSecret", "allowedDomains"]));

    // A domain belongs to one workspace: another administrator cannot claim it.
    const { workspaces } = await import("../../../db/schema/workspaces.ts");
    const otherWs = crypto.randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWs, name: "Outra" });
    const other = await t.addUser({ workspaceId: otherWs, email: "chefe@outra.test", role: "admin" });
    const clash = await call<ErrorBody>(t, "PUT", "/api/v1/workspace/sso", {
      token: other.token,
      body: { ...settings, clientSecret: "x", allowedDomains: ["acme.test"] },
    });
    expect([clash.status, clash.body.error.code, clash.body.error.details?.field]).toEqual([409, "sso.domain_taken", "allowedDomains"]);
  });

  run("test discovery shows the provider's endpoints, or says clearly why the document cannot be read", async () => {
    const ok = await call<{ issuer: string; authorizationEndpoint: string; tokenEndpoint: string; pkceS256Listed: boolean }>(
      t,
      "POST",
      "/api/v1/workspace/sso/test-discovery",
      { token: t.token, body: {} },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ issuer: idp.issuer, pkceS256Listed: true });
    expect(ok.body.authorizationEndpoint).toMatch(new RegExp(`^${idp.issuer}/`));

    const down = await call<ErrorBody>(t, "POST", "/api/v1/workspace/sso/test-discovery", {
      token: t.token,
      body: { issuer: "http://127.0.0.1:1" },
    });
    expect([down.status, down.body.error.code, down.body.error.details?.field]).toEqual([400, "sso.discovery_failed", "issuer"]);
    expect(down.body.error.message).toMatch(/^issuer: could not read http:\/\/127\.0\.0\.1:1\/\.well-known\/openid-configuration \(.+\)/);

    // Wrong issuer: the document of this provider under another URL does not name that URL.
    const mismatch = await call<ErrorBody>(t, "POST", "/api/v1/workspace/sso/test-discovery", {
      token: t.token,
      body: { issuer: idp.issuer.replace("127.0.0.1", "localhost") },
    });
    expect(mismatch.body.error.code).toBe("sso.discovery_failed");

    const agent = await call<Grant>(t, "POST", "/api/v1/auth/login", { body: { email: "ana@acme.test", password: agentPassword } });
    const forbidden = await call<ErrorBody>(t, "GET", "/api/v1/workspace/sso", { token: agent.body.token });
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, "auth.forbidden"]);
  });

  run("discovery answers only for configured domains, the same for existing and unknown e-mails", async () => {
    const unknownDomain = await discover("ana@elsewhere.test");
    expect([unknownDomain.status, unknownDomain.body.error.code]).toEqual([404, "auth.sso_not_configured"]);
    const notAnEmail = await discover("no-at-sign");
    expect(notAnEmail.body.error.code).toBe("auth.sso_not_configured");

    const existing = await discover("ana@acme.test");
    const nobody = await discover("nobody@acme.test");
    expect([existing.status, nobody.status]).toEqual([200, 200]);
    for (const answer of [existing, nobody]) {
      const url = new URL(answer.body.redirectUrl);
      expect(url.origin).toBe(idp.issuer);
      expect(url.searchParams.get("code_challenge_method")).toBe("S256");
      expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
      expect(url.searchParams.get("state")).toBeTruthy();
      expect(url.searchParams.get("nonce")).toBeTruthy();
      expect(url.searchParams.get("redirect_uri")).toBe(`${t.papo.url}/api/v1/auth/sso/callback`);
      expect(answer.cookies.papo_sso?.attributes).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/api/v1/auth/sso"]));
    }
    // Server-side only: the state is stored hashed, the verifier and nonce encrypted.
    const state = new URL(existing.body.redirectUrl).searchParams.get("state") ?? "";
    const rows = await t.papo.deps.database.db.select().from(ssoLogins);
    expect(JSON.stringify(rows)).not.toContain(state);
    expect(rows.every((r) => r.secretsEnc.startsWith("pe1:"))).toBe(true);

    const link = await fetch(`${t.papo.url}/api/v1/auth/sso/start?workspace=${workspaceId}`, { redirect: "manual" });
    expect(link.status).toBe(302);
    expect(new URL(link.headers.get("location") ?? "").origin).toBe(idp.issuer);
    const noSso = await fetch(`${t.papo.url}/api/v1/auth/sso/start?workspace=${crypto.randomUUID()}`, { redirect: "manual" });
    expect(noSso.headers.get("location")).toBe(`${t.papo.url}/#/login?sso_error=auth.sso_not_configured`);
  });

  run("a full SSO login ends in a Papo session: the refresh cookie gives a working access token, without Papo's 2FA", async () => {
    const { result } = await ssoLogin("ana@acme.test", "ana");
    expect(result.status).toBe(302);
    expect(result.location).toBe(`${t.papo.url}/`);
    expect(result.refresh).toBeTruthy();

    const refreshed = await call<Grant>(t, "POST", "/api/v1/auth/refresh", { body: {}, refreshCookie: result.refresh });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.email).toBe("ana@acme.test");
    const me = await call<{ email: string; role: string }>(t, "GET", "/api/v1/auth/me", { token: refreshed.body.token });
    expect([me.status, me.body.email, me.body.role]).toEqual([200, "ana@acme.test", "agent"]);

    const succeeded = await audit("auth.sso.succeeded");
    expect(succeeded[0]?.target?.id).toBe(refreshed.body.user.id);
    expect(succeeded[0]?.details).toMatchObject({ provisioned: false });
  });

  run("a replayed callback, or one from another browser, is refused (state is single-use and bound to the browser)", async () => {
    const { back, browser, result } = await ssoLogin("ana@acme.test", "ana");
    expect(result.status).toBe(302);
    expect(result.refresh).toBeTruthy();
    const replay = await callback(back, browser);
    expect([ssoError(replay.location), replay.refresh]).toEqual(["sso.invalid_state", undefined]);

    // Login CSRF: a callback made in the attacker's login, opened in someone else's browser (no binding cookie).
    const started = await discover("ana@acme.test");
    const stolen = await idp.signIn(started.body.redirectUrl, "ana");
    const elsewhere = await callback(stolen, undefined);
    expect([ssoError(elsewhere.location), elsewhere.refresh]).toEqual(["sso.invalid_state", undefined]);
    const forged = await callback(`${t.papo.url}/api/v1/auth/sso/callback?code=abc&state=made-up`, started.browser);
    expect(ssoError(forged.location)).toBe("sso.invalid_state");
  });

  run("an ID token with another nonce, or a response naming another issuer, is refused", async () => {
    const nonce = await ssoLogin("ana@acme.test", "ana", { authorization: (url) => url.searchParams.set("nonce", "injected-nonce") });
    expect([ssoError(nonce.result.location), nonce.result.refresh]).toEqual(["sso.invalid_response", undefined]);

    const issuer = await ssoLogin("ana@acme.test", "ana", {
      callback: (url) => {
        expect(url.searchParams.get("iss")).toBe(idp.issuer);
        url.searchParams.set("iss", "https://evil.example.com");
      },
    });
    expect([ssoError(issuer.result.location), issuer.result.refresh]).toEqual(["sso.invalid_response", undefined]);

    // Each refused for its own flaw, as the audit record's detail says.
    const failed = (await audit("auth.sso.failed")).filter((e) => e.details.reason === "sso.invalid_response");
    expect(String(failed[1]?.details.detail)).toMatch(/nonce/i);
    expect(String(failed[0]?.details.detail)).toMatch(/iss/i);
  });

  run("an e-mail outside the allowed domains, or not verified by the provider, is refused", async () => {
    idp.setAccount("outsider", { email: "ana@other.test", email_verified: true });
    const outside = await ssoLogin("ana@acme.test", "outsider");
    expect([ssoError(outside.result.location), outside.result.refresh]).toEqual(["sso.domain_not_allowed", undefined]);

    idp.setAccount("unverified", { email: "ana@acme.test", email_verified: false });
    const unverified = await ssoLogin("ana@acme.test", "unverified");
    expect([ssoError(unverified.result.location), unverified.result.refresh]).toEqual(["sso.email_not_verified", undefined]);

    idp.setAccount("no-email", { name: "Sem e-mail" });
    const noEmail = await ssoLogin("ana@acme.test", "no-email");
    expect(ssoError(noEmail.result.location)).toBe("sso.email_not_verified");
  });

  run("an unknown user is refused without provisioning, and created with the mapped role with it", async () => {
    idp.setAccount("bia", { email: "bia@acme.test", email_verified: true, name: "Bia Supervisora", groups: ["staff", "papo-supervisors"] });
    const refused = await ssoLogin("bia@acme.test", "bia");
    expect([ssoError(refused.result.location), refused.result.refresh]).toEqual(["sso.user_not_found", undefined]);

    expect((await putSettings({ ...settings, jitProvisioning: true })).status).toBe(200);
    const created = await ssoLogin("bia@acme.test", "bia");
    expect(created.result.location).toBe(`${t.papo.url}/`);
    const session = await call<Grant & { user: { role: string; name: string } }>(t, "POST", "/api/v1/auth/refresh", {
      body: {},
      refreshCookie: created.result.refresh,
    });
    expect(session.body.user).toMatchObject({ email: "bia@acme.test", role: "supervisor", name: "Bia Supervisora" });

    idp.setAccount("caio", { email: "caio@acme.test", email_verified: true, groups: ["unmapped"] });
    const plain = await ssoLogin("caio@acme.test", "caio");
    const caio = await call<Grant & { user: { role: string; name: string } }>(t, "POST", "/api/v1/auth/refresh", {
      body: {},
      refreshCookie: plain.result.refresh,
    });
    expect(caio.body.user).toMatchObject({ role: "agent", name: "caio" });

    const userCreated = await audit("user.created");
    expect(userCreated.find((e) => e.target?.id === session.body.user.id)?.details).toMatchObject({ role: "supervisor" });
    const succeeded = await audit("auth.sso.succeeded");
    expect(succeeded.find((e) => e.target?.id === session.body.user.id)?.details).toMatchObject({ provisioned: true });
    expect((await putSettings(settings)).status).toBe(200);
  });

  run("a deactivated user is refused, and the refusal is audited with its reason and no token", async () => {
    idp.setAccount("davi", { email: "davi@acme.test", email_verified: true });
    const created = await call<{ id: string }>(t, "POST", "/api/v1/users", {
      token: t.token,
      body: { name: "Davi", email: "davi@acme.test", role: "agent", password: "tres-tigres-tristes-trigo-9" },
    });
    await call(t, "PATCH", `/api/v1/users/${created.body.id}`, { token: t.token, body: { active: false } });
    const { back, result } = await ssoLogin("davi@acme.test", "davi");
    expect([ssoError(result.location), result.refresh]).toEqual(["sso.user_deactivated", undefined]);

    const failed = await audit("auth.sso.failed");
    const record = failed.find((e) => e.target?.id === created.body.id);
    expect(record?.details).toMatchObject({ reason: "sso.user_deactivated" });
    expect(record?.personal).toMatchObject({ email: "davi@acme.test" });
    const code = back.searchParams.get("code") ?? "";
    expect(code.length).toBeGreaterThan(10);
    expect(JSON.stringify(failed)).not.toContain(code);
  });

  run("with SSO required, password login is refused to non-administrators and kept for administrators", async () => {
    expect((await putSettings({ ...settings, ssoRequired: true })).status).toBe(200);
    const agent = await call<ErrorBody>(t, "POST", "/api/v1/auth/login", { body: { email: "ana@acme.test", password: agentPassword } });
    expect([agent.status, agent.body.error.code]).toEqual([403, "auth.sso_required"]);
    const wrong = await call<ErrorBody>(t, "POST", "/api/v1/auth/login", {
      body: { email: "ana@acme.test", password: "not-the-password" },
    });
    expect(wrong.body.error.code).toBe("auth.invalid_credentials");
    const admin = await call<Grant>(t, "POST", "/api/v1/auth/login", { body: ADMIN });
    expect(admin.status).toBe(200);
    // SSO itself still works for the agent.
    const { result } = await ssoLogin("ana@acme.test", "ana");
    expect(result.location).toBe(`${t.papo.url}/`);

    // Turned off (disabled), the domain no longer discovers and password login is back.
    expect((await putSettings({ ...settings, enabled: false, ssoRequired: true })).status).toBe(200);
    expect((await discover("ana@acme.test")).body.error.code).toBe("auth.sso_not_configured");
    const back = await call<Grant>(t, "POST", "/api/v1/auth/login", { body: { email: "ana@acme.test", password: agentPassword } });
    expect(back.status).toBe(200);
    expect((await putSettings(settings)).status).toBe(200);
  });
});
