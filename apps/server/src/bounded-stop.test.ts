import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { boundedStop } from "./bounded-stop.ts";

function capturingLog() {
  const lines: Array<{ msg: string; part?: string }> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: "warn" }, sink), lines };
}

const never = () => new Promise<void>(() => {});

describe("boundedStop", () => {
  it("when the part stops in time, nothing is logged and force is not called", async () => {
    const { log, lines } = capturingLog();
    let forced = false;
    await boundedStop(log, "quick job", Promise.resolve(), { waitMs: 1_000, force: () => (forced = true) });
    expect(forced).toBe(false);
    expect(lines).toEqual([]);
  });

  it("when the part never stops, the wait ends and the warning names it", async () => {
    const { log, lines } = capturingLog();
    await boundedStop(log, "stuck job", never(), { waitMs: 20 });
    expect(lines.map((l) => [l.part, l.msg])).toEqual([["stuck job", "a part of Papo did not stop in time; closing anyway"]]);
  });

  it("when forcing makes the part stop, the wait ends after the force with one warning", async () => {
    const { log, lines } = capturingLog();
    let release: () => void = () => {};
    const stopping = new Promise<void>((resolve) => {
      release = resolve;
    });
    await boundedStop(log, "server", stopping, { waitMs: 20, force: () => release() });
    expect(lines.map((l) => l.msg)).toEqual(["a part of Papo did not stop in time; forcing it"]);
  });

  it("when the part fails while stopping, the failure is logged and the shutdown goes on", async () => {
    const { log, lines } = capturingLog();
    await boundedStop(log, "database", Promise.reject(new Error("connection reset")), { waitMs: 1_000 });
    expect(lines.map((l) => [l.part, l.msg])).toEqual([["database", "a part of Papo failed while stopping"]]);
  });
});
