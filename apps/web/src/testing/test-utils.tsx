import { QueryClient } from "@tanstack/react-query";
import { type RenderResult, render } from "@testing-library/react";
import type { ReactElement } from "react";
import { AppProvider } from "../app/provider.tsx";
import { createServices } from "../app/services.ts";
import type { LoginResponse } from "../lib/api-types.ts";
import { createMemoryStore } from "../lib/key-value-store.ts";
import type { Services } from "../lib/services.tsx";
import { createFakeFetch, type FakeFetch, type FakeRoute } from "./fake-fetch.ts";
import { createFakeSocket, type FakeSocket } from "./fake-socket.ts";

export interface RenderAppResult extends RenderResult {
  fetch: FakeFetch;
  services: Services;
  queryClient: QueryClient;
  /** Every live-stream socket the app opened, newest last. */
  sockets: FakeSocket[];
}

/**
 * Mounts a component inside the real providers with a fake API: `routes` answer its calls, `login` starts a session
 * first, and the interface speaks English unless `locale` says otherwise. Each call gets its own QueryClient
 * (no retries) and its own storage.
 */
export function renderApp(
  ui: ReactElement,
  { routes = [], login, locale = "en" }: { routes?: FakeRoute[]; login?: LoginResponse; locale?: string } = {},
): RenderAppResult {
  const store = createMemoryStore({ "papo.locale": locale });
  const fetch = createFakeFetch(routes);
  const sockets: FakeSocket[] = [];
  const createSocket = (url: string) => {
    const socket = createFakeSocket(url);
    sockets.push(socket);
    return socket;
  };
  const services = createServices({ store, fetch, createSocket });
  if (login) services.session.start(login);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } },
  });
  const result = render(
    <AppProvider services={services} queryClient={queryClient} store={store}>
      {ui}
    </AppProvider>,
  );
  return { ...result, fetch, services, queryClient, sockets };
}
