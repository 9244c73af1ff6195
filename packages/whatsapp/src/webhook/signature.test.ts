import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { serializeLikeMeta, signPayload, verifySignature } from "./signature.ts";

const appSecret = "8f1c2a7e4b9d0c3f6a5e8b1d2c4f7a90";
const hmac = (body: string | Buffer) => `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;

// What Meta puts on the wire: non-ASCII escaped as \uXXXX, "/" as "\/".
const wireBody =
  '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"text":{"body":"Promo\\u00e7\\u00e3o \\ud83d\\ude00 https:\\/\\/x.example\\/p"}}}]}]}';

describe("verifySignature", () => {
  it("when the header is Meta's HMAC of the raw escaped bytes, the signature is valid", () => {
    expect(verifySignature({ rawBody: Buffer.from(wireBody), header: hmac(wireBody), appSecret })).toEqual({ valid: true });
  });

  it("when the body was parsed and re-serialised, the signature no longer matches (why the raw body is required)", () => {
    const reserialised = JSON.stringify(JSON.parse(wireBody));
    expect(reserialised).not.toBe(wireBody);
    expect(verifySignature({ rawBody: reserialised, header: hmac(wireBody), appSecret })).toEqual({ valid: false, reason: "mismatch" });
  });

  it("when one byte of the body changes, the signature is a mismatch", () => {
    const tampered = wireBody.replace("Promo", "Prom0");
    expect(verifySignature({ rawBody: tampered, header: hmac(wireBody), appSecret })).toEqual({ valid: false, reason: "mismatch" });
  });

  it("when the header is missing, malformed, sha1, or the secret is wrong or empty, each says why", () => {
    expect(verifySignature({ rawBody: wireBody, header: undefined, appSecret }).valid).toBe(false);
    expect(verifySignature({ rawBody: wireBody, header: undefined, appSecret })).toEqual({ valid: false, reason: "missing_header" });
    expect(verifySignature({ rawBody: wireBody, header: "sha256=zz", appSecret })).toEqual({ valid: false, reason: "malformed_header" });
    expect(verifySignature({ rawBody: wireBody, header: `sha1=${"a".repeat(40)}`, appSecret })).toEqual({
      valid: false,
      reason: "malformed_header",
    });
    expect(verifySignature({ rawBody: wireBody, header: hmac(wireBody), appSecret: "other" })).toEqual({
      valid: false,
      reason: "mismatch",
    });
    expect(verifySignature({ rawBody: wireBody, header: hmac(wireBody), appSecret: "" })).toEqual({
      valid: false,
      reason: "missing_secret",
    });
  });

  it("when the hex digest is upper case, it is still accepted", () => {
    const upper = `sha256=${hmac(wireBody).slice(7).toUpperCase()}`;
    expect(verifySignature({ rawBody: wireBody, header: upper, appSecret })).toEqual({ valid: true });
  });
});

describe("signPayload and serializeLikeMeta", () => {
  it("when a payload with accents, emoji and slashes is serialised like Meta, it matches the wire form byte for byte", () => {
    const payload = JSON.parse(wireBody);
    expect(serializeLikeMeta(payload)).toBe(wireBody);
  });

  it("when a body is signed, verifySignature accepts it", () => {
    const body = serializeLikeMeta({ text: "Olá, ação 😀" });
    expect(verifySignature({ rawBody: body, header: signPayload({ body, appSecret }), appSecret })).toEqual({ valid: true });
  });
});
