import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

// The console talks only to the documented API. In development (and `vite preview`) Vite forwards it to a local
// Papo server: :3000 unless PAPO_API_URL says otherwise.
const target = process.env.PAPO_API_URL ?? "http://127.0.0.1:3000";

const proxy: Record<string, ProxyOptions> = {
  // The live stream is a WebSocket: it needs `ws: true` and must come before the generic `/api` entry.
  "/api/v1/stream": { target, ws: true, changeOrigin: true },
  "/api": { target, changeOrigin: true },
  "/webhook": { target, changeOrigin: true },
  "/healthz": { target, changeOrigin: true },
};

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: { outDir: "dist", emptyOutDir: true },
  server: { proxy },
  preview: { proxy },
});
