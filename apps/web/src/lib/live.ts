import type { QueryClient } from "@tanstack/react-query";
import { apiPaths } from "../config/paths.ts";
import type { ApiClient } from "./api-client.ts";
import type { Conversation, LiveEvent, Message, Page } from "./api-types.ts";
import { hasCachedMessage, upsertMessage } from "./messages-cache.ts";
import { queryKeys } from "./query-keys.ts";

/** The part of `WebSocket` the live client uses, so tests can pass a fake one. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
}

export type LiveStatus = "connecting" | "live" | "offline";

/** A canned response was created, edited or deleted (server: `canned_response.changed`). */
export interface CannedResponseChangedEvent {
  type: "canned_response.changed";
  cannedResponseId: string;
}

/** Every frame the stream sends that this client acts on. */
export type LiveStreamEvent = LiveEvent | CannedResponseChangedEvent;

/** The stream's close code for a missing, forged or expired token (the WebSocket counterpart of HTTP 401). */
const UNAUTHORIZED = 4401;

export interface LiveOptions {
  /** The stream's URL (token included); called again on every reconnect so a fresh token is used. */
  url: () => string | null;
  client: ApiClient;
  queryClient: QueryClient;
  createSocket?: (url: string) => SocketLike;
  /** A customer wrote: the app decides whether to notify. */
  onMessageReceived?: (event: { conversationId: string; messageId: string }) => void;
  /** A conversation needs a supervisor's look (sent to supervisors only): the app decides how to tell them. */
  onNeedsAttention?: (event: { conversationId: string }) => void;
  onStatus?: (status: LiveStatus) => void;
  /**
   * Every frame, after the live client handled it its own way: features composed in the app (scheduled messages,
   * reminders, templates) act on the frame types they own. Frames carry ids only.
   */
  onFrame?: (frame: { type: string } & Record<string, unknown>) => void;
  /** The server refused the token (close code 4401): the session is over, so no reconnect. */
  onUnauthorized?: () => void;
  /** Conversation-list refetches are coalesced over this window, so a burst of events costs one request. */
  listDebounceMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
}

export interface LiveConnection {
  close(): void;
}

function parseEvent(data: unknown): LiveStreamEvent | null {
  if (typeof data !== "string") return null;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string")
      return value as LiveStreamEvent;
  } catch {
    // A frame that is not JSON is ignored; the next reconnect catches up anyway.
  }
  return null;
}

/** Whether a cached conversation list shows this message as a conversation's preview. */
function isListPreview(queryClient: QueryClient, messageId: string): boolean {
  return queryClient
    .getQueriesData<{ pages: Page<Conversation>[] }>({ queryKey: queryKeys.conversations.lists })
    .some(([, data]) => data?.pages.some((page) => page.data.some((c) => c.lastMessage?.id === messageId)));
}

/**
 * Keeps the query cache current from the server's event stream (`/api/v1/stream`): the one place where live events
 * touch cached data. Events carry ids, not content, so each one refreshes exactly what it names:
 * - a message event fetches that one message into its conversation's cached history (if loaded);
 * - a conversation event refetches that conversation, and the lists once per `listDebounceMs`;
 * - a canned-response change refetches the workspace's canned responses (the composer's picker, the admin page);
 * - `ready` (after every connect) refetches whatever was cached before the socket opened, so a dropped connection
 *   misses nothing.
 * Reconnects with exponential backoff and jitter.
 */
export function connectLive(options: LiveOptions): LiveConnection {
  const { client, queryClient, listDebounceMs = 150, backoff = { initialMs: 1_000, maxMs: 30_000 }, random = Math.random } = options;
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  let socket: SocketLike | null = null;
  let closed = false;
  let attempt = 0;
  let openedAt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let listTimer: ReturnType<typeof setTimeout> | undefined;
  const inflight = new Map<string, Promise<void>>();
  const dirty = new Set<string>();

  const refreshLists = () => {
    if (listTimer !== undefined) return;
    listTimer = setTimeout(() => {
      listTimer = undefined;
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.lists });
    }, listDebounceMs);
  };

  // One request per message at a time; events arriving meanwhile (sent → delivered → read) cause one more fetch.
  const refreshMessage = (conversationId: string, messageId: string, { insert }: { insert: boolean }) => {
    const listKey = queryKeys.messages.list(conversationId);
    if (!queryClient.getQueryData(listKey)) return;
    if (!insert && !hasCachedMessage(queryClient, conversationId, messageId)) return;
    if (inflight.has(messageId)) {
      dirty.add(messageId);
      return;
    }
    const run = client
      .request<Message>(apiPaths.message(messageId))
      .then((message) => {
        if (!closed) upsertMessage(queryClient, message);
      })
      .catch(() => queryClient.invalidateQueries({ queryKey: listKey }))
      .finally(() => {
        inflight.delete(messageId);
        if (dirty.delete(messageId) && !closed) refreshMessage(conversationId, messageId, { insert });
      });
    inflight.set(messageId, run);
  };

  const handle = (event: LiveStreamEvent) => {
    switch (event.type) {
      case "ready":
        attempt = 0;
        options.onStatus?.("live");
        // Whatever was fetched before this socket could deliver events may be stale: refetch it (active queries now,
        // the rest when next used).
        // Media files never change, so they are not downloaded again.
        void queryClient.invalidateQueries({
          predicate: (query) => query.queryKey[0] !== "media" && query.state.dataUpdatedAt < openedAt,
        });
        return;
      case "message.received":
      case "message.created":
        refreshMessage(event.conversationId, event.messageId, { insert: true });
        refreshLists();
        if (event.type === "message.received")
          options.onMessageReceived?.({ conversationId: event.conversationId, messageId: event.messageId });
        return;
      case "message.updated":
        refreshMessage(event.conversationId, event.messageId, { insert: false });
        // A list preview showing this message has stale ticks; other status changes leave the lists alone.
        if (isListPreview(queryClient, event.messageId)) refreshLists();
        return;
      case "conversation.updated":
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.detail(event.conversationId) });
        refreshLists();
        return;
      case "conversation.needs_attention":
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.detail(event.conversationId) });
        refreshLists();
        options.onNeedsAttention?.({ conversationId: event.conversationId });
        return;
      case "contact.updated":
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.details });
        void queryClient.invalidateQueries({ queryKey: queryKeys.contactNotes(event.contactId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.contactConsents(event.contactId) });
        refreshLists();
        return;
      case "canned_response.changed":
        void queryClient.invalidateQueries({ queryKey: queryKeys.cannedResponses });
        return;
    }
  };

  const scheduleReconnect = () => {
    if (closed) return;
    options.onStatus?.("offline");
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
    attempt += 1;
    reconnectTimer = setTimeout(connect, delay / 2 + (random() * delay) / 2);
  };

  function connect() {
    reconnectTimer = undefined;
    if (closed) return;
    const url = options.url();
    if (!url) return;
    options.onStatus?.("connecting");
    let current: SocketLike;
    try {
      current = createSocket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      openedAt = Date.now();
    };
    current.onmessage = (message) => {
      const event = parseEvent(message.data);
      if (!event) return;
      handle(event);
      options.onFrame?.(event as unknown as { type: string } & Record<string, unknown>);
    };
    current.onerror = () => {
      // onclose follows and reconnects.
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      if (event.code === UNAUTHORIZED) {
        options.onStatus?.("offline");
        options.onUnauthorized?.();
        return;
      }
      scheduleReconnect();
    };
  }

  connect();

  return {
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(listTimer);
      const current = socket;
      socket = null;
      current?.close(1000, "bye");
    },
  };
}
