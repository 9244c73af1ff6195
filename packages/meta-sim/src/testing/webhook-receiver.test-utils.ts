import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { waitFor } from "./wait-for.test-utils.ts";

/** One POST the receiver got, with the body exactly as sent. */
export interface ReceivedWebhook {
  rawBody: string;
  headers: IncomingHttpHeaders;
  json: unknown;
  /** The status the receiver answered with. */
  answeredWith: number;
}

/** A tiny HTTP server standing in for Papo's webhook endpoint. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Decides the status of the n-th request (1-based); default always 200. */
  respondWith(decide: (n: number) => number): void;
  /** Waits until at least `count` webhooks matching `filter` arrived; returns them. */
  waitForCount(count: number, filter?: (w: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  clear(): void;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 and a free port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let decide: (n: number) => number = () => 200;
  let count = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      count += 1;
      const status = decide(count);
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = undefined;
      }
      received.push({ rawBody, headers: request.headers, json, answeredWith: status });
      response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "EVENT_RECEIVED" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    respondWith(next) {
      decide = next;
      count = 0;
    },
    waitForCount(wanted, filter = () => true, timeoutMs = 3_000) {
      return waitFor(
        () => {
          const matching = received.filter(filter);
          return matching.length >= wanted ? matching : undefined;
        },
        { timeoutMs, what: `${wanted} webhook(s)` },
      );
    },
    clear() {
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The `value` of the first change of a received webhook, typed loosely for assertions. */
export function changeValueOf(webhook: ReceivedWebhook): Record<string, unknown> {
  const body = webhook.json as { entry: { changes: { value: Record<string, unknown> }[] }[] };
  return body.entry[0]?.changes[0]?.value ?? {};
}

/** The statuses of a received `messages` webhook. */
export function statusesOf(webhook: ReceivedWebhook): Record<string, unknown>[] {
  return (changeValueOf(webhook).statuses as Record<string, unknown>[] | undefined) ?? [];
}
