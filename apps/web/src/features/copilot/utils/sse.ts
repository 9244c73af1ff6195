/** One Server-Sent Event: its `event:` name ("message" when absent) and its `data:` lines joined by newlines. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Reads a `text/event-stream` body as it arrives and yields each complete event (WHATWG EventSource framing: lines
 * end in LF, CRLF or CR; a blank line ends an event; `:` lines are comments; an event without data is skipped).
 * A chunk may end in the middle of a line or of a multi-byte character: the rest waits for the next chunk.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  let data: string[] = [];

  const takeLine = (line: string): ServerSentEvent | null => {
    if (line === "") {
      const complete = data.length > 0 ? { event: event || "message", data: data.join("\n") } : null;
      event = "";
      data = [];
      return complete;
    }
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    return null;
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A CR at the very end may be the first half of a CRLF: keep it until the next chunk says.
      for (let match = /\r\n|\r(?!$)|\n/.exec(buffer); match; match = /\r\n|\r(?!$)|\n/.exec(buffer)) {
        const line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        const complete = takeLine(line);
        if (complete) yield complete;
      }
      if (done) {
        // The stream ended without the final blank line: what was gathered still counts.
        const last = takeLine(buffer.replace(/\r$/, ""));
        const tail = last ?? takeLine("");
        if (tail) yield tail;
        return;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
