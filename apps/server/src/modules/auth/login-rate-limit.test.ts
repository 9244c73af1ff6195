import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

// The per-minute limit lives in the process (not the database), so one database is enough. It is the coarse flood
// guard in front of the lockout counters (lockout.test.ts): each try here uses another e-mail, so no e-mail locks.
describe("login brute force (pglite)", () => {
  let t: TestPapo;
  beforeAll(async () => {
    t = await startTestPapo({ db: "pglite" });
  });
  afterAll(async () => t?.close());

  it("when a client keeps guessing passwords, login answers 429 after ten tries a minute, even for the right password", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await t.api("POST", "/api/v1/auth/login", { email: `guess-${i}@papo.test`, password: `guess-${i}-wrong` })).status);
    const blocked = await t.api<{ error: { code: string } }>("POST", "/api/v1/auth/login", ADMIN);
    // The harness itself logged in once at start: that is the first of the minute's ten.
    expect(statuses.filter((s) => s === 401).length).toBe(9);
    expect(statuses.at(-1)).toBe(429);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ error: { code: "request.rate_limited", message: expect.stringContaining("retry") } });
  });

  it("when a spoofed X-Forwarded-For is sent without TRUST_PROXY, it does not reset the limit", async () => {
    const response = await t.api("POST", "/api/v1/auth/login", ADMIN, { "x-forwarded-for": "203.0.113.9" });
    expect(response.status).toBe(429);
  });
});
