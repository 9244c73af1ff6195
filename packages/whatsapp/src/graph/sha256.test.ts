import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkSha256 } from "./sha256.ts";

const data = new TextEncoder().encode("olá, mídia");
const digest = createHash("sha256").update(data).digest();

describe("checkSha256", () => {
  it.each([
    ["lowercase hex", digest.toString("hex")],
    ["uppercase hex", digest.toString("hex").toUpperCase()],
    ["base64", digest.toString("base64")],
    ["base64url", digest.toString("base64url")],
  ])("when Meta announces the hash as %s, matching bytes pass", (_form, expected) => {
    expect(checkSha256({ data, expected }).matches).toBe(true);
  });

  it("when the bytes differ, it reports the actual hash in hex", () => {
    const result = checkSha256({ data: new Uint8Array([1]), expected: digest.toString("base64") });

    expect(result.matches).toBe(false);
    expect(result.actualHex).toMatch(/^[0-9a-f]{64}$/);
  });

  it("when the announced hash is not a sha256 in any form, it does not match", () => {
    expect(checkSha256({ data, expected: "not-a-hash" }).matches).toBe(false);
  });
});
