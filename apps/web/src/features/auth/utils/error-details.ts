import { ApiError } from "../../../lib/api-client.ts";

/** Minutes until a locked login may try again (`auth.locked` carries `details.retryAfter` in seconds), if locked. */
export function lockedMinutes(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== "auth.locked") return null;
  const retryAfter = (error.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof retryAfter === "number" ? Math.max(1, Math.ceil(retryAfter / 60)) : null;
}

export type WeakPasswordReason = "too_short" | "common" | "contains_personal_data";

/** Why the server refused a new password (`users.weak_password`, `details.reason`), if that is the error. */
export function weakPasswordReason(error: unknown): WeakPasswordReason | null {
  if (!(error instanceof ApiError) || error.code !== "users.weak_password") return null;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return reason === "too_short" || reason === "common" || reason === "contains_personal_data" ? reason : null;
}
