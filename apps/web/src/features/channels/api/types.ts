/*
 * The channels API as this page reads it, written by hand to match apps/server/src/modules/channels/schemas.ts.
 */

/** `GET /api/v1/channels` item: credentials are write-only, so only whether they are set. */
export interface ChannelDetails {
  id: string;
  name: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string | null;
  apiUrl: string;
  apiVersion: string;
  sendRatePerSecond: number;
  sandbox: boolean;
  hasAccessToken: boolean;
  hasAppSecret: boolean;
  /** What to paste into Meta's App Dashboard → WhatsApp → Configuration. */
  webhook: { url: string; verifyToken: string };
  createdAt: string;
}

/** `POST /api/v1/channels`. */
export interface CreateChannelBody {
  name: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber?: string;
  accessToken: string;
  appSecret?: string;
  apiUrl?: string;
  apiVersion?: string;
}

/** `PATCH /api/v1/channels/:id`: only what changes; a new token or secret replaces the stored one. */
export type UpdateChannelBody = Partial<Omit<CreateChannelBody, "phoneNumberId">>;

export type HealthFailureReason = "unreachable" | "credentials" | "number_not_found" | "temporary" | "refused";

/** `POST /api/v1/channels/:id/health-check`: Meta refusing is a result (`ok: false`), not an HTTP error. */
export interface HealthCheck {
  ok: boolean;
  checkedAt: string;
  phoneNumber?: {
    id: string;
    displayPhoneNumber: string;
    verifiedName: string;
    qualityRating: string;
    codeVerificationStatus?: string;
    nameStatus?: string;
    platformType?: string;
    throughputLevel?: string;
  };
  webhook: { url: string; verifyToken: string };
  error?: {
    code: number | null;
    reason: HealthFailureReason;
    category: string;
    retryable: boolean;
    /** Meta's own words. */
    message: string;
  };
}

/** `GET/PUT /api/v1/channels/:id/members`: who works the number (apps/server/src/modules/access/members-routes.ts). */
export interface ChannelMembers {
  userIds: string[];
}

/** A user as `GET /api/v1/users` lists them, as far as choosing a number's members needs. */
export interface Person {
  id: string;
  name: string;
  email: string;
  role: string;
  active?: boolean;
  /** What the user may do (the role's defaults and the grants). */
  effectivePermissions?: string[];
}
