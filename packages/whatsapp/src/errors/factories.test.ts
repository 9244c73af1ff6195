import { describe, expect, it } from "vitest";
import { ERROR_CODE_TABLE, graphErrorBody } from "./codes.ts";
import { errorFromGraphResponse, errorFromStatusErrors } from "./factories.ts";
import { mediaIntegrityError, networkError, validationError } from "./local-errors.ts";
import { WhatsAppError, type WhatsAppErrorType } from "./whatsapp-error.ts";

const EXPECTED_TYPE: Record<number, WhatsAppErrorType> = {
  131047: "WhatsAppWindowClosedError",
  132000: "WhatsAppTemplateError",
  132001: "WhatsAppTemplateError",
  132015: "WhatsAppTemplateError",
  132018: "WhatsAppTemplateError",
  130429: "WhatsAppRateLimitError",
  131056: "WhatsAppRateLimitError",
  80007: "WhatsAppRateLimitError",
  4: "WhatsAppRateLimitError",
  190: "WhatsAppAuthError",
  0: "WhatsAppAuthError",
  10: "WhatsAppAuthError",
  131005: "WhatsAppAuthError",
  131000: "WhatsAppTransientError",
  131016: "WhatsAppTransientError",
  131057: "WhatsAppTransientError",
  133004: "WhatsAppTransientError",
  131026: "WhatsAppPermanentError",
  100: "WhatsAppPermanentError",
  131048: "WhatsAppPermanentError",
  131049: "WhatsAppPermanentError",
};

const syncError = (code: number, httpStatus = 400) =>
  errorFromGraphResponse({ httpStatus, body: graphErrorBody({ code, fbtraceId: "Atrace" }) });

describe("errorFromGraphResponse", () => {
  it.each(Object.entries(EXPECTED_TYPE).map(([code, type]) => [Number(code), type] as const))(
    "when Meta answers code %i, the error is a %s",
    (code, type) => {
      const error = syncError(code);

      expect(error.type).toBe(type);
      expect(error.name).toBe(type);
      expect(error.code).toBe(code);
    },
  );

  it("when Meta answers 131047, the fields of the body are kept on the error", () => {
    const body = graphErrorBody({ code: 131047, details: "more than 24 hours", fbtraceId: "AbC123", subcode: 2494055 });

    const error = errorFromGraphResponse({ httpStatus: 400, body });

    expect(error).toBeInstanceOf(WhatsAppError);
    expect(error).toMatchObject({
      code: 131047,
      subcode: 2494055,
      title: "Re-engagement message",
      details: "more than 24 hours",
      fbtraceId: "AbC123",
      httpStatus: 400,
      raw: body,
    });
    expect(error.classification.category).toBe("needs_template");
  });

  it("when the body arrives as JSON text, it is parsed like an object", () => {
    const error = errorFromGraphResponse({ httpStatus: 400, body: JSON.stringify(graphErrorBody({ code: 131026 })) });

    expect(error.code).toBe(131026);
    expect(error.type).toBe("WhatsAppPermanentError");
  });

  it("when a 502 answers with an HTML page, the error is transient and keeps the text as details", () => {
    const error = errorFromGraphResponse({ httpStatus: 502, body: "<html><body>Bad Gateway</body></html>" });

    expect(error.type).toBe("WhatsAppTransientError");
    expect(error.code).toBeUndefined();
    expect(error.title).toBe("HTTP 502");
    expect(error.details).toContain("Bad Gateway");
  });

  it("when a 400 answers with an empty body, the error is permanent", () => {
    const error = errorFromGraphResponse({ httpStatus: 400, body: "" });

    expect(error.type).toBe("WhatsAppPermanentError");
    expect(error.details).toBeUndefined();
  });

  it("when the code arrives as a string, it is read as a number", () => {
    expect(errorFromGraphResponse({ httpStatus: 400, body: { error: { code: "130429", message: "(#130429) Rate limit hit" } } }).code).toBe(
      130429,
    );
  });

  it("when the error body has odd member types, the readable ones are still used", () => {
    const error = errorFromGraphResponse({
      httpStatus: 400,
      body: { error: { code: 131009, message: 42, error_data: "bad target", fbtrace_id: null } },
    });

    expect(error.code).toBe(131009);
    expect(error.details).toBe("bad target");
    expect(error.title).toBe("Parameter value is not valid");
  });

  it("when the JSON has no error member, it falls back on the HTTP status", () => {
    expect(errorFromGraphResponse({ httpStatus: 503, body: { message: "down" } }).type).toBe("WhatsAppTransientError");
  });

  it("when the retry attempt is given, the 131056 delay grows with it", () => {
    expect(
      errorFromGraphResponse({ httpStatus: 400, body: graphErrorBody({ code: 131056 }), attempt: 2 }).classification.retryAfterMs,
    ).toBe(16_000);
  });

  it("when the error is printed, the message carries code, title and details", () => {
    expect(syncError(131047).message).toMatch(/^\(#131047\) Re-engagement message: More than 24 hours/);
  });
});

describe("errorFromStatusErrors", () => {
  it("when a failed status carries 131047 (meta-cloud-api.md §4.6), the error says the window is closed", () => {
    const errors = [
      {
        code: 131047,
        title: "Re-engagement message",
        message: "Re-engagement message",
        error_data: {
          details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        },
        href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
      },
    ];

    const error = errorFromStatusErrors(errors);

    expect(error.type).toBe("WhatsAppWindowClosedError");
    expect(error.code).toBe(131047);
    expect(error.details).toContain("24 hours");
    expect(error.httpStatus).toBeUndefined();
    expect(error.raw).toBe(errors);
  });

  it.each(ERROR_CODE_TABLE.map((info) => [info.code, info.httpStatus] as const))(
    "when code %i arrives by webhook or synchronously, both paths classify it the same",
    (code, httpStatus) => {
      const viaWebhook = errorFromStatusErrors([{ code, title: "t" }]);
      const viaHttp = syncError(code, httpStatus);

      expect(viaWebhook.type).toBe(viaHttp.type);
      expect(viaWebhook.classification).toEqual(viaHttp.classification);
    },
  );

  it("when an unknown code arrives by webhook, the error is permanent", () => {
    expect(errorFromStatusErrors([{ code: 777777, title: "New thing" }]).type).toBe("WhatsAppPermanentError");
  });

  it("when the errors array is empty, the error is still a permanent WhatsAppError", () => {
    const error = errorFromStatusErrors([]);

    expect(error.type).toBe("WhatsAppPermanentError");
    expect(error.title).toBe("Unknown error");
  });
});

describe("error hierarchy", () => {
  const samples: [string, WhatsAppError][] = [
    ["window closed", syncError(131047)],
    ["template", syncError(132001, 404)],
    ["rate limit", syncError(131056)],
    ["auth", syncError(190, 401)],
    ["transient", syncError(131000, 500)],
    ["permanent", syncError(131026)],
    ["network", networkError({ cause: new TypeError("fetch failed"), timedOut: false })],
    ["validation", validationError({ issues: [] })],
    ["media integrity", mediaIntegrityError({ mediaId: "m", expectedSha256: "a", actualSha256: "b" })],
  ];

  it.each(samples)("when a %s error is caught, it is a WhatsAppError and an Error whose name equals its type", (_kind, error) => {
    expect(error).toBeInstanceOf(WhatsAppError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(error.type);
  });

  it("when every kind is built, each has its own type", () => {
    expect(new Set(samples.map(([, error]) => error.type)).size).toBe(samples.length);
  });
});
