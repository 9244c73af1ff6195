import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ApiClient } from "../../../lib/api-client.ts";
import { useServices } from "../../../lib/services.tsx";
import { logout, logoutEverywhere } from "../api/logout.ts";

/**
 * Ends the session — on the server too (its refresh cookie and tokens stop working) — and forgets every cached answer,
 * so the next agent on this browser sees nothing of the last. The screen changes at once; the server call finishes on
 * its own (a failure there leaves nothing usable in this browser: the access token was only in memory).
 */
function useEndSession(end: (client: ApiClient) => Promise<void>): () => Promise<void> {
  const { client, session } = useServices();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    // Sent before the session is cleared, so the call still carries the access token.
    const ended = end(client).catch(() => undefined);
    session.clear();
    queryClient.clear();
    await ended;
  }, [client, session, queryClient, end]);
}

/** Logs out of this browser. */
export function useLogout(): () => void {
  const endSession = useEndSession(logout);
  return useCallback(() => void endSession(), [endSession]);
}

/** Logs out of every browser and client of the agent, this one included. */
export function useLogoutEverywhere(): () => Promise<void> {
  return useEndSession(logoutEverywhere);
}
