import * as client from "openid-client";
import { AppError } from "../../../http/errors.ts";

/*
 * The OpenID Connect side of SSO, on openid-client: discovery, the authorization URL (code flow, PKCE S256, state,
 * nonce) and the code exchange with the ID token's validation (signature, issuer, audience, expiry, nonce). Nothing
 * here touches the database.
 */

/** Seconds to wait for the identity provider (discovery, token, userinfo). */
const PROVIDER_TIMEOUT_SECONDS = 10;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An issuer Papo accepts: https, or http on this machine's loopback (a provider run locally, tests). */
export function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "must be a URL like https://login.example.com/realms/acme";
  }
  if (url.search || url.hash) return "must not have a query or fragment";
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return undefined;
  return "must be an https:// URL (http only for localhost)";
}

/** Why talking to the provider failed, in words an administrator can act on (never a token). */
export function describeProviderError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeCode = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  const causeMessage = cause instanceof Error ? cause.message : undefined;
  if (error.name === "TimeoutError" || error.name === "AbortError") return `no answer within ${PROVIDER_TIMEOUT_SECONDS} seconds`;
  // openid-client wraps the precise reason (`unexpected ID Token "nonce" claim value`, `connect ECONNREFUSED …`) as the cause.
  const parts = [error.message];
  if (causeMessage && causeMessage !== error.message) parts.push(causeMessage);
  else if (typeof causeCode === "string") parts.push(causeCode);
  return parts.join(": ");
}

export const discoveryFailed = (issuer: string, error: unknown) =>
  new AppError({
    code: "sso.discovery_failed",
    status: 400,
    message: `issuer: could not read ${issuer.replace(/\/$/, "")}/.well-known/openid-configuration (${describeProviderError(error)})`,
    details: { field: "issuer" },
  });

/**
 * Reads the provider's discovery document and makes a client for it. The client authenticates at the token endpoint
 * with `client_secret_basic` when the provider supports it (the standard's default), else `client_secret_post`.
 * Throws `sso.discovery_failed` (naming the issuer) when the document cannot be read or does not match the issuer.
 */
export async function discoverProvider({
  issuer,
  clientId,
  clientSecret,
}: {
  issuer: string;
  clientId: string;
  clientSecret: string;
}): Promise<client.Configuration> {
  const url = new URL(issuer);
  const insecure = url.protocol === "http:";
  let discovered: client.Configuration;
  try {
    discovered = await client.discovery(url, clientId, clientSecret, undefined, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    throw discoveryFailed(issuer, error);
  }
  const metadata = discovered.serverMetadata();
  const methods = metadata.token_endpoint_auth_methods_supported;
  const auth =
    !methods || methods.includes("client_secret_basic") ? client.ClientSecretBasic(clientSecret) : client.ClientSecretPost(clientSecret);
  const configuration = new client.Configuration(metadata, clientId, clientSecret, auth);
  configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
  if (insecure) client.allowInsecureRequests(configuration);
  return configuration;
}

/** What the test-discovery button shows: the endpoints Papo will use. */
export interface ProviderSummary {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string | null;
  jwksUri: string | null;
  /** Whether the document lists S256 among its PKCE methods (many providers support it without saying so). */
  pkceS256Listed: boolean;
}

export function summarise(configuration: client.Configuration): ProviderSummary {
  const m = configuration.serverMetadata();
  return {
    issuer: m.issuer,
    authorizationEndpoint: m.authorization_endpoint ?? "",
    tokenEndpoint: m.token_endpoint ?? "",
    userinfoEndpoint: m.userinfo_endpoint ?? null,
    jwksUri: m.jwks_uri ?? null,
    pkceS256Listed: m.code_challenge_methods_supported?.includes("S256") ?? false,
  };
}

/** The secrets of one authorization request; the caller keeps them server-side until the callback. */
export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function buildAuthorizationRequest(
  configuration: client.Configuration,
  { redirectUri, loginHint }: { redirectUri: string; loginHint?: string | undefined },
): Promise<AuthorizationRequest> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url, state, nonce, codeVerifier };
}

/** Why a callback failed on the provider's side: the category becomes the error code the console shows. */
export type ExchangeFailure = "provider_error" | "invalid_response" | "provider_unreachable";

export class ExchangeError extends Error {
  override readonly name = "ExchangeError";
  constructor(
    readonly kind: ExchangeFailure,
    message: string,
  ) {
    super(message);
  }
}

export type Claims = Record<string, unknown>;

/**
 * Finishes the authorization code flow: validates the authorization response (state, `iss` when the provider sends
 * it), exchanges the code with the PKCE verifier, validates the ID token (signature from the provider's JWKS, issuer,
 * audience, expiry, nonce), and returns its claims — completed from the userinfo endpoint when the ID token lacks the
 * e-mail (or the role claim) and the provider has one. Throws `ExchangeError`.
 */
export async function exchangeCode(
  configuration: client.Configuration,
  {
    callbackUrl,
    state,
    nonce,
    codeVerifier,
    wantedClaims,
  }: { callbackUrl: URL; state: string; nonce: string; codeVerifier: string; wantedClaims: string[] },
): Promise<Claims> {
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw classify(error);
  }
  const idToken = tokens.claims();
  if (!idToken) throw new ExchangeError("invalid_response", "no ID token in the token response");
  const claims: Claims = { ...idToken };
  const missing = wantedClaims.some((name) => claims[name] === undefined);
  if (missing && configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
    try {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      // The signed ID token wins where both say something.
      return { ...info, ...claims };
    } catch (error) {
      throw classify(error);
    }
  }
  return claims;
}

function classify(error: unknown): ExchangeError {
  const message = describeProviderError(error);
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError)
    return new ExchangeError("provider_error", message);
  const name = error instanceof Error ? error.name : "";
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  if (name === "TimeoutError" || name === "AbortError" || (error instanceof TypeError && cause !== undefined))
    return new ExchangeError("provider_unreachable", message);
  return new ExchangeError("invalid_response", message);
}
