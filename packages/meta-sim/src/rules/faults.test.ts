import { describe, expect, it } from "vitest";
import { createFaultBook } from "./faults.ts";

describe("fault scenarios", () => {
  it("when a scenario has times: 2, exactly the next two matching calls fail and the third passes", () => {
    const book = createFaultBook();
    book.add([{ on: "send", code: 131000, times: 2 }]);

    const hits = [book.take({ on: "send" }), book.take({ on: "send" }), book.take({ on: "send" })];

    expect(hits.map((h) => h?.code)).toEqual([131000, 131000, undefined]);
    expect(book.list()).toEqual([]);
  });

  it("when a call targets another operation, the scenario is not consumed", () => {
    const book = createFaultBook();
    book.add([{ on: "media_upload", code: 131053, times: 1 }]);

    expect(book.take({ on: "send" })).toBeUndefined();
    expect(book.list()).toHaveLength(1);
  });

  it("when a scenario names a recipient, only sends to that number match, whatever its formatting", () => {
    const book = createFaultBook();
    book.add([{ on: "send", code: 131026, times: 1, to: "+55 11 91234-5678" }]);

    expect(book.take({ on: "send", to: "+5511900000001" })).toBeUndefined();
    expect(book.take({ on: "send", to: "5511912345678" })?.code).toBe(131026);
  });

  it("when only an HTTP 5xx is given, the failure uses Meta's generic 131000 code", () => {
    const book = createFaultBook();
    book.add([{ on: "templates", httpStatus: 503, times: 1 }]);

    expect(book.take({ on: "templates" })).toMatchObject({ fails: true, code: 131000, httpStatus: 503 });
  });

  it("when only a delay is given, the call is slow but does not fail", () => {
    const book = createFaultBook();
    book.add([{ on: "send", delayMs: 50, times: 1 }]);

    expect(book.take({ on: "send" })).toMatchObject({ fails: false, scenario: { delayMs: 50 } });
  });

  it("when a webhook scenario has no code, the receiver counts as unreachable", () => {
    const book = createFaultBook();
    book.add([{ on: "webhook", times: 1 }]);

    expect(book.take({ on: "webhook" })?.fails).toBe(true);
  });

  it("when scenarios are cleared, nothing matches any more", () => {
    const book = createFaultBook();
    book.add([{ on: "send", code: 1, times: 5 }]);

    book.clear();

    expect(book.take({ on: "send" })).toBeUndefined();
  });
});
