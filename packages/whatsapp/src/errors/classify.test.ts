import { describe, expect, it } from "vitest";
import { classifyError } from "./classify.ts";

describe("classifyError", () => {
  it.each([
    [0, 1_000],
    [1, 4_000],
    [2, 16_000],
    [3, 64_000],
  ])("when the pair rate limit 131056 is hit after %i retries, the suggested delay is %i ms (4^X s)", (attempt, delay) => {
    expect(classifyError({ code: 131056, attempt }).retryAfterMs).toBe(delay);
  });

  it("when 131056 keeps failing, the delay stops growing at 15 minutes", () => {
    expect(classifyError({ code: 131056, attempt: 10 }).retryAfterMs).toBe(15 * 60_000);
  });

  it("when another retryable code is retried, its delay doubles per attempt", () => {
    const first = classifyError({ code: 131000, attempt: 0 }).retryAfterMs ?? 0;

    expect(classifyError({ code: 131000, attempt: 2 }).retryAfterMs).toBe(first * 4);
  });

  it("when 131057 (maintenance) is hit, the first retry waits about a minute", () => {
    expect(classifyError({ code: 131057 }).retryAfterMs).toBe(60_000);
  });

  it("when a known code comes with an HTTP status that disagrees, the table decides", () => {
    expect(classifyError({ code: 131045, httpStatus: 500 }).retryable).toBe(false);
  });

  it.each([500, 502, 503, 504])("when an unknown code comes with HTTP %i, it is retryable", (httpStatus) => {
    const verdict = classifyError({ code: 987654, httpStatus });

    expect(verdict.category).toBe("retryable");
    expect(verdict.retryAfterMs).toBeGreaterThan(0);
  });

  it.each([400, 403, 404, 409])("when an unknown code comes with HTTP %i, it is permanent", (httpStatus) => {
    expect(classifyError({ code: 987654, httpStatus })).toMatchObject({ category: "permanent", retryable: false });
  });

  it("when an unknown code comes from a webhook (no HTTP status), it is permanent and names the code", () => {
    const verdict = classifyError({ code: 987654 });

    expect(verdict.category).toBe("permanent");
    expect(verdict.agentMessage["pt-BR"]).toContain("987654");
  });

  it("when the request got no answer, it is retryable and says the outcome is unknown", () => {
    const verdict = classifyError({ code: undefined, noAnswer: true });

    expect(verdict.retryable).toBe(true);
    expect(verdict.agentMessage.en).toContain("unknown whether the message was sent");
  });

  it("when neither a code nor a status is known but an answer came, it is permanent", () => {
    expect(classifyError({ code: undefined }).category).toBe("permanent");
  });

  it("when a non-retryable code is classified, it carries no delay", () => {
    expect(classifyError({ code: 131026 }).retryAfterMs).toBeUndefined();
  });
});
