import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type EventStream, openEventStream } from "./event-stream.ts";

/** A bare Fastify on a real port: streams and hang-ups only exist on real sockets. */
async function serve(handler: (stream: EventStream) => Promise<void>): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  app.post("/stream", async (_request, reply) => {
    // Stands for what CORS and helmet set on every answer before the handler runs.
    reply.header("x-content-type-options", "nosniff");
    await handler(openEventStream(reply));
    return reply;
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, url: `${url}/stream` };
}

describe("server-sent events", () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  it("when events are sent and the stream ends, the client reads them in order with the headers set before", async () => {
    let signal: AbortSignal | undefined;
    const served = await serve(async (stream) => {
      signal = stream.signal;
      stream.send("delta", { index: 0, text: "Olá" });
      stream.send("done", { suggestions: [] });
      stream.end();
    });
    app = served.app;

    const response = await fetch(served.url, { method: "POST" });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toBe('event: delta\ndata: {"index":0,"text":"Olá"}\n\nevent: done\ndata: {"suggestions":[]}\n\n');
    expect(signal?.aborted).toBe(false);
  });

  it("when the client hangs up mid-stream, the stream's signal aborts so the work behind it stops", async () => {
    // Set before the first event is written: once the client reads it, the handler is waiting on it.
    let aborted!: Promise<void>;
    const served = await serve(async (stream) => {
      aborted = new Promise((resolve) => stream.signal.addEventListener("abort", () => resolve()));
      stream.send("delta", { index: 0, text: "Olá" });
      await aborted;
      stream.end();
    });
    app = served.app;

    const client = new AbortController();
    const response = await fetch(served.url, { method: "POST", signal: client.signal });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain("event: delta");
    client.abort();

    await expect(aborted).resolves.toBeUndefined();
  });
});
