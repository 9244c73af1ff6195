import type { FastifyReply } from "fastify";

export interface EventStream {
  /** Aborted when the client goes away before `end`: whatever produces the events should stop (and stop paying). */
  readonly signal: AbortSignal;
  send(event: string, data: unknown): void;
  end(): void;
}

/**
 * Takes the response over from Fastify and answers with Server-Sent Events. The headers Fastify and its plugins already
 * set for this request (CORS, helmet's security headers, HSTS) are kept: a hijacked reply would otherwise drop them.
 * Proxies are asked not to buffer (`x-accel-buffering`), so each event reaches the console as it is written.
 */
export function openEventStream(reply: FastifyReply): EventStream {
  const controller = new AbortController();
  let ended = false;
  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
  // Set after the copy: a JSON content type or a length from an earlier hook must not describe the stream.
  delete headers["content-length"];
  reply.hijack();
  reply.raw.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  reply.raw.flushHeaders();
  reply.raw.on("close", () => {
    if (!ended) controller.abort();
  });
  return {
    signal: controller.signal,
    send(event, data) {
      if (ended || reply.raw.destroyed) return;
      reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (ended) return;
      ended = true;
      reply.raw.end();
    },
  };
}
