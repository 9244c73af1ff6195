import { readFileSync } from "node:fs";
import { AppError } from "../../http/errors.ts";

export const MIN_PASSWORD_LENGTH = 12;

export type WeakPasswordReason = "too_short" | "common" | "contains_personal_data";

// Loaded once: about ten thousand lines (see the file's header for what it holds).
const COMMON = new Set(
  readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#")),
);

/** Lower-case, accents folded: "Conceição" and "conceicao" are the same word to this check. */
const fold = (text: string): string => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
/** The password as people type a phrase: "Correct Horse-Battery" → "correcthorsebattery". */
const squeeze = (text: string): string => text.replace(/[\s._-]+/g, "");

/**
 * Pieces of the user's own data a password must not contain: the whole e-mail local part, and each word of at least
 * four letters of the local part and of the name ("bia.souza@x" → "bia.souza", "souza"; "Ana Lima Prado" → "lima",
 * "prado"). Shorter words would refuse too many unrelated passwords ("ana" is in "banana").
 */
function personalPieces({ email, name }: { email?: string | undefined; name?: string | undefined }): string[] {
  const local = fold(email?.split("@")[0] ?? "");
  const words = [local, fold(name ?? "")].flatMap((text) => text.split(/[^\p{L}\p{N}]+/u));
  const pieces = [local.length >= 4 ? local : "", ...words.filter((word) => word.length >= 4)];
  return [...new Set(pieces.filter(Boolean))];
}

/** Why a password is refused, or `null` when it passes. Length is counted in characters (code points). */
export function weakPasswordReason(
  password: string,
  user: { email?: string | undefined; name?: string | undefined } = {},
): WeakPasswordReason | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "too_short";
  const folded = fold(password);
  if (COMMON.has(folded) || COMMON.has(squeeze(folded))) return "common";
  const squeezed = squeeze(folded);
  if (personalPieces(user).some((piece) => folded.includes(piece) || squeezed.includes(squeeze(piece)))) return "contains_personal_data";
  return null;
}

const EXPLANATION: Record<WeakPasswordReason, string> = {
  too_short: `use at least ${MIN_PASSWORD_LENGTH} characters`,
  common: "this password is on the list of common or leaked passwords; choose another",
  contains_personal_data: "the password must not contain your e-mail or your name",
};

/**
 * Applies the policy to a new password (user creation, a reset by an administrator, a change by the user):
 * `users.weak_password` naming the field and the reason.
 */
export function assertStrongPassword(
  password: string,
  user: { email?: string | undefined; name?: string | undefined },
  field = "password",
): void {
  const reason = weakPasswordReason(password, user);
  if (reason)
    throw new AppError({
      code: "users.weak_password",
      status: 400,
      message: `${field}: ${EXPLANATION[reason]}`,
      details: { field, reason, minLength: MIN_PASSWORD_LENGTH },
    });
}
