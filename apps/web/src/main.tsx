import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { EmbedApp } from "./app/embed-app.tsx";
import { AppProvider } from "./app/provider.tsx";
import { createServices } from "./app/services.ts";
import { env } from "./config/env.ts";
import { EMBED_REFRESH_PATH, isEmbedPath } from "./features/embed/utils/embed-location.ts";
import { createBrowserStore } from "./lib/key-value-store.ts";
import { createQueryClient } from "./lib/query-client.ts";
import { applyTheme } from "./lib/theme.ts";
import "./index.css";

const store = createBrowserStore();
// `/embed`: the console inside a CRM's iframe, signed in by the CRM's token (features/embed).
const embedded = isEmbedPath(window.location.pathname);
const services = createServices({
  store,
  fetch: window.fetch.bind(window),
  baseUrl: env.apiBaseUrl,
  ...(embedded ? { refreshPath: EMBED_REFRESH_PATH } : {}),
});
const queryClient = createQueryClient();
// Before the first paint, so a dark-theme agent never sees a white flash.
applyTheme(services.theme.get());

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <AppProvider services={services} queryClient={queryClient} store={store}>
      {embedded ? <EmbedApp /> : <App />}
    </AppProvider>
  </StrictMode>,
);
