import type { ApiClient } from "../../../lib/api-client.ts";
import { type EmbedGrant, embedPaths } from "./types.ts";

/** Trades the CRM-signed token for a session (the embed refresh cookie comes with it). */
export function embedLogin(client: ApiClient, token: string): Promise<EmbedGrant> {
  return client.request<EmbedGrant>(embedPaths.login, { method: "POST", json: { token }, skipRefresh: true });
}

/** The CRM origins allowed to frame the workspace's console and post tokens to it. */
export async function getFrameOrigins(client: ApiClient, workspaceId: string): Promise<string[]> {
  const answer = await client.request<{ origins: string[] }>(embedPaths.frame, { query: { workspace: workspaceId } });
  return answer.origins;
}
