import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { I18nProvider } from "../i18n/i18n.tsx";
import type { KeyValueStore } from "../lib/key-value-store.ts";
import { type Services, ServicesProvider, usePreference } from "../lib/services.tsx";
import { applyTheme } from "../lib/theme.ts";

function ThemeSync({ services }: { services: Services }) {
  const theme = usePreference(services.theme);
  useEffect(() => applyTheme(theme), [theme]);
  return null;
}

/** Every provider the console needs, in one place (the app and the tests mount the same ones). */
export function AppProvider({
  services,
  queryClient,
  store,
  children,
}: {
  services: Services;
  queryClient: QueryClient;
  store: KeyValueStore;
  children: ReactNode;
}) {
  return (
    <ServicesProvider services={services}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider store={store}>
          <ThemeSync services={services} />
          {children}
        </I18nProvider>
      </QueryClientProvider>
    </ServicesProvider>
  );
}
