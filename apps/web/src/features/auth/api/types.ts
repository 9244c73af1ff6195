import type { LoginResponse } from "../../../lib/api-types.ts";

/** Where the server sends the refresh token; the console always takes the httpOnly cookie. */
export const authPaths = {
  login: "/api/v1/auth/login",
  logout: "/api/v1/auth/logout",
  logoutAll: "/api/v1/auth/logout-all",
  sessions: "/api/v1/auth/sessions",
  session: (sessionId: string) => `/api/v1/auth/sessions/${encodeURIComponent(sessionId)}`,
  password: "/api/v1/auth/password",
  mfa: "/api/v1/auth/2fa",
  mfaSetup: "/api/v1/auth/2fa/setup",
  mfaEnable: "/api/v1/auth/2fa/enable",
  mfaDisable: "/api/v1/auth/2fa/disable",
  mfaVerify: "/api/v1/auth/2fa/verify",
  workspaceSecurity: "/api/v1/workspace/security",
} as const;

export const authKeys = {
  sessions: ["auth", "sessions"] as const,
  mfa: ["auth", "mfa"] as const,
  workspaceSecurity: ["auth", "workspace-security"] as const,
};

/** `POST /api/v1/auth/login`: a session, or the second step first. */
export type LoginAnswer =
  | LoginResponse
  | { mfaRequired: true; mfaToken: string; expiresIn: number }
  | { mfaSetupRequired: true; mfaToken: string; expiresIn: number };

export const isMfaRequired = (answer: LoginAnswer): answer is { mfaRequired: true; mfaToken: string; expiresIn: number } =>
  "mfaRequired" in answer;
export const isMfaSetupRequired = (answer: LoginAnswer): answer is { mfaSetupRequired: true; mfaToken: string; expiresIn: number } =>
  "mfaSetupRequired" in answer;

/** A second factor as typed: the authenticator app's code, or a recovery code. */
export type SecondFactor = { code: string } | { recoveryCode: string };

export interface MfaSetup {
  secret: string;
  uri: string;
  /** An SVG `data:` URL. */
  qrCode: string;
}

export interface MfaStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

export interface WorkspaceSecurity {
  mfaRequired: boolean;
}

export const MIN_PASSWORD_LENGTH = 12;
