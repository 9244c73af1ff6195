import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock.ts";

const made: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), "papo-lock-"));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe("lockDataDir", () => {
  it("when another live process holds the data folder, start-up stops with a message naming it", () => {
    const d = dir();
    writeFileSync(join(d, "papo.pid"), String(process.ppid));
    expect(() => lockDataDir(d)).toThrow(`Another Papo (pid ${process.ppid})`);
  });

  it("when the pid file was left by a dead process, the lock is taken over and released on unlock", () => {
    const d = dir();
    writeFileSync(join(d, "papo.pid"), "2147483646");
    const unlock = lockDataDir(d);
    expect(existsSync(join(d, "papo.pid"))).toBe(true);
    unlock();
    expect(existsSync(join(d, "papo.pid"))).toBe(false);
  });
});
