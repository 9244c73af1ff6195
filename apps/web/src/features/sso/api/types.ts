/** The single sign-on routes the console calls (docs: README → HTTP API, docs/security.md → Single sign-on). */
export const ssoPaths = {
  discover: "/api/v1/auth/sso/discover",
  settings: "/api/v1/workspace/sso",
  testDiscovery: "/api/v1/workspace/sso/test-discovery",
} as const;

export const ssoKeys = {
  settings: ["sso", "settings"] as const,
};

export const SSO_ROLES = ["admin", "supervisor", "agent"] as const;
export type SsoRole = (typeof SSO_ROLES)[number];

/** `GET /api/v1/workspace/sso`: the client secret never comes back, only whether one is stored. */
export interface SsoSettings {
  configured: boolean;
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  allowedDomains: string[];
  roleClaim: string | null;
  roleMap: Record<string, SsoRole>;
  defaultRole: SsoRole;
  jitProvisioning: boolean;
  ssoRequired: boolean;
  callbackUrl: string;
  updatedAt: string | null;
}

/** `PUT /api/v1/workspace/sso`: `clientSecret` only when a new one was typed (write-only). */
export interface SsoSettingsBody {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  allowedDomains: string[];
  roleClaim: string | null;
  roleMap: Record<string, SsoRole>;
  defaultRole: SsoRole;
  jitProvisioning: boolean;
  ssoRequired: boolean;
}

/** `POST /api/v1/workspace/sso/test-discovery`: the endpoints the provider's discovery document names. */
export interface ProviderSummary {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string | null;
  jwksUri: string | null;
  pkceS256Listed: boolean;
}
