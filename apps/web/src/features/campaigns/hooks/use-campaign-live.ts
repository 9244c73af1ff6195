import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { streamUrl } from "../../../config/paths.ts";
import { useServices, useSession } from "../../../lib/services.tsx";
import { campaignKeys } from "../api/types.ts";

/** A sending campaign reports progress about once a second; refetching more often would only repeat requests. */
const REFETCH_EVERY_MS = 1_000;
const RECONNECT_MS = 5_000;

/**
 * Keeps the campaigns pages live: the admin pages have no inbox stream, so this opens its own socket on the live
 * stream and turns `campaign.updated` frames into refetches of that campaign, its report and the lists, at most
 * once a second per campaign. A dropped socket is reopened; the queries' slow polling covers the gap.
 */
export function useCampaignLive() {
  const { session, createSocket } = useServices();
  const signedInAs = useSession()?.user.id;
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!signedInAs) return;
    let closed = false;
    let reconnect: ReturnType<typeof setTimeout> | undefined;
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const lastRun = new Map<string, number>();

    const refetch = (campaignId: string) => {
      lastRun.set(campaignId, Date.now());
      void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(campaignId) });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.report(campaignId) });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.recipientsOf(campaignId) });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.lists });
    };
    const schedule = (campaignId: string) => {
      if (timers.has(campaignId)) return;
      const wait = Math.max(0, (lastRun.get(campaignId) ?? 0) + REFETCH_EVERY_MS - Date.now());
      timers.set(
        campaignId,
        setTimeout(() => {
          timers.delete(campaignId);
          if (!closed) refetch(campaignId);
        }, wait),
      );
    };

    let socket: ReturnType<typeof createSocket> | null = null;
    const connect = () => {
      const token = session.get()?.token;
      if (closed || !token) return;
      try {
        socket = createSocket(streamUrl(window.location, token));
      } catch {
        reconnect = setTimeout(connect, RECONNECT_MS);
        return;
      }
      const current = socket;
      current.onmessage = (message) => {
        if (typeof message.data !== "string") return;
        try {
          const frame = JSON.parse(message.data) as { type?: unknown; campaignId?: unknown };
          if (frame.type === "campaign.updated" && typeof frame.campaignId === "string") schedule(frame.campaignId);
        } catch {
          // Not JSON: nothing to act on.
        }
      };
      current.onclose = () => {
        if (socket !== current || closed) return;
        socket = null;
        reconnect = setTimeout(connect, RECONNECT_MS);
      };
    };
    connect();

    return () => {
      closed = true;
      clearTimeout(reconnect);
      for (const timer of timers.values()) clearTimeout(timer);
      socket?.close(1000, "bye");
    };
  }, [signedInAs, session, createSocket, queryClient]);
}
