import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildConversation, buildLogin, buildMessage } from "../testing/data-generators.ts";
import { createFakeFetch, type FakeRoute, json } from "../testing/fake-fetch.ts";
import { createFakeSocket, type FakeSocket } from "../testing/fake-socket.ts";
import { createApiClient } from "./api-client.ts";
import type { Message } from "./api-types.ts";
import { createMemoryStore } from "./key-value-store.ts";
import { type CannedResponseChangedEvent, connectLive } from "./live.ts";
import type { MessagePages } from "./messages-cache.ts";
import { queryKeys } from "./query-keys.ts";
import { createSessionStore } from "./session.ts";

function setup(routes: FakeRoute[] = []) {
  const session = createSessionStore({ store: createMemoryStore() });
  session.start(buildLogin({ token: "jwt-1" }));
  const fetch = createFakeFetch(routes);
  const client = createApiClient({ fetch, session });
  const queryClient = new QueryClient();
  const sockets: FakeSocket[] = [];
  const onMessageReceived = vi.fn();
  const onUnauthorized = vi.fn();
  const onFrame = vi.fn();
  const connection = connectLive({
    url: () => `ws://papo.test/api/v1/stream?token=${session.get()?.token}`,
    client,
    queryClient,
    onMessageReceived,
    onUnauthorized,
    onFrame,
    random: () => 1,
    createSocket: (url) => {
      const socket = createFakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
  const socket = () => sockets[sockets.length - 1] as FakeSocket;
  return { fetch, queryClient, sockets, socket, connection, onMessageReceived, onUnauthorized, onFrame };
}

function cacheHistory(queryClient: QueryClient, conversationId: string, messages: Message[]) {
  queryClient.setQueryData<MessagePages>(queryKeys.messages.list(conversationId), {
    pages: [{ data: messages, nextCursor: null }],
    pageParams: [null],
  });
}

const history = (queryClient: QueryClient, conversationId: string) =>
  queryClient.getQueryData<MessagePages>(queryKeys.messages.list(conversationId))?.pages[0]?.data ?? [];

describe("connectLive", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("when it connects, the stream URL carries the session's token", () => {
    const { socket } = setup();

    expect(socket().url).toBe("ws://papo.test/api/v1/stream?token=jwt-1");
  });

  it("when a cached message is updated, only that message is fetched and its new status replaces the old", async () => {
    const sent = buildMessage({ direction: "outbound", status: "sent", createdAt: "2026-03-02T10:00:00.000Z" });
    const { fetch, queryClient, socket } = setup([
      { path: `/api/v1/messages/${sent.id}`, respond: () => json({ ...sent, status: "read" }) },
    ]);
    cacheHistory(queryClient, sent.conversationId, [sent]);

    socket().deliver({ type: "message.updated", conversationId: sent.conversationId, messageId: sent.id });
    await vi.advanceTimersByTimeAsync(0);

    expect(fetch.calls.map((c) => c.path)).toEqual([`/api/v1/messages/${sent.id}`]);
    expect(history(queryClient, sent.conversationId).map((m) => m.status)).toEqual(["read"]);
  });

  it("when a message arrives in a loaded conversation, it is added as the newest and the app is told", async () => {
    const old = buildMessage({ createdAt: "2026-03-02T10:00:00.000Z" });
    const fresh = buildMessage({ conversationId: old.conversationId, createdAt: "2026-03-02T10:05:00.000Z", text: "Chegou?" });
    const { queryClient, socket, onMessageReceived } = setup([{ path: `/api/v1/messages/${fresh.id}`, respond: () => json(fresh) }]);
    cacheHistory(queryClient, old.conversationId, [old]);

    socket().deliver({ type: "message.received", conversationId: old.conversationId, messageId: fresh.id });
    await vi.advanceTimersByTimeAsync(0);

    expect(history(queryClient, old.conversationId).map((m) => m.text)).toEqual(["Chegou?", old.text]);
    expect(onMessageReceived).toHaveBeenCalledWith({ conversationId: old.conversationId, messageId: fresh.id });
  });

  it("when the conversation's history was never loaded, a message event fetches nothing", async () => {
    const { fetch, socket } = setup();

    socket().deliver({ type: "message.received", conversationId: "c-unloaded", messageId: "m-1" });
    await vi.advanceTimersByTimeAsync(0);

    expect(fetch.calls).toHaveLength(0);
  });

  it("when a message shown as a list preview changes status, the lists are refreshed; other status changes leave them alone", async () => {
    const { queryClient, socket } = setup();
    const shown = buildConversation({
      lastMessage: {
        id: "m-preview",
        direction: "outbound",
        type: "text",
        senderKind: "agent",
        status: "sent",
        text: "Oi",
        createdAt: "2026-03-02T10:00:00.000Z",
      },
    });
    queryClient.setQueryData(queryKeys.conversations.list({ status: "open" }), {
      pages: [{ data: [shown], nextCursor: null }],
      pageParams: [null],
    });
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    const listCalls = () =>
      invalidate.mock.calls.filter(([filters]) => JSON.stringify(filters?.queryKey) === JSON.stringify(queryKeys.conversations.lists));

    socket().deliver({ type: "message.updated", conversationId: shown.id, messageId: "m-older" });
    await vi.advanceTimersByTimeAsync(150);
    expect(listCalls()).toHaveLength(0);

    socket().deliver({ type: "message.updated", conversationId: shown.id, messageId: "m-preview" });
    await vi.advanceTimersByTimeAsync(150);
    expect(listCalls()).toHaveLength(1);
  });

  it("when a contact changes, that contact's notes and the conversations are refetched, other contacts' notes are not", () => {
    const { queryClient, socket } = setup();
    queryClient.setQueryData(queryKeys.contactNotes("ct-1"), { pages: [], pageParams: [] });
    queryClient.setQueryData(queryKeys.contactNotes("ct-2"), { pages: [], pageParams: [] });
    queryClient.setQueryData(queryKeys.conversations.detail("c-1"), { id: "c-1" });
    queryClient.setQueryData(queryKeys.contactConsents("ct-1"), { contactId: "ct-1" });
    queryClient.setQueryData(queryKeys.contactConsents("ct-2"), { contactId: "ct-2" });

    socket().deliver({ type: "contact.updated", contactId: "ct-1" });

    expect(queryClient.getQueryState(queryKeys.contactNotes("ct-1"))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.contactNotes("ct-2"))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(queryKeys.conversations.detail("c-1"))?.isInvalidated).toBe(true);
    // An opt-out keyword changes the consent shown in the panel.
    expect(queryClient.getQueryState(queryKeys.contactConsents("ct-1"))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.contactConsents("ct-2"))?.isInvalidated).toBe(false);
  });

  it("when a burst of conversation events arrives, the lists are refreshed once after 150 ms", async () => {
    const { queryClient, socket } = setup();
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");

    for (let i = 0; i < 20; i += 1) socket().deliver({ type: "conversation.updated", conversationId: `c-${i % 3}` });
    const listCalls = () =>
      invalidate.mock.calls.filter(([filters]) => JSON.stringify(filters?.queryKey) === JSON.stringify(queryKeys.conversations.lists));
    expect(listCalls()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(150);

    expect(listCalls()).toHaveLength(1);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.conversations.detail("c-1") });
  });

  it("when a canned response changes, the canned responses are refetched and conversations are left alone", async () => {
    const { queryClient, socket } = setup();
    queryClient.setQueryData(queryKeys.cannedResponses, { data: [], nextCursor: null });
    queryClient.setQueryData(queryKeys.conversations.detail("c-1"), { id: "c-1" });
    const frame: CannedResponseChangedEvent = { type: "canned_response.changed", cannedResponseId: "cr-1" };

    socket().onmessage?.(new MessageEvent("message", { data: JSON.stringify(frame) }));

    expect(queryClient.getQueryState(queryKeys.cannedResponses)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.conversations.detail("c-1"))?.isInvalidated).toBe(false);
  });

  it("when a frame arrives, the app's onFrame sees it after the client, and frames that are not JSON are dropped", () => {
    const { socket, onFrame } = setup();
    const frame = { type: "reminder.due", conversationId: "c-1", scheduledId: "s-1", userId: "u-1" };

    socket().onmessage?.(new MessageEvent("message", { data: JSON.stringify(frame) }));
    socket().onmessage?.(new MessageEvent("message", { data: "not json" }));

    expect(onFrame.mock.calls).toEqual([[frame]]);
  });

  it("when the connection drops, it reconnects with growing delays", async () => {
    const { sockets, socket } = setup();

    socket().drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);

    socket().drop();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
  });

  it("when a new connection is ready, whatever was fetched before it opened is refetched, except media files", async () => {
    const { queryClient, socket } = setup();
    queryClient.setQueryData(queryKeys.conversations.detail("c-1"), { id: "c-1" });
    queryClient.setQueryData(queryKeys.media("m-1"), "bytes");
    await vi.advanceTimersByTimeAsync(5_000);

    socket().open();
    socket().deliver({ type: "ready" });

    expect(queryClient.getQueryState(queryKeys.conversations.detail("c-1"))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.media("m-1"))?.isInvalidated).toBe(false);
  });

  it("when closed, it stops reconnecting", async () => {
    const { sockets, socket, connection } = setup();

    connection.close();
    socket().drop();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.closed).toBe(true);
  });

  it("when the server refuses the token, the session is reported over and no reconnect follows", async () => {
    const { sockets, socket, onUnauthorized } = setup();

    socket().drop(4401);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(sockets).toHaveLength(1);
  });
});
