import { describe, expect, it } from "vitest";
import { readServerSentEvents, type ServerSentEvent } from "./sse.ts";

/** A body that delivers exactly these chunks (strings are UTF-8 encoded; arrays are raw bytes). */
function bodyOf(chunks: Array<string | number[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : new Uint8Array(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: Array<string | number[]>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(bodyOf(chunks))) events.push(event);
  return events;
}

describe("readServerSentEvents", () => {
  it("when events arrive whole, each one is yielded with its name and data", async () => {
    const events = await collect(['event: delta\ndata: {"index":0,"text":"Olá"}\n\nevent: done\ndata: {"suggestions":[]}\n\n']);

    expect(events).toEqual([
      { event: "delta", data: '{"index":0,"text":"Olá"}' },
      { event: "done", data: '{"suggestions":[]}' },
    ]);
  });

  it("when a chunk ends mid-line or mid-character, the event is put back together", async () => {
    const bytes = Array.from(new TextEncoder().encode("ção"));
    const events = await collect(["eve", "nt: delta\nda", "ta: a", bytes.slice(0, 1), bytes.slice(1), "\n", "\n"]);

    expect(events).toEqual([{ event: "delta", data: "ação" }]);
  });

  it("when lines end in CRLF or CR, split across chunks, they are read like LF", async () => {
    const events = await collect(["event: a\r", "\ndata: 1\r\n\r\n", "event: b\rdata: 2\r\r"]);

    expect(events).toEqual([
      { event: "a", data: "1" },
      { event: "b", data: "2" },
    ]);
  });

  it("when an event has several data lines, comments or no name, they follow the EventSource rules", async () => {
    const events = await collect([": keep-alive\n\ndata: one\ndata: two\n\nevent: empty\n\ndata:no-space\n\n"]);

    expect(events).toEqual([
      { event: "message", data: "one\ntwo" },
      { event: "message", data: "no-space" },
    ]);
  });

  it("when the stream ends without the final blank line, the last event still counts", async () => {
    expect(await collect(["event: done\ndata: {}"])).toEqual([{ event: "done", data: "{}" }]);
    expect(await collect(["event: done\ndata: {}\n"])).toEqual([{ event: "done", data: "{}" }]);
  });
});
