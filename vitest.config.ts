import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One run, two environments: Node for the packages, the server and multi-process tests; jsdom for the console.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: "node",
          include: ["packages/*/src/**/*.test.ts", "apps/server/src/**/*.test.ts", "e2e/**/*.test.ts", "eval/**/*.test.ts"],
          environment: "node",
          globalSetup: ["apps/server/src/testing/pglite-template.global-setup.ts"],
          testTimeout: 60_000,
          // Closing Papo may take each part's stop budget in turn (workers, server, simulator, database) and e2e setup
          // starts Papo and Chromium: a minute is too close on a loaded machine. A hook that hangs still fails.
          hookTimeout: 180_000,
          // expect.poll's 1 s default is tight for a click, a request and a database write on a loaded CI machine.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        plugins: [react()],
        test: {
          name: "web",
          include: ["apps/web/src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["apps/web/src/testing/setup.ts"],
          // Vitest's 5 s default is too tight when a CI machine also runs the server suites: the first import of the
          // lazily loaded admin pages alone can take seconds there.
          testTimeout: 20_000,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
