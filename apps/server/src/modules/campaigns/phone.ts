import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";

/** Numbers typed without a country code are read as Brazilian: Papo's customers mostly list "(11) 98765-4321". */
export const DEFAULT_COUNTRY: CountryCode = "BR";

export interface NormalisedPhone {
  /** E.164 without the plus: what WhatsApp calls the wa_id and what blind indexes are made of. */
  digits: string;
  /** `+<digits>`. */
  e164: string;
  /** ISO 3166 alpha-2 of the number's region (its pricing market), null when the plan does not say. */
  country: string | null;
}

/**
 * A phone as people write it → its E.164 form, or undefined when it is not a valid number (full metadata: the
 * "max" build checks number ranges, so a Brazilian mobile without its 9 is refused rather than sent to nobody).
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode = DEFAULT_COUNTRY): NormalisedPhone | undefined {
  const text = raw.trim();
  if (!text || !/\d/.test(text)) return undefined;
  const candidates = [parsePhoneNumberFromString(text, defaultCountry)];
  // "14155552671" has its country code but no plus: read as a national number first, then as international.
  if (!text.startsWith("+")) candidates.push(parsePhoneNumberFromString(`+${text.replace(/\D/g, "")}`));
  const parsed = candidates.find((p) => p?.isValid());
  if (!parsed) return undefined;
  const digits = parsed.number.replace(/\D/g, "");
  return { digits, e164: `+${digits}`, country: parsed.country ?? null };
}

/** The pricing market of a number already in digits (a contact's wa_id or phone). */
export function countryOfDigits(digits: string): string | null {
  if (!digits) return null;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed?.country ?? null;
}
