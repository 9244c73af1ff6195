import { AppError } from "../../../http/errors.ts";

/** Why an embed login was refused: the error's code (`auth.embed_*`), recorded as the audit reason. */
const refused = (code: string, status: number, message: string, details?: Record<string, unknown>) =>
  new AppError({ code, status, message, ...(details ? { details } : {}) });

export const embedErrors = {
  invalidToken: (reason: string) =>
    refused("auth.embed_invalid_token", 401, "token: not a valid embed token (malformed, unsigned, wrong algorithm or wrong key)", {
      field: "token",
      reason,
    }),
  invalidClaim: (claim: string) =>
    refused("auth.embed_invalid_claim", 401, `token: the claim ${claim} is missing or not what this workspace expects`, {
      field: "token",
      claim,
    }),
  expired: () => refused("auth.embed_expired", 401, "token: expired; the CRM must sign a fresh one", { field: "token" }),
  notYetValid: () =>
    refused("auth.embed_not_yet_valid", 401, "token: not valid yet (iat or nbf in the future: check the CRM's clock)", { field: "token" }),
  lifetimeTooLong: (max: number) =>
    refused("auth.embed_lifetime_too_long", 401, `token: lives longer than the ${max} seconds this workspace allows (exp - iat)`, {
      field: "token",
      maxLifetimeSeconds: max,
    }),
  replayed: () => refused("auth.embed_replayed", 401, "token: already used (its jti is accepted once)", { field: "token" }),
  disabled: () => refused("auth.embed_disabled", 403, "Embedded login is not enabled for this workspace"),
  keysUnavailable: () =>
    refused("auth.embed_keys_unavailable", 503, "The CRM's signing keys (JWKS URL) could not be fetched; try again shortly"),
  userUnknown: () =>
    refused("auth.embed_user_unknown", 403, "No Papo user matches this CRM user, and creating users at first login is off"),
  userDeactivated: () => refused("auth.embed_user_deactivated", 403, "This user is deactivated in Papo: ask an administrator"),
  emailConflict: () =>
    refused(
      "auth.embed_email_conflict",
      409,
      "email: belongs to a Papo user of another workspace or one linked to another CRM user; it cannot be used for this one",
      { field: "email" },
    ),
};

export const settingsError = (code: string, field: string, message: string) =>
  new AppError({ code, status: 400, message: `${field}: ${message}`, details: { field } });
