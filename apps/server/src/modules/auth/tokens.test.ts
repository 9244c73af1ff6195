import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../config.ts";
import { createTestClock } from "./auth.test-utils.ts";
import { createTokenService } from "./tokens.ts";

const claims = { userId: randomUUID(), workspaceId: randomUUID(), role: "agent" as const, sessionId: randomUUID() };

describe("access and MFA tokens", () => {
  it("when a token is signed, it verifies until its lifetime ends by the service's clock", async () => {
    const clock = createTestClock();
    const tokens = createTokenService({ key: randomBytes(32), ttlSeconds: 600, clock });
    const token = await tokens.sign(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    clock.advance(599_000);
    expect(await tokens.verify(token)).toEqual(claims);
    clock.advance(2_000);
    expect(await tokens.verify(token)).toBeNull();
  });

  it("when an MFA token is presented as an access token (or the other way round, or for another purpose), it is refused", async () => {
    const tokens = createTokenService({ key: randomBytes(32) });
    const mfa = await tokens.signMfa({ userId: claims.userId, workspaceId: claims.workspaceId, purpose: "verify" });
    expect(await tokens.verify(mfa)).toBeNull();
    expect(await tokens.verifyMfa(mfa, "setup")).toBeNull();
    expect(await tokens.verifyMfa(mfa, "verify")).toEqual({ userId: claims.userId, workspaceId: claims.workspaceId, purpose: "verify" });
    expect(await tokens.verifyMfa(await tokens.sign(claims), "verify")).toBeNull();
  });

  it("when ACCESS_TOKEN_TTL and REFRESH_TOKEN_TTL are set, they accept seconds or a unit; out-of-range values are reported by name", () => {
    const base = { PAPO_MASTER_KEY: randomBytes(32).toString("hex") };
    expect(parseConfig(base).auth).toEqual({ accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 30 * 86400 });
    expect(parseConfig({ ...base, ACCESS_TOKEN_TTL: "300", REFRESH_TOKEN_TTL: "7d" }).auth).toEqual({
      accessTokenTtlSeconds: 300,
      refreshTokenTtlSeconds: 7 * 86400,
    });
    expect(parseConfig({ ...base, ACCESS_TOKEN_TTL: "1h" }).auth.accessTokenTtlSeconds).toBe(3600);
    const error = (() => {
      try {
        parseConfig({ ...base, ACCESS_TOKEN_TTL: "10s", REFRESH_TOKEN_TTL: "forever" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(["ACCESS_TOKEN_TTL", "REFRESH_TOKEN_TTL"]);
  });
});
