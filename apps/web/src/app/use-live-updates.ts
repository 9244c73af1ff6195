import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { streamUrl } from "../config/paths.ts";
import { schedulingKeys } from "../features/scheduling/api/types.ts";
import { useT } from "../i18n/i18n.tsx";
import type { Conversation, Page } from "../lib/api-types.ts";
import { contactName } from "../lib/contact-name.ts";
import { connectLive, type LiveStatus } from "../lib/live.ts";
import { queryKeys } from "../lib/query-keys.ts";
import { useServices, useSession } from "../lib/services.tsx";
import { asFeatureFrame, type FeatureFrame } from "./live-frames.ts";

function cachedConversation(queryClient: QueryClient, conversationId: string): Conversation | undefined {
  const detail = queryClient.getQueryData<Conversation>(queryKeys.conversations.detail(conversationId));
  if (detail) return detail;
  for (const [, data] of queryClient.getQueriesData<{ pages: Page<Conversation>[] }>({ queryKey: queryKeys.conversations.lists })) {
    const found = data?.pages.flatMap((page) => page.data).find((c) => c.id === conversationId);
    if (found) return found;
  }
  return undefined;
}

/**
 * Keeps the console live while someone is logged in, and announces messages that arrive while the tab is hidden
 * (desktop notification and chime, unless turned off).
 */
export function useLiveUpdates({
  onOpenConversation,
  onNeedsAttention,
  onReminderDue,
}: {
  onOpenConversation: (conversationId: string) => void;
  /** A conversation turned strongly negative and waits for an answer (the server tells supervisors only). */
  onNeedsAttention?: (alert: { conversationId: string; name: string | null }) => void;
  /** One of the agent's own reminders came due (the server tells its author only). */
  onReminderDue?: (reminder: { conversationId: string; scheduledId: string }) => void;
}): LiveStatus {
  const { client, session, notifier, createSocket } = useServices();
  const current = useSession();
  const queryClient = useQueryClient();
  const t = useT();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const latest = useRef({ t, onOpenConversation, onNeedsAttention, onReminderDue });
  latest.current = { t, onOpenConversation, onNeedsAttention, onReminderDue };
  // Keyed on who is signed in, not on the token: a refreshed access token must not drop and reopen the socket
  // (each reconnect reads the freshest token).
  const signedInAs = current?.user.id;

  useEffect(() => {
    if (!signedInAs) return;
    const onFeatureFrame = (frame: FeatureFrame) => {
      switch (frame.type) {
        case "scheduled_message.changed":
          void queryClient.invalidateQueries({ queryKey: schedulingKeys.conversation(frame.conversationId) });
          return;
        case "reminder.due": {
          if (frame.userId && frame.userId !== signedInAs) return;
          void queryClient.invalidateQueries({ queryKey: schedulingKeys.conversation(frame.conversationId) });
          const { t: translate, onOpenConversation: open, onReminderDue: remind } = latest.current;
          // Announced even while the console is in view: the agent may be in another conversation.
          notifier.notify({
            title: translate("scheduling.reminder.notify.title"),
            body: translate("scheduling.reminder.notify.body"),
            tag: `reminder-${frame.scheduledId}`,
            onClick: () => open(frame.conversationId),
          });
          remind?.({ conversationId: frame.conversationId, scheduledId: frame.scheduledId });
          return;
        }
        case "template.changed":
          // Every cached template list (the composer's picker per number, the templates page) may show it.
          void queryClient.invalidateQueries({ queryKey: ["templates"] });
          return;
      }
    };
    const connection = connectLive({
      url: () => {
        const fresh = session.get()?.token;
        return fresh ? streamUrl(window.location, fresh) : null;
      },
      client,
      queryClient,
      createSocket,
      onFrame: (frame) => {
        const feature = asFeatureFrame(frame);
        if (feature) onFeatureFrame(feature);
      },
      onStatus: setStatus,
      onUnauthorized: () => session.clear(),
      onMessageReceived: ({ conversationId }) => {
        if (document.visibilityState !== "hidden") return;
        const { t: translate, onOpenConversation: open } = latest.current;
        const name = contactName(cachedConversation(queryClient, conversationId)?.contact) ?? translate("contact.unknown");
        notifier.notify({
          title: translate("notify.title", { name }),
          body: translate("notify.body"),
          tag: conversationId,
          onClick: () => open(conversationId),
        });
      },
      // Unlike a new message, this is announced even while the console is in view: the supervisor may be elsewhere in it.
      onNeedsAttention: ({ conversationId }) => {
        const { t: translate, onOpenConversation: open, onNeedsAttention: alert } = latest.current;
        const name = contactName(cachedConversation(queryClient, conversationId)?.contact) ?? null;
        notifier.notify({
          title: translate("copilot.attention.notify.title", { name: name ?? translate("contact.unknown") }),
          body: translate("copilot.attention.notify.body"),
          tag: `attention-${conversationId}`,
          onClick: () => open(conversationId),
        });
        alert?.({ conversationId, name });
      },
    });
    return () => connection.close();
  }, [signedInAs, client, session, queryClient, notifier, createSocket]);

  return status;
}
