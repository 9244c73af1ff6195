import { createHash } from "node:crypto";

const HEX = /^[0-9a-f]{64}$/i;

/** Decodes Meta's sha256 whichever way it was written: webhook docs show base64, other examples show hex. */
const decodeDigest = (announced: string): Buffer | undefined => {
  const trimmed = announced.trim();
  if (HEX.test(trimmed)) return Buffer.from(trimmed, "hex");
  const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length === 32 ? bytes : undefined;
};

/**
 * Compares downloaded bytes with the sha256 Meta announced, accepting hex and base64 (or base64url) forms.
 *
 * @example
 * const { matches, actualHex } = checkSha256({ data, expected: info.sha256 });
 */
export function checkSha256({ data, expected }: { data: Uint8Array; expected: string }): { matches: boolean; actualHex: string } {
  const actual = createHash("sha256").update(data).digest();
  const announced = decodeDigest(expected);
  return { matches: announced?.equals(actual) === true, actualHex: actual.toString("hex") };
}
