import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../config.ts";
import type { ErrorBody } from "../http/errors.ts";
import { type Papo, startPapo } from "../runtime.ts";
import { startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";
import { HSTS_HEADER, JSON_MAX_DEPTH, jsonDepth } from "./http-hardening.ts";

const CRM = "https://crm.example.com";
const EVIL = "https://evil.example.net";

const preflight = (t: TestPapo, origin: string, method = "PATCH") =>
  fetch(`${t.papo.url}/api/v1/contacts`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": "authorization,content-type" },
  });

/** The directives of a Content-Security-Policy header, by name. */
const directives = (csp: string | null): Record<string, string[]> =>
  Object.fromEntries(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );

describe("HTTP hardening with CORS_ORIGINS, FRAME_ANCESTORS and TRUST_PROXY set", () => {
  let t: TestPapo;
  beforeAll(async () => {
    t = await startTestPapo({
      db: "pglite",
      env: { CORS_ORIGINS: `${CRM}, https://other-crm.example.org`, FRAME_ANCESTORS: CRM, TRUST_PROXY: "1" },
    });
  });
  afterAll(() => t?.close());

  it("when an allowed CRM origin sends a preflight, it is answered 204 with that origin, the methods and headers", async () => {
    const response = await preflight(t, CRM);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(CRM);
    expect(response.headers.get("access-control-allow-methods")).toContain("PATCH");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("when another origin sends a preflight, no CORS header is given and the browser refuses the call", async () => {
    const response = await preflight(t, EVIL);
    expect(response.status).toBe(404);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-methods")).toBeNull();
  });

  it("when an allowed origin calls the API with a token, the answer carries its origin; another origin's does not", async () => {
    const call = (origin: string) => fetch(`${t.papo.url}/api/v1/contacts`, { headers: { origin, authorization: `Bearer ${t.token}` } });
    const allowed = await call(CRM);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(CRM);
    expect(allowed.headers.get("vary")).toContain("Origin");
    expect((await call(EVIL)).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("when FRAME_ANCESTORS names the CRM, the console may be framed by it only, and X-Frame-Options does not contradict it", async () => {
    const response = await fetch(`${t.papo.url}/healthz`);
    expect(directives(response.headers.get("content-security-policy"))["frame-ancestors"]).toEqual([CRM]);
    expect(response.headers.get("x-frame-options")).toBeNull();
  });

  it("when a TLS-terminating proxy says the request came over https, HSTS is sent; over plain http it is not", async () => {
    const viaProxy = await fetch(`${t.papo.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
    expect(viaProxy.headers.get("strict-transport-security")).toBe(HSTS_HEADER);
    const plain = await fetch(`${t.papo.url}/healthz`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("HTTP hardening by default", () => {
  let t: TestPapo;
  beforeAll(async () => {
    t = await startTestPapo({ db: "pglite" });
  });
  afterAll(() => t?.close());

  it("when no CORS_ORIGINS is set, every cross-origin preflight is refused (same-origin only)", async () => {
    for (const origin of [CRM, EVIL, "null"]) {
      const response = await preflight(t, origin);
      expect(response.status).toBe(404);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("when the console is served, its CSP allows scripts from Papo only, nothing inline, no plugins, no framing", async () => {
    const response = await fetch(`${t.papo.url}/`);
    const csp = directives(response.headers.get("content-security-policy"));
    expect(csp["script-src"]).toEqual(["'self'"]);
    expect(csp["script-src-attr"]).toEqual(["'none'"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    expect(Object.values(csp).flat()).not.toContain("'unsafe-eval'");
    expect(csp["style-src"]).not.toContain("https:");
    // Served over plain http (PUBLIC_URL is http here): upgrading would break the console's own requests.
    expect(csp["upgrade-insecure-requests"]).toBeUndefined();
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("x-powered-by")).toBeNull();
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("when a client claims x-forwarded-proto: https without TRUST_PROXY, it is not believed: no HSTS", async () => {
    const response = await fetch(`${t.papo.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("when a JSON body is over 1 MB, it is refused 413 request.too_large before any handler", async () => {
    const response = await fetch(`${t.papo.url}/api/v1/contacts`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.token}` },
      body: JSON.stringify({ name: "x".repeat(1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe("request.too_large");
  });

  it(`when a JSON body nests deeper than ${JSON_MAX_DEPTH} levels, it is refused 400 naming the body, and a shallower one passes`, async () => {
    // Written by hand: JSON.stringify itself overflows the stack on such a value.
    const post = (levels: number) =>
      fetch(`${t.papo.url}/api/v1/contacts`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${t.token}` },
        body: `{"name":"Deep","attributes":{"a":${"[".repeat(levels)}${"]".repeat(levels)}}}`,
      });
    const deep = await post(100_000);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as ErrorBody).error).toMatchObject({
      code: "request.invalid",
      message: expect.stringMatching(/^body: nested \d+ levels/),
    });
    expect((await post(JSON_MAX_DEPTH - 2)).status).toBe(201);
  });
});

describe("jsonDepth", () => {
  it("when brackets sit inside strings (escaped quotes too), they do not count", () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('{"a":"\\"[[[[","b":[]}')).toBe(2);
    expect(jsonDepth('"just a string"')).toBe(0);
  });
});

describe("TLS configuration", () => {
  it("when only one of TLS_CERT and TLS_KEY is set, or a file is missing, the start is refused naming the variable", () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
        throw error;
      }
    };
    expect(problems({ TLS_CERT: "/etc/hostname" })).toEqual(["TLS_KEY"]);
    expect(problems({ TLS_CERT: "/nonexistent/cert.pem", TLS_KEY: "/etc/hostname" })).toEqual(["TLS_CERT"]);
    expect(problems({ CORS_ORIGINS: "https://crm.example.com/app" })).toEqual(["CORS_ORIGINS"]);
    expect(problems({ CORS_ORIGINS: "*" })).toEqual(["CORS_ORIGINS"]);
    expect(problems({ FRAME_ANCESTORS: "'none' https://crm.example.com" })).toEqual(["FRAME_ANCESTORS"]);
    expect(parseConfig({ FRAME_ANCESTORS: "'self', https://*.crm.example.com" }).frameAncestors).toEqual([
      "'self'",
      "https://*.crm.example.com",
    ]);
  });
});

const openssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

// The certificate is made by the openssl command line (node:crypto makes keys but not X.509 certificates).
describe.skipIf(!openssl)("HTTPS served directly (TLS_CERT and TLS_KEY)", () => {
  let dir: string;
  let papo: Papo;
  let cert: Buffer;

  /** A GET over https trusting only the test's self-signed certificate. */
  const get = (path: string) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${papo.url}${path}`, { ca: cert }, (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += String(chunk);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end();
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "papo-tls-"));
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        .concat(["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        .concat(["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")]),
      { stdio: "ignore" },
    );
    cert = readFileSync(join(dir, "cert.pem"));
    const config = parseConfig({
      PORT: "0",
      DATA_DIR: join(dir, "data"),
      PAPO_MASTER_KEY: randomBytes(32).toString("hex"),
      ADMIN_PASSWORD: "correct-horse-battery",
      PAPO_SANDBOX: "0",
      TLS_CERT: join(dir, "cert.pem"),
      TLS_KEY: join(dir, "key.pem"),
    });
    papo = await startPapo(config, { log: pino({ level: "silent" }), workers: false });
  });
  afterAll(async () => {
    await papo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("when TLS_CERT and TLS_KEY are set, Papo answers over https with HSTS of at least a year", async () => {
    expect(papo.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: "ok" });
    const hsts = String(response.headers["strict-transport-security"]);
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    // Browsers reach it over https: the CSP upgrades anything the console would ask over http.
    expect(directives(String(response.headers["content-security-policy"]))["upgrade-insecure-requests"]).toEqual([]);
  });

  it("when a client speaks plain http to the TLS port, it gets no answer from the API", async () => {
    const plain = await fetch(`${papo.url.replace("https:", "http:")}/healthz`).then(
      (r) => r.status,
      () => "refused",
    );
    expect(plain).not.toBe(200);
  });
});
