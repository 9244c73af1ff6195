import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client.ts";
import { fieldErrorsOf } from "./field-errors.ts";

const FIELDS = ["name", "phoneNumberId", "accessToken"] as const;

describe("fieldErrorsOf", () => {
  it("when validation issues name fields of the form, each gets the code and nothing is left over", () => {
    const error = new ApiError({
      code: "request.invalid",
      status: 400,
      message: "body.phoneNumberId: must be numeric",
      details: { issues: [{ field: "body.phoneNumberId" }, { field: "body.name" }, { field: "body.unknown" }] },
    });
    expect(fieldErrorsOf(error, FIELDS)).toEqual({ fields: { phoneNumberId: "request.invalid", name: "request.invalid" }, unplaced: null });
  });

  it("when a module error's message starts with a field, that field gets its code", () => {
    const error = new ApiError({ code: "channels.token_required", status: 400, message: "accessToken: required when apiUrl changes" });
    expect(fieldErrorsOf(error, FIELDS)).toEqual({ fields: { accessToken: "channels.token_required" }, unplaced: null });
  });

  it("when the error names no field of the form, it is left for the form as a whole", () => {
    const forbidden = new ApiError({ code: "auth.forbidden", status: 403, message: "Only administrators can do this" });
    const wholeBody = new ApiError({
      code: "request.invalid",
      status: 400,
      message: "body: send at least one field",
      details: { issues: [{ field: "body" }] },
    });
    expect(fieldErrorsOf(forbidden, FIELDS)).toEqual({ fields: {}, unplaced: forbidden });
    expect(fieldErrorsOf(wholeBody, ["body", ...FIELDS])).toEqual({ fields: {}, unplaced: wholeBody });
  });
});
