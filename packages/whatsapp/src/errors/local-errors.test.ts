import { describe, expect, it } from "vitest";
import { mediaIntegrityError, networkError, unexpectedResponseError, validationError } from "./local-errors.ts";

describe("local errors", () => {
  it("when validation fails, the error lists each field path in its message", () => {
    const error = validationError({ issues: [{ path: "text.body", message: "must be at most 4096 characters" }] });

    expect(error.type).toBe("WhatsAppValidationError");
    expect(error.issues).toEqual([{ path: "text.body", message: "must be at most 4096 characters" }]);
    expect(error.message).toContain("text.body: must be at most 4096 characters");
    expect(error.classification.retryable).toBe(false);
  });

  it("when a request times out, the network error is retryable and the outcome unknown", () => {
    const error = networkError({ cause: new DOMException("timeout", "TimeoutError"), timedOut: true });

    expect(error.type).toBe("WhatsAppNetworkError");
    expect(error.timedOut).toBe(true);
    expect(error.outcome).toBe("unknown");
    expect(error.classification.retryable).toBe(true);
    expect(error.cause).toBeInstanceOf(DOMException);
  });

  it("when media hashes differ, the integrity error names both hashes", () => {
    const error = mediaIntegrityError({ mediaId: "m1", expectedSha256: "abc", actualSha256: "def" });

    expect(error.type).toBe("WhatsAppMediaIntegrityError");
    expect(error).toMatchObject({ mediaId: "m1", expectedSha256: "abc", actualSha256: "def" });
  });

  it("when a 2xx body is not what Meta documents, the error is permanent so a send is not blindly repeated", () => {
    const error = unexpectedResponseError({ httpStatus: 200, body: {}, expected: "messages[0].id" });

    expect(error.type).toBe("WhatsAppPermanentError");
    expect(error.classification.retryable).toBe(false);
  });
});
