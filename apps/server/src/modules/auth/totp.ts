import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/*
 * RFC 6238 time-based one-time passwords as every authenticator app reads them: SHA-1, 6 digits, 30-second steps,
 * a 160-bit secret. One step of drift is accepted each way; a code is used once (see the users' `totp_last_counter`).
 */

const ISSUER = "Papo";
const PERIOD = 30;
const DIGITS = 6;
const WINDOW = 1;

const totpOf = (secretBase32: string, label = "") =>
  new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The `otpauth://` URI an authenticator app enrols from, and the same as a QR code (an SVG `data:` URL). */
export async function totpEnrolment(secretBase32: string, account: string): Promise<{ uri: string; qrCode: string }> {
  const uri = totpOf(secretBase32, account).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** The time step a valid code belongs to (within one step of `at`), or `null` when the code is wrong. */
export function totpCounter(secretBase32: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secretBase32).validate({ token, timestamp: at.getTime(), window: WINDOW });
  return delta === null ? null : TOTP.counter({ period: PERIOD, timestamp: at.getTime() }) + delta;
}

/** The current code (tests, and the sandbox's convenience). */
export const totpCode = (secretBase32: string, at: Date): string => totpOf(secretBase32).generate({ timestamp: at.getTime() });

// No 0/o, 1/l/i: codes are read off paper.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes like `k7mq2-x9fhd` (about 50 random bits each). */
export function newRecoveryCodes(): string[] {
  const part = () => Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

/** What a typed recovery code is compared as: lower-case, without spaces or dashes. */
export const normaliseRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]+/g, "");
