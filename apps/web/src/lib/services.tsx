import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";
import type { ApiClient } from "./api-client.ts";
import type { SocketLike } from "./live.ts";
import type { Notifier } from "./notifications.ts";
import type { Preference } from "./preference.ts";
import type { Session, SessionStore } from "./session.ts";
import type { Theme } from "./theme.ts";

/** The console's long-lived objects, made once by the app (or by a test) and handed down by context. */
export interface Services {
  session: SessionStore;
  client: ApiClient;
  notifier: Notifier;
  theme: Preference<Theme>;
  /** Opens the live stream's socket (a real WebSocket in the browser, a fake in tests). */
  createSocket: (url: string) => SocketLike;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices() outside <ServicesProvider>");
  return services;
}

export function useApiClient(): ApiClient {
  return useServices().client;
}

/** The logged-in agent, or null; re-renders on login and logout. */
export function useSession(): Session | null {
  const { session } = useServices();
  return useSyncExternalStore(session.subscribe, session.get);
}

/** A persisted setting's current value; re-renders when it changes. */
export function usePreference<T>(preference: Preference<T>): T {
  return useSyncExternalStore(preference.subscribe, preference.get);
}
