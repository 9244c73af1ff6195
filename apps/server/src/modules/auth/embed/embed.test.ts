import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaces } from "../../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../../testing/papo.test-utils.ts";
import { hashPassword } from "../passwords.ts";
import { createUsersRepo } from "../repo.ts";
import { embedKeyStoreFor } from "./keys.ts";
import { createEmbedRepo } from "./repo.ts";

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };
type Grant = {
  token: string;
  expiresIn: number;
  user: { id: string; workspaceId: string; email: string; role: string; name: string };
  frameOrigins: string[];
};
type Settings = Record<string, unknown> & { generatedSecret?: string; secretConfigured: boolean; frameOrigins: string[] };
type AuditEvent = { action: string; actor: { type: string }; target: { id: string | null } | null; details: Record<string, unknown> };

const ISSUER = "https://crm.example.com";
const CRM_ORIGINS = ["https://crm.example.com", "https://app.crm.example.com"];

/** A CRM's JWKS endpoint: a real HTTP server whose key set the test changes (rotation). */
async function startJwksServer(): Promise<{ url: string; keys: JWK[]; fetches: number; close(): Promise<void> }> {
  const state = { keys: [] as JWK[], fetches: 0 };
  const server: Server = createServer((_request, response) => {
    state.fetches++;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get keys() {
      return state.keys;
    },
    set keys(keys: JWK[]) {
      state.keys = keys;
    },
    get fetches() {
      return state.fetches;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(DATABASE_KINDS)("CRM embedded login (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let workspaceId: string;
  let secret: string;
  let distDir: string;
  let ip = 0;
  // Each call from its own client address (TRUST_PROXY=1): the per-address limit is tested on its own below.
  const nextIp = () => `198.51.100.${(ip++ % 250) + 1}`;

  const login = async (token: string, address = nextIp(), headers: Record<string, string> = {}) => {
    const response = await fetch(`${t.papo.url}/api/v1/auth/embed`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address, ...headers },
      body: JSON.stringify({ token }),
    });
    return { status: response.status, body: (await response.json()) as Grant & ErrorBody, cookie: response.headers.get("set-cookie") };
  };

  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    wid: workspaceId,
    sub: `crm-${randomUUID()}`,
    email: `pessoa-${randomBytes(4).toString("hex")}@crm.test`,
    name: "Pessoa do CRM",
    jti: randomUUID(),
    ...overrides,
  });

  const now = () => Math.floor(Date.now() / 1000);
  /** HS256 with `key` (default: the workspace's secret), lifetime 2 minutes unless iat/exp are given. */
  const signHs = (
    payload: JWTPayload,
    { key = secret, iat = now(), exp = undefined as number | undefined, aud = "papo", iss = ISSUER } = {},
  ) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt(iat)
      .setExpirationTime(exp ?? iat + 120)
      .sign(new TextEncoder().encode(key));

  const putSettings = (body: Record<string, unknown>) => t.api<Settings & ErrorBody>("PUT", "/api/v1/workspace/embed", body);
  const baseSettings = {
    enabled: true,
    verification: "secret",
    issuer: ISSUER,
    roleMap: { gerente: "supervisor", dono: "admin" },
    jitProvisioning: true,
    frameOrigins: CRM_ORIGINS,
  };
  const auditOf = async (action: string) =>
    (await t.api<{ data: AuditEvent[] }>("GET", `/api/v1/audit-events?limit=200&action=${action}`)).body.data;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    distDir = mkdtempSync(join(tmpdir(), "papo-embed-dist-"));
    mkdirSync(distDir, { recursive: true });
    writeFileSync(join(distDir, "index.html"), "<!doctype html><title>Papo</title><div id=root></div>");
    t = await startTestPapo({ db: kind, env: { TRUST_PROXY: "1" }, overrides: { webDistDir: distDir } });
    workspaceId = (await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me")).body.workspaceId;
    const saved = await putSettings({ ...baseSettings, generateSecret: true });
    if (saved.status !== 200 || !saved.body.generatedSecret) throw new Error(`settings: ${JSON.stringify(saved.body)}`);
    secret = saved.body.generatedSecret;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  describe("settings", () => {
    run("when the admin generates a secret, it is answered once and never again; the settings say only that there is one", async () => {
      expect(secret.length).toBeGreaterThanOrEqual(43);
      const read = await t.api<Settings>("GET", "/api/v1/workspace/embed");
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ enabled: true, verification: "secret", secretConfigured: true, audience: "papo" });
      expect(read.body.maxLifetimeSeconds).toBe(300);
      expect(read.body.frameOrigins).toEqual(CRM_ORIGINS);
      expect(read.body.embedUrl).toBe(`${t.config.publicUrl}/embed?workspace=${workspaceId}`);
      expect(JSON.stringify(read.body)).not.toContain(secret);
      // Saving again without a secret keeps it.
      const again = await putSettings(baseSettings);
      expect(again.body.generatedSecret).toBeUndefined();
      expect(again.body.secretConfigured).toBe(true);
    });

    run("when the settings change, settings.changed names the fields but never the secret", async () => {
      const newSecret = randomBytes(40).toString("base64url");
      const saved = await putSettings({ ...baseSettings, secret: newSecret, audience: "papo-teste" });
      expect(saved.status).toBe(200);
      const record = (await auditOf("settings.changed")).find((e) => e.details.setting === "embed" && JSON.stringify(e).includes("secret"));
      expect(record?.details.fields).toEqual(["audience", "secret"]);
      expect(JSON.stringify(await auditOf("settings."))).not.toContain(newSecret);
      // Back to the generated secret and the default audience for the rest of the suite.
      expect((await putSettings({ ...baseSettings, secret })).status).toBe(200);
    });

    run("when a secret is shorter than 32 bytes, or an origin is not an origin, the PUT is refused naming the field", async () => {
      const short = await putSettings({ ...baseSettings, secret: "curto-demais" });
      expect([short.status, short.body.error.code, short.body.error.details?.field]).toEqual([400, "embed.secret_too_short", "secret"]);
      const origin = await putSettings({ ...baseSettings, frameOrigins: ["https://crm.example.com/path"] });
      expect([origin.status, origin.body.error.code]).toEqual([400, "request.invalid"]);
      expect(origin.body.error.message).toContain("frameOrigins");
      const plain = await putSettings({ ...baseSettings, frameOrigins: ["http://crm.example.com"] });
      expect(plain.status).toBe(400);
      const long = await putSettings({ ...baseSettings, maxLifetimeSeconds: 601 });
      expect([long.status, long.body.error.message]).toEqual([400, expect.stringContaining("maxLifetimeSeconds")]);
      const jwks = await putSettings({ ...baseSettings, verification: "jwks" });
      expect([jwks.status, jwks.body.error.code]).toEqual([400, "embed.jwks_url_required"]);
      // Nothing of those was stored.
      expect((await t.api<Settings>("GET", "/api/v1/workspace/embed")).body).toMatchObject({
        verification: "secret",
        frameOrigins: CRM_ORIGINS,
      });
    });

    run("when an agent asks for the settings, the answer is 403", async () => {
      const agent = await t.addUser({ workspaceId, email: `agente-${randomUUID()}@papo.test`, role: "agent" });
      const answer = await t.apiAs<ErrorBody>(agent.token, "GET", "/api/v1/workspace/embed");
      expect([answer.status, answer.body.error.code]).toEqual([403, "auth.forbidden"]);
    });
  });

  describe("HS256 login", () => {
    run(
      "when the CRM signs a valid token for a new user (JIT on), the user is created with the mapped role and a session starts",
      async () => {
        const payload = claims({ role: "gerente" });
        const answer = await login(await signHs(payload));
        expect(answer.status).toBe(200);
        expect(answer.body.user).toMatchObject({ email: payload.email, name: "Pessoa do CRM", role: "supervisor", workspaceId });
        expect(answer.body.frameOrigins).toEqual(CRM_ORIGINS);
        // The access token works like any other.
        const me = await t.apiAs<{ id: string }>(answer.body.token, "GET", "/api/v1/auth/me");
        expect([me.status, me.body.id]).toEqual([200, answer.body.user.id]);
        // The refresh cookie is the embed one; over plain http SameSite=Lax (None needs Secure, i.e. TLS).
        expect(answer.cookie).toMatch(/^papo_embed_refresh=[^;]+;/);
        expect(answer.cookie).toContain("Path=/api/v1/auth/embed");
        expect(answer.cookie).toContain("HttpOnly");
        expect(answer.cookie).toContain("SameSite=Lax");
        const created = (await auditOf("user.created")).find((e) => e.target?.id === answer.body.user.id);
        expect(created?.actor.type).toBe("system");
        const succeeded = (await auditOf("auth.embed.succeeded")).find((e) => e.target?.id === answer.body.user.id);
        expect(succeeded?.details).toMatchObject({ userCreated: true, roleChanged: false });
      },
    );

    run(
      "when Papo is reached over HTTPS (here through a trusted proxy), the refresh cookie is SameSite=None; Secure; Partitioned",
      async () => {
        const answer = await login(await signHs(claims()), nextIp(), { "x-forwarded-proto": "https" });
        expect(answer.status).toBe(200);
        const attributes = (answer.cookie ?? "").split(";").map((part) => part.trim());
        expect(attributes).toEqual(
          expect.arrayContaining(["Path=/api/v1/auth/embed", "HttpOnly", "Secure", "SameSite=None", "Partitioned"]),
        );
      },
    );

    run("when the same CRM user comes back, it is found by its CRM id even with a new e-mail, and no second user is made", async () => {
      const sub = `crm-${randomUUID()}`;
      const first = await login(await signHs(claims({ sub })));
      const second = await login(await signHs(claims({ sub, email: `novo-${randomUUID()}@crm.test` })));
      expect(second.status).toBe(200);
      expect(second.body.user.id).toBe(first.body.user.id);
    });

    run(
      "when an existing Papo user logs in through the CRM, it is matched by e-mail and keeps its role unless roles are synced",
      async () => {
        const email = `existente-${randomUUID()}@papo.test`;
        const existing = await t.addUser({ workspaceId, email, role: "agent" });
        const answer = await login(await signHs(claims({ email, role: "dono" })));
        expect([answer.status, answer.body.user.id, answer.body.user.role]).toEqual([200, existing.id, "agent"]);

        expect((await putSettings({ ...baseSettings, syncRoles: true })).status).toBe(200);
        const synced = await login(await signHs(claims({ sub: `other-${randomUUID()}`, email, role: "dono" })));
        // The e-mail is now tied to the first CRM id: another CRM user cannot take it over.
        expect([synced.status, synced.body.error?.code]).toEqual([409, "auth.embed_email_conflict"]);
        const linkedSub =
          (await createEmbedRepo({ db: t.papo.deps.database.db, cipher: t.papo.deps.cipher }).externalIdOf(workspaceId, existing.id)) ?? "";
        const promoted = await login(await signHs(claims({ sub: linkedSub, email, role: "gerente" })));
        expect([promoted.status, promoted.body.user.role]).toEqual([200, "supervisor"]);
        const updated = (await auditOf("user.updated")).find((e) => e.target?.id === existing.id);
        expect(updated?.details.role).toEqual({ from: "agent", to: "supervisor" });
        expect((await putSettings(baseSettings)).status).toBe(200);
      },
    );

    run("when JIT is off, an unknown CRM user is refused with auth.embed_user_unknown", async () => {
      expect((await putSettings({ ...baseSettings, jitProvisioning: false })).status).toBe(200);
      const answer = await login(await signHs(claims()));
      expect([answer.status, answer.body.error.code]).toEqual([403, "auth.embed_user_unknown"]);
      expect((await putSettings(baseSettings)).status).toBe(200);
    });

    run("when the embed refresh cookie is presented, it is rotated; the old one presented again is refused", async () => {
      const answer = await login(await signHs(claims()));
      const cookie = answer.cookie?.split(";")[0] ?? "";
      const refresh = (c: string) =>
        fetch(`${t.papo.url}/api/v1/auth/embed/refresh`, { method: "POST", headers: { cookie: c, "x-forwarded-for": nextIp() } });
      const first = await refresh(cookie);
      expect(first.status).toBe(200);
      expect(((await first.json()) as Grant).user.id).toBe(answer.body.user.id);
      expect(first.headers.get("set-cookie")).toMatch(/^papo_embed_refresh=/);
      const replay = await refresh(cookie);
      expect([replay.status, ((await replay.json()) as ErrorBody).error.code]).toEqual([401, "auth.invalid_refresh_token"]);
    });
  });

  describe("refusals", () => {
    const refused = async (token: string | Promise<string>, code: string, status = 401) => {
      const answer = await login(await token);
      expect([answer.status, answer.body.error?.code]).toEqual([status, code]);
      return answer;
    };

    run("when the token has expired, it is refused with auth.embed_expired", async () => {
      await refused(signHs(claims(), { iat: now() - 200, exp: now() - 60 }), "auth.embed_expired");
    });

    run("when the token is not valid yet (iat in the future), it is refused with auth.embed_not_yet_valid", async () => {
      await refused(signHs(claims(), { iat: now() + 300, exp: now() + 400 }), "auth.embed_not_yet_valid");
    });

    run("when the token lives longer than the workspace's maximum, it is refused with auth.embed_lifetime_too_long", async () => {
      const answer = await refused(signHs(claims(), { exp: now() + 3600 }), "auth.embed_lifetime_too_long");
      expect(answer.body.error.details?.maxLifetimeSeconds).toBe(300);
    });

    run("when aud or iss is not the workspace's, it is refused with auth.embed_invalid_claim naming the claim", async () => {
      const aud = await refused(signHs(claims(), { aud: "outro" }), "auth.embed_invalid_claim");
      expect(aud.body.error.details?.claim).toBe("aud");
      const iss = await refused(signHs(claims(), { iss: "https://evil.example" }), "auth.embed_invalid_claim");
      expect(iss.body.error.details?.claim).toBe("iss");
      const noJti = await refused(signHs(claims({ jti: undefined })), "auth.embed_invalid_claim");
      expect(noJti.body.error.details?.claim).toBe("jti");
      const noEmail = await refused(signHs(claims({ email: "não é e-mail" })), "auth.embed_invalid_claim");
      expect(noEmail.body.error.details?.claim).toBe("email");
    });

    run(
      "when the token is signed with another key, with alg none, or is not a JWT, it is refused with auth.embed_invalid_token",
      async () => {
        await refused(signHs(claims(), { key: randomBytes(32).toString("hex") }), "auth.embed_invalid_token");
        const unsigned = new UnsecuredJWT(claims()).setIssuer(ISSUER).setAudience("papo").setIssuedAt().setExpirationTime("2m").encode();
        const none = await refused(unsigned, "auth.embed_invalid_token");
        expect(none.body.error.details?.reason).toBe("algorithm");
        await refused("not.a.jwt", "auth.embed_invalid_token");
      },
    );

    run("when a token is presented twice, the second time is refused with auth.embed_replayed", async () => {
      const token = await signHs(claims());
      expect((await login(token)).status).toBe(200);
      await refused(token, "auth.embed_replayed");
    });

    run("when a token names this workspace but is signed with another workspace's secret, it is refused", async () => {
      const otherWs = randomUUID();
      const db = t.papo.deps.database.db;
      await db.insert(workspaces).values({ id: otherWs, name: "Outra empresa" });
      const otherSecret = randomBytes(32).toString("hex");
      const now0 = new Date();
      await createEmbedRepo({ db, cipher: t.papo.deps.cipher }).put(otherWs, {
        enabled: true,
        verification: "secret",
        jwksUrl: null,
        issuer: ISSUER,
        audience: "papo",
        maxLifetimeSeconds: 300,
        roleClaim: "role",
        roleMap: {},
        defaultRole: "agent",
        syncRoles: false,
        jitProvisioning: true,
        frameOrigins: [],
        updatedAt: now0,
        secret: { value: otherSecret, at: now0 },
      });
      // Signed with the other workspace's secret, naming this one: refused.
      await refused(signHs(claims(), { key: otherSecret }), "auth.embed_invalid_token");
      // The same secret works for its own workspace only.
      const own = await login(await signHs(claims({ wid: otherWs }), { key: otherSecret }));
      expect([own.status, own.body.user?.workspaceId]).toEqual([200, otherWs]);
      // An e-mail of this workspace cannot be used from the other one.
      const taken = await login(await signHs(claims({ wid: otherWs, email: "admin@papo.test" }), { key: otherSecret }));
      expect([taken.status, taken.body.error?.code]).toEqual([409, "auth.embed_email_conflict"]);
    });

    run("when the workspace named is unknown or has embedding off, it is refused with auth.embed_disabled", async () => {
      await refused(signHs(claims({ wid: randomUUID() })), "auth.embed_disabled", 403);
      expect((await putSettings({ ...baseSettings, enabled: false })).status).toBe(200);
      await refused(signHs(claims()), "auth.embed_disabled", 403);
      expect((await putSettings(baseSettings)).status).toBe(200);
    });

    run("when the CRM user is deactivated in Papo, it is refused with auth.embed_user_deactivated", async () => {
      const email = `desativado-${randomUUID()}@papo.test`;
      const user = await t.addUser({ workspaceId, email, role: "agent" });
      expect((await t.api("PATCH", `/api/v1/users/${user.id}`, { active: false })).status).toBe(200);
      await refused(signHs(claims({ email })), "auth.embed_user_deactivated", 403);
    });

    run("every refusal is audited as auth.embed.failed with its reason, and never with the token", async () => {
      const token = await signHs(claims(), { aud: "nao-papo" });
      await refused(token, "auth.embed_invalid_claim");
      const failed = await auditOf("auth.embed.failed");
      expect(failed.map((e) => e.details.reason)).toEqual(
        expect.arrayContaining([
          "auth.embed_expired",
          "auth.embed_not_yet_valid",
          "auth.embed_lifetime_too_long",
          "auth.embed_invalid_claim",
          "auth.embed_invalid_token",
          "auth.embed_replayed",
        ]),
      );
      expect(failed.every((e) => e.actor.type === "anonymous")).toBe(true);
      expect(JSON.stringify(failed)).not.toContain(token.split(".")[2]);
    });

    run("when one address keeps trying, the login answers 429 after 30 tries a minute", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await login("x.y.z", "203.0.113.77")).status);
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(statuses[30]).toBe(429);
    });
  });

  describe("JWKS login", () => {
    let jwks: Awaited<ReturnType<typeof startJwksServer>>;
    let jwksWs: string;
    const pair = async (alg: "RS256" | "ES256" | "EdDSA", kid: string) => {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
      return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
    };
    const signWith = (key: Awaited<ReturnType<typeof pair>>, payload: JWTPayload) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
        .setIssuer(ISSUER)
        .setAudience("papo")
        .setIssuedAt()
        .setExpirationTime("2m")
        .sign(key.privateKey);

    beforeAll(async () => {
      if (!isAvailable(kind)) return;
      jwks = await startJwksServer();
      // A workspace of its own, configured through the repository (the API's admin is in the first one).
      jwksWs = randomUUID();
      const db = t.papo.deps.database.db;
      await db.insert(workspaces).values({ id: jwksWs, name: "Empresa JWKS" });
      await createUsersRepo({ db }).insert({
        id: randomUUID(),
        workspaceId: jwksWs,
        name: "Admin JWKS",
        email: `admin-jwks-${randomUUID()}@papo.test`,
        passwordHash: await hashPassword(randomBytes(16).toString("hex")),
        role: "admin",
      });
      await createEmbedRepo({ db, cipher: t.papo.deps.cipher }).put(jwksWs, {
        enabled: true,
        verification: "jwks",
        jwksUrl: jwks.url,
        issuer: ISSUER,
        audience: "papo",
        maxLifetimeSeconds: 300,
        roleClaim: "groups",
        roleMap: { "papo-admins": "admin" },
        defaultRole: "agent",
        syncRoles: false,
        jitProvisioning: true,
        frameOrigins: [],
        updatedAt: new Date(),
      });
      // A rotation must be picked up at once in the test, not after jose's 30-second cooldown.
      embedKeyStoreFor(t.papo.deps.database).setTiming({ cooldownMs: 0 });
    });
    afterAll(async () => jwks?.close());

    run("when the CRM signs with a key of its JWKS (RS256, ES256, EdDSA), the login works; keys are fetched once and cached", async () => {
      const keys = await Promise.all([pair("RS256", "rsa-1"), pair("ES256", "ec-1"), pair("EdDSA", "ed-1")]);
      jwks.keys = keys.map((k) => k.jwk);
      const before = jwks.fetches;
      for (const key of keys) {
        const answer = await login(await signWith(key, claims({ wid: jwksWs, groups: ["vendas", "papo-admins"] })));
        expect([key.alg, answer.status, answer.body.user?.role]).toEqual([key.alg, 200, "admin"]);
      }
      expect(jwks.fetches - before).toBe(1);
    });

    run("when the CRM rotates to a new key (new kid), Papo fetches the set again and accepts it; a removed key is refused", async () => {
      const old = await pair("RS256", "rsa-old");
      jwks.keys = [old.jwk];
      expect((await login(await signWith(old, claims({ wid: jwksWs })))).status).toBe(200);
      const next = await pair("RS256", "rsa-new");
      jwks.keys = [next.jwk];
      const fetchesBefore = jwks.fetches;
      const rotated = await login(await signWith(next, claims({ wid: jwksWs })));
      expect([rotated.status, rotated.body.user?.role]).toEqual([200, "agent"]);
      expect(jwks.fetches).toBeGreaterThan(fetchesBefore);
      const retired = await login(await signWith(old, claims({ wid: jwksWs })));
      expect([retired.status, retired.body.error?.code]).toEqual([401, "auth.embed_invalid_token"]);
    });

    run("when the CRM's JWKS URL cannot be reached, the login answers 503 auth.embed_keys_unavailable", async () => {
      const unreachable = randomUUID();
      const db = t.papo.deps.database.db;
      await db.insert(workspaces).values({ id: unreachable, name: "Empresa sem JWKS" });
      const repo = createEmbedRepo({ db, cipher: t.papo.deps.cipher });
      const settings = await repo.get(jwksWs);
      if (!settings) throw new Error("no JWKS settings");
      const { workspaceId: _ws, secret: _secret, secretUpdatedAt: _at, ...rest } = settings;
      // Port 1 on the loopback: nothing listens, the connection is refused.
      await repo.put(unreachable, { ...rest, jwksUrl: "http://127.0.0.1:1/jwks.json" });
      const key = await pair("ES256", "ec-unreachable");
      const answer = await login(await signWith(key, claims({ wid: unreachable })));
      expect([answer.status, answer.body.error?.code]).toEqual([503, "auth.embed_keys_unavailable"]);
    });

    run("when a JWKS workspace gets an HS256 token signed with some secret, it is refused (algorithm not allowed)", async () => {
      const answer = await login(await signHs(claims({ wid: jwksWs }), { key: randomBytes(32).toString("hex") }));
      expect([answer.status, answer.body.error?.code, answer.body.error?.details?.reason]).toEqual([
        401,
        "auth.embed_invalid_token",
        "algorithm",
      ]);
    });
  });

  describe("the /embed page", () => {
    const page = (query: string) => fetch(`${t.papo.url}/embed${query}`);
    const frameAncestors = (response: Response) =>
      /frame-ancestors ([^;]*)/.exec(response.headers.get("content-security-policy") ?? "")?.[1];

    run("when the workspace has CRM origins, the page's frame-ancestors lists exactly them and X-Frame-Options is not sent", async () => {
      const response = await page(`?workspace=${workspaceId}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<div id=root>");
      expect(frameAncestors(response)).toBe(CRM_ORIGINS.join(" "));
      expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(response.headers.get("content-security-policy")?.match(/frame-ancestors/g)).toHaveLength(1);
      expect(response.headers.get("x-frame-options")).toBeNull();
      expect(response.headers.get("cache-control")).toBe("no-store");
    });

    run("when the workspace is unknown, not given, or has embedding off, frame-ancestors is 'none'", async () => {
      expect(frameAncestors(await page(`?workspace=${randomUUID()}`))).toBe("'none'");
      expect(frameAncestors(await page(""))).toBe("'none'");
      expect(frameAncestors(await page("?workspace=not-a-uuid"))).toBe("'none'");
      expect((await putSettings({ ...baseSettings, enabled: false })).status).toBe(200);
      expect(frameAncestors(await page(`?workspace=${workspaceId}`))).toBe("'none'");
      const frame = await fetch(`${t.papo.url}/api/v1/auth/embed/frame?workspace=${workspaceId}`);
      expect(await frame.json()).toEqual({ origins: [] });
      expect((await putSettings(baseSettings)).status).toBe(200);
      const enabled = await fetch(`${t.papo.url}/api/v1/auth/embed/frame?workspace=${workspaceId}`);
      expect(await enabled.json()).toEqual({ origins: CRM_ORIGINS });
    });

    run("when the console itself is asked for, it keeps the global FRAME_ANCESTORS ('none' by default)", async () => {
      const response = await fetch(`${t.papo.url}/`);
      expect(frameAncestors(response)).toBe("'none'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    });
  });
});
