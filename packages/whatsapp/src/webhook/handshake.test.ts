import { describe, expect, it } from "vitest";
import { verifyHandshake } from "./handshake.ts";

const verifyToken = "papo-verify-7d1e";

describe("verifyHandshake", () => {
  it("when mode is subscribe and the token matches, the raw challenge is returned", () => {
    const query = { "hub.mode": "subscribe", "hub.verify_token": verifyToken, "hub.challenge": "1158201444" };
    expect(verifyHandshake({ query, verifyToken })).toEqual({ ok: true, challenge: "1158201444" });
  });

  it("when the token differs (even by one character or in length), it is refused", () => {
    for (const token of ["papo-verify-7d1f", "papo-verify-7d1", "", "papo-verify-7d1ee"]) {
      expect(verifyHandshake({ query: { "hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "1" }, verifyToken })).toEqual(
        {
          ok: false,
          reason: "wrong_token",
        },
      );
    }
  });

  it("when the mode is not subscribe, or underscores are used instead of dots, it is refused", () => {
    expect(
      verifyHandshake({ query: { "hub.mode": "unsubscribe", "hub.verify_token": verifyToken, "hub.challenge": "1" }, verifyToken }).ok,
    ).toBe(false);
    expect(verifyHandshake({ query: { hub_mode: "subscribe", hub_verify_token: verifyToken, hub_challenge: "1" }, verifyToken })).toEqual({
      ok: false,
      reason: "wrong_mode",
    });
  });

  it("when no verify token is configured, nothing is accepted", () => {
    expect(verifyHandshake({ query: { "hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1" }, verifyToken: "" }).ok).toBe(
      false,
    );
  });

  it("when the challenge is missing, it is refused", () => {
    expect(verifyHandshake({ query: { "hub.mode": "subscribe", "hub.verify_token": verifyToken }, verifyToken })).toEqual({
      ok: false,
      reason: "missing_challenge",
    });
  });
});
