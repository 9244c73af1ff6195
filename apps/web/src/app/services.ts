import { createApiClient, type FetchLike } from "../lib/api-client.ts";
import type { KeyValueStore } from "../lib/key-value-store.ts";
import type { SocketLike } from "../lib/live.ts";
import { createNotifier } from "../lib/notifications.ts";
import type { Services } from "../lib/services.tsx";
import { createSessionStore } from "../lib/session.ts";
import { createThemePreference } from "../lib/theme.ts";

/** Builds the console's long-lived objects. The browser entry passes window.fetch and localStorage; tests pass fakes. */
export function createServices({
  store,
  fetch,
  baseUrl = "",
  createSocket = (url) => new WebSocket(url),
  refreshPath,
}: {
  store: KeyValueStore;
  fetch: FetchLike;
  baseUrl?: string;
  createSocket?: (url: string) => SocketLike;
  /** The embedded console refreshes with its own cookie (see createApiClient). */
  refreshPath?: string;
}): Services {
  const session = createSessionStore({ store });
  return {
    session,
    client: createApiClient({ fetch, session, baseUrl, ...(refreshPath ? { refreshPath } : {}) }),
    notifier: createNotifier({ store }),
    theme: createThemePreference(store),
    createSocket,
  };
}
