import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

describe("createLogger", () => {
  it("when a request is logged, only its path is written: no query string, no headers", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    createLogger("info", sink).info(
      {
        req: {
          method: "GET",
          url: "/api/v1/contacts?phone=%2B5511912345678",
          id: "req-1",
          headers: { authorization: "Bearer secret-token" },
        },
      },
      "incoming request",
    );
    const [line] = lines;
    expect(JSON.parse(line ?? "{}").req).toEqual({ method: "GET", path: "/api/v1/contacts", id: "req-1" });
    expect(line).not.toContain("5511912345678");
    expect(line).not.toContain("secret-token");
  });
});
