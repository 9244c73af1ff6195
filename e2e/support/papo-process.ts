import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root: the server is started from here, as the README does. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MAIN = "apps/server/src/main.ts";
/** tsx's loader by absolute URL, so the child finds it whatever the working directory. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** A port that was free a moment ago (bound to port 0, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PapoProcess {
  /** The pid of the server itself (node), not of a wrapper: killing it kills the server. */
  pid: number;
  url: string;
  child: ChildProcess;
  /** stdout and stderr so far (the last 64 kB), for failure messages. */
  output(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** SIGKILL now; resolves when the process is gone. */
  kill(): Promise<void>;
}

const running = new Set<PapoProcess>();
// Whatever happens to the test process, no server it started outlives it.
process.once("exit", () => {
  for (const p of running) if (p.alive()) p.child.kill("SIGKILL");
});

/** Kills every server started by this module that is still running (for afterEach/afterAll). */
export async function killAllPapoProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill()));
}

/**
 * Starts `node --import tsx apps/server/src/main.ts` from the repository root with the given environment (on top of
 * PATH/HOME only, so the developer's own variables do not leak in), and waits until `/readyz` answers 200.
 */
export async function startPapoProcess({
  port,
  env,
  readyTimeoutMs = 45_000,
}: {
  port: number;
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<PapoProcess> {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("the server process did not start");
  let log = "";
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-64 * 1024);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const handle: PapoProcess = {
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => log,
    exited,
    alive: () => !done,
    async kill() {
      if (!done) child.kill("SIGKILL");
      await exited;
      running.delete(handle);
    },
  };
  running.add(handle);

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (!handle.alive()) {
      const { code, signal } = await exited;
      throw new Error(`the server exited before it was ready (code ${code}, signal ${signal}):\n${log}`);
    }
    try {
      const response = await fetch(`${handle.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return handle;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await handle.kill();
      throw new Error(`the server was not ready after ${readyTimeoutMs} ms:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
