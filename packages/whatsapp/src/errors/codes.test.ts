import { describe, expect, it } from "vitest";
import { ERROR_CODE_TABLE, type ErrorCategory, graphErrorBody, lookupErrorCode } from "./codes.ts";

// Written from meta-cloud-api.md §6.2 and the classification rules of the issue, independently of codes.ts.
const EXPECTED: Record<ErrorCategory, readonly number[]> = {
  auth: [0, 3, 10, 190, 200, 131005],
  retryable: [1, 2, 4, 80007, 80008, 130429, 131000, 131016, 131056, 131057, 132069, 133004],
  needs_template: [131047],
  permanent: [
    33, 100, 368, 130472, 130497, 131008, 131009, 131021, 131026, 131030, 131031, 131037, 131042, 131045, 131048, 131049, 131050, 131051,
    131052, 131053, 131060, 131062, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 132018, 132068, 133000, 133005, 133006, 133007,
    133008, 133009, 133010, 133015, 133016, 134011, 135000,
  ],
};

const EXPECTED_ROWS = Object.entries(EXPECTED).flatMap(([category, codes]) => codes.map((code) => ({ code, category })));

describe("error code table", () => {
  it("when compared with meta-cloud-api.md §6.2, it holds exactly the listed codes", () => {
    const tableCodes = ERROR_CODE_TABLE.map((info) => info.code).sort((a, b) => a - b);
    const expectedCodes = EXPECTED_ROWS.map((row) => row.code).sort((a, b) => a - b);

    expect(tableCodes).toEqual(expectedCodes);
  });

  it.each(EXPECTED_ROWS)("when looking up $code, it is classified $category", ({ code, category }) => {
    expect(lookupErrorCode(code)?.category).toBe(category);
  });

  it.each(ERROR_CODE_TABLE.map((info) => [info.code, info] as const))(
    "when code %i is retryable, it suggests a delay, and only then",
    (_code, info) => {
      expect(info.retryAfterMs !== undefined).toBe(info.category === "retryable");
    },
  );

  it.each(ERROR_CODE_TABLE.map((info) => [info.code, info] as const))(
    "when code %i is shown to an agent, both languages have a sentence",
    (_code, info) => {
      expect(info.agentMessage["pt-BR"]).toMatch(/^\p{Lu}.*\.$/u);
      expect(info.agentMessage.en).toMatch(/^\p{Lu}.*\.$/u);
      expect(info.agentMessage["pt-BR"]).not.toBe(info.agentMessage.en);
    },
  );

  it("when 131047 is looked up, the pt-BR sentence tells the agent to send a template", () => {
    expect(lookupErrorCode(131047)?.agentMessage["pt-BR"]).toBe(
      "Passaram mais de 24 horas desde a última mensagem do cliente. Envie um modelo (template) aprovado para retomar a conversa.",
    );
  });

  it.each([200, 201, 250, 299])("when a permission code %i in 200–299 is looked up, it is auth and keeps its own code", (code) => {
    const info = lookupErrorCode(code);

    expect(info?.category).toBe("auth");
    expect(info?.code).toBe(code);
    expect(info?.httpStatus).toBe(403);
  });

  it.each([5, 199, 300, 131999, 999999])("when code %i is not in the table, lookup gives undefined", (code) => {
    expect(lookupErrorCode(code)).toBeUndefined();
  });

  it("when 132001 is looked up, its HTTP status is 404", () => {
    expect(lookupErrorCode(132001)?.httpStatus).toBe(404);
  });
});

describe("graphErrorBody", () => {
  it("when built for 131056, it matches Meta's synchronous error body", () => {
    const body = graphErrorBody({
      code: 131056,
      details: "Message failed to send because there were too many messages",
      fbtraceId: "A9xQ2mVt7LcRz0eHk4WpN1s",
    });

    expect(body).toEqual({
      error: {
        message: "(#131056) (Business Account, Consumer Account) pair rate limit hit",
        type: "OAuthException",
        code: 131056,
        error_data: { messaging_product: "whatsapp", details: "Message failed to send because there were too many messages" },
        fbtrace_id: "A9xQ2mVt7LcRz0eHk4WpN1s",
      },
    });
  });

  it("when no trace id is given, it makes up a Meta-looking one", () => {
    expect(graphErrorBody({ code: 100 }).error.fbtrace_id).toMatch(/^[A-Za-z0-9]{23}$/);
  });

  it("when a subcode is given, it is sent as error_subcode", () => {
    expect(graphErrorBody({ code: 190, subcode: 463 }).error.error_subcode).toBe(463);
  });

  it("when no details are given, details default to the English sentence", () => {
    expect(graphErrorBody({ code: 131047 }).error.error_data?.details).toBe(lookupErrorCode(131047)?.agentMessage.en);
  });

  it("when a message without the (#code) prefix is given, the prefix is added", () => {
    expect(graphErrorBody({ code: 100, message: "Param text['body'] is too long" }).error.message).toBe(
      "(#100) Param text['body'] is too long",
    );
  });

  it("when a message already carries a (#code) prefix, it is kept verbatim", () => {
    expect(graphErrorBody({ code: 100, message: "(#100) Invalid parameter" }).error.message).toBe("(#100) Invalid parameter");
  });

  it("when the code is unknown, the title is a generic one", () => {
    expect(graphErrorBody({ code: 4242 }).error.message).toBe("(#4242) Unknown error");
  });
});
