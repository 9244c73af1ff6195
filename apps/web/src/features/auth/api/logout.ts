import type { ApiClient } from "../../../lib/api-client.ts";
import { authPaths } from "./types.ts";

/**
 * Ends this session on the server (its refresh cookie and access token). Never refreshes on a 401: a logout must not
 * bring the session back.
 */
export function logout(client: ApiClient): Promise<void> {
  return client.request<void>(authPaths.logout, { method: "POST", json: {}, skipRefresh: true });
}

/** Ends every session of the agent, this one included. */
export function logoutEverywhere(client: ApiClient): Promise<void> {
  return client.request<void>(authPaths.logoutAll, { method: "POST", skipRefresh: true });
}
