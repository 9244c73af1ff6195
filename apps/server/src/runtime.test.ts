import { connect } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { startTestPapo } from "./testing/papo.test-utils.ts";

describe("closing Papo", () => {
  it("when a request never finishes its body, close cuts its connection instead of waiting for it, and says so", async () => {
    const warnings: Array<{ part?: string; msg: string }> = [];
    const shutdownLog = pino(
      { level: "warn" },
      new Writable({
        write(chunk, _encoding, done) {
          warnings.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    const t = await startTestPapo({ db: "pglite", start: { shutdownLog } });
    const { port } = new URL(t.papo.url);
    const socket = connect(Number(port), "127.0.0.1");
    const cut = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    // Half a body: the server holds the request open, waiting for the rest, as a stalled client would make it.
    socket.write('POST /webhook HTTP/1.1\r\nHost: papo\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"object"');
    await new Promise((resolve) => setTimeout(resolve, 100));

    await t.close();
    await cut;
    expect(warnings.map((w) => [w.part, w.msg])).toEqual([["http server", "a part of Papo did not stop in time; forcing it"]]);
  });
});
