import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

/*
 * A real OpenID Connect provider (oidc-provider, the certified implementation) on a random local port, for the SSO
 * suites and the browser e2e: one confidential client, an account store the test fills, and its development
 * interactions (a login form taking any account id, then a consent form) driven over HTTP with a cookie jar.
 */

/** What the provider says about an account, in its ID token and at its userinfo endpoint. */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces an account (its id is the `sub` and what the login form takes). */
  setAccount(accountId: string, account: TestAccount): void;
  /**
   * Plays the user's browser at the provider: opens the authorization URL, signs in as `accountId` and consents, and
   * returns the URL the provider finally redirects to (the relying party's redirect URI with `code`, `state`, `iss`).
   */
  signIn(authorizationUrl: string, accountId: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startOidcProvider({
  redirectUris,
  clientId = "papo-test",
  clientSecret = randomBytes(24).toString("base64url"),
  hostname = "127.0.0.1",
}: {
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  /** The issuer's host name (it listens on 127.0.0.1 either way): `localhost` puts it on another site than a Papo at 127.0.0.1. */
  hostname?: "127.0.0.1" | "localhost";
}): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccount>();
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://${hostname}:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    features: { devInteractions: { enabled: true } },
  });
  // Errors the provider answers with (a wrong code, a bad request) are the tests' business, not noise on the console.
  provider.on("server_error", () => {});
  server.on("request", provider.callback());

  const signIn = async (authorizationUrl: string, accountId: string): Promise<URL> => {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const keep = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ""] = line.split(";");
        const at = pair.indexOf("=");
        const name = pair.slice(0, at).trim();
        const value = pair.slice(at + 1).trim();
        if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
    };
    let url = new URL(authorizationUrl);
    let method = "GET";
    let body: string | undefined;
    for (let step = 0; step < 20; step++) {
      const response = await fetch(url, {
        method,
        redirect: "manual",
        headers: { cookie: cookieHeader(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
        ...(body ? { body } : {}),
      });
      keep(response);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, url);
        // Back at the relying party: the login is over (successfully or not).
        if (next.origin !== issuer) return next;
        [url, method, body] = [next, "GET", undefined];
        continue;
      }
      const html = await response.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (response.status !== 200 || !prompt || !action)
        throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${html.replace(/<[^>]+>/g, " ").slice(0, 300)}`);
      const form = new URLSearchParams({ prompt });
      if (prompt === "login") {
        form.set("login", accountId);
        form.set("password", "any");
      }
      [url, method, body] = [new URL(action, url), "POST", form.toString()];
    }
    throw new Error("the provider's login did not end within 20 steps");
  };

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (accountId, account) => accounts.set(accountId, account),
    signIn,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
