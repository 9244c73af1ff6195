import type { LiveEvent } from "../lib/api-types.ts";
import type { SocketLike } from "../lib/live.ts";

export interface FakeSocket extends SocketLike {
  readonly url: string;
  closed: boolean;
  open(): void;
  deliver(event: LiveEvent): void;
  drop(code?: number): void;
}

/** A WebSocket stand-in the test drives: it opens, delivers frames and drops only when told to. */
export function createFakeSocket(url = "ws://papo.test/api/v1/stream"): FakeSocket {
  const socket: FakeSocket = {
    url,
    closed: false,
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
    close() {
      socket.closed = true;
    },
    open() {
      socket.onopen?.(new Event("open"));
    },
    deliver(event) {
      socket.onmessage?.(new MessageEvent("message", { data: JSON.stringify(event) }));
    },
    drop(code = 1006) {
      socket.onclose?.(new CloseEvent("close", { code }));
    },
  };
  return socket;
}
