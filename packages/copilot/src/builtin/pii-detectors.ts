import type { PiiKind } from "./pii.ts";

/** One piece of personal data found in a text: where it is, what it is, and the key that makes repeats share a placeholder. */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
  /** The value normalised so that "123.456.789-09" and "12345678909" are the same person's CPF. */
  key: string;
  /** Lower = wins an overlap (an e-mail's digits are not a phone; a formatted CPF is not a card). */
  priority: number;
}

const digitsOf = (text: string): string => text.replace(/\D/g, "");
/** A phone's identity: Brazil's country code and trunk zero dropped, so "+55 11 91234-5678" and "11 91234-5678" match. */
function phoneKey(value: string): string {
  let digits = digitsOf(value);
  if ((digits.length === 12 || digits.length === 13) && digits.startsWith("55")) digits = digits.slice(2);
  if ((digits.length === 11 || digits.length === 12) && digits.startsWith("0")) digits = digits.slice(1);
  return digits;
}
const allSameDigit = (digits: string): boolean => /^(\d)\1*$/.test(digits);

/** CPF check digits (mod 11). All-same-digit numbers pass the arithmetic but are not real CPFs. */
export function isValidCpf(raw: string): boolean {
  const digits = digitsOf(raw);
  if (digits.length !== 11 || allSameDigit(digits)) return false;
  const checkDigit = (length: number): number => {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += Number(digits[i]) * (length + 1 - i);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  return checkDigit(9) === Number(digits[9]) && checkDigit(10) === Number(digits[10]);
}

/** CNPJ check digits (mod 11 with the 5..2,9..2 weights). */
export function isValidCnpj(raw: string): boolean {
  const digits = digitsOf(raw);
  if (digits.length !== 14 || allSameDigit(digits)) return false;
  const checkDigit = (length: number): number => {
    const weights = length === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let sum = 0;
    for (let i = 0; i < length; i++) sum += Number(digits[i]) * (weights[i] ?? 0);
    const rest = sum % 11;
    return rest < 2 ? 0 : 11 - rest;
  };
  return checkDigit(12) === Number(digits[12]) && checkDigit(13) === Number(digits[13]);
}

/** Luhn check of a payment card number (13–19 digits). */
export function isLuhnValid(raw: string): boolean {
  const digits = digitsOf(raw);
  if (digits.length < 13 || digits.length > 19 || allSameDigit(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

interface Detector {
  kind: PiiKind;
  priority: number;
  pattern: RegExp;
  /** The capture group that holds the value (the rest of the match is context such as "conta" or "CEP"); 0 = whole match. */
  group?: number;
  /** Rejects matches that only look like the kind (random digits failing a checksum). */
  accept?: (value: string) => boolean;
  key?: (value: string) => string;
}

const NOT_DIGIT_BEFORE = String.raw`(?<![\d\p{L}])`;
const NOT_DIGIT_AFTER = String.raw`(?![\d\p{L}])`;
const bounded = (body: string, flags = "gu"): RegExp => new RegExp(`${NOT_DIGIT_BEFORE}(?:${body})${NOT_DIGIT_AFTER}`, flags);

const STREET_PT = String.raw`rua|r\.|avenida|av\.?|travessa|tv\.|alameda|al\.|estrada|rodovia|pra[çc]a|largo|calle|c\/|avda\.?|carrera|cra\.?|paseo|plaza|camino`;
// A street name (letters, digits for "Rua 25 de Março", dots of abbreviations) then the house number, optionally with a
// complement. The name stops at line breaks, commas before the number are optional ("Av. Paulista 1000").
const ADDRESS_LATIN = String.raw`(?<![\p{L}])(?:${STREET_PT})\s+[\p{L}\d'.ºª ]{2,60}?,?\s*(?:n[º°o.]*\s*|#\s*)?\d{1,6}(?:-\d{1,4})?(?![\d\p{L}])(?:\s*[,-]?\s*(?:apto?\.?|apartamento|ap\.|bloco|bl\.?|casa|sala|conj\.?|piso|depto\.?|dpto\.?)\s*[\p{L}\d]{1,6})*`;
const EN_SUFFIX =
  "St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Way|Ct|Court|Pl|Place|Pkwy|Parkway|street|st|ave|avenue|rd|road|blvd";
const ADDRESS_EN = String.raw`(?<![\d\p{L}])\d{1,6}\s+(?:[\p{L}'.]+\s+){1,4}?(?:${EN_SUFFIX})\b\.?(?:,?\s*(?:Apt|Suite|Unit|#)\.?\s*[\p{L}\d]{1,6})?`;

/*
 * Ordered by priority (lower wins an overlap). Formatted identifiers are masked whatever their check digits (a customer
 * mistyping a digit still typed their CPF); bare digit runs only when a checksum or a phone shape says what they are,
 * so order numbers and amounts stay readable for the model.
 */
const DETECTORS: Detector[] = [
  {
    kind: "email",
    priority: 0,
    // The lookbehind anchors the local part at its start: without it a long run of letters is rescanned from every position.
    pattern: /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]{1,64}@[\p{L}\d-]{1,63}(?:\.[\p{L}\d-]{1,63}){0,8}\.\p{L}{2,24}(?![\p{L}\d-])/gu,
    key: (value) => value.toLowerCase(),
  },
  { kind: "cnpj", priority: 1, pattern: bounded(String.raw`\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}|\d{8}\/\d{4}-\d{2}`) },
  { kind: "cpf", priority: 1, pattern: bounded(String.raw`\d{3}\.\d{3}\.\d{3}-\d{2}|\d{9}-\d{2}`) },
  {
    kind: "card",
    priority: 2,
    pattern: bounded(String.raw`\d(?:[ -]?\d){12,18}`),
    // 13-digit cards are only ever Visa (4…); other 13-digit runs are WhatsApp ids, left to the phone rule.
    accept: (value) => isLuhnValid(value) && (digitsOf(value).length !== 13 || value.startsWith("4")),
  },
  { kind: "cnpj", priority: 3, pattern: bounded(String.raw`\d{14}`), accept: isValidCnpj },
  { kind: "cpf", priority: 3, pattern: bounded(String.raw`\d{11}`), accept: isValidCpf },
  // International numbers written with "+": the country code says it is a phone.
  {
    kind: "phone",
    priority: 4,
    pattern: new RegExp(String.raw`\+\s?\d(?:[\s.()-]{0,2}\d){6,16}${NOT_DIGIT_AFTER}`, "gu"),
    accept: (value) => digitsOf(value).length >= 8 && digitsOf(value).length <= 15,
    key: phoneKey,
  },
  // Brazilian numbers with area code: (11) 91234-5678, 11 91234-5678, 0xx11 3456-7890, 5511912345678, 11912345678.
  {
    kind: "phone",
    priority: 4,
    pattern: bounded(String.raw`(?:55[\s.-]?)?(?:0?\(\s*0?[1-9]{2}\s*\)|0?[1-9]{2})[\s.-]?(?:9[\s.]?\d{4}|[2-5]\d{3})[\s.-]?\d{4}`),
    key: phoneKey,
  },
  // A mobile number without area code is still unmistakable with its dash: 91234-5678, 9 1234-5678.
  { kind: "phone", priority: 4, pattern: bounded(String.raw`9[\s.]?\d{4}-\d{4}`), key: phoneKey },
  // North American (415) 555-1234 / 415-555-1234 and Spanish 612 345 678.
  { kind: "phone", priority: 4, pattern: bounded(String.raw`\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\d{3}-\d{3}-\d{4}|[6-9]\d{2}\s\d{3}\s\d{3}`) },
  // WhatsApp ids: 12–13 digits (country code + number), not a dash-joined part of a longer id (a UUID's last group).
  { kind: "phone", priority: 5, pattern: /(?<![\d\p{L}-])\d{12,13}(?![\d\p{L}-])/gu, key: phoneKey },
  {
    kind: "bank_account",
    priority: 6,
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:ag[eê]ncia|agencia|ag\.?|conta(?:\s+(?:corrente|poupan[çc]a|salário|salario))?|c\/c|cc|c\.c\.|account(?:\s+(?:number|no\.?))?|acct\.?|cuenta(?:\s+(?:corriente|de\s+ahorros))?|iban)\s*(?:n[º°o.]*|#|number)?\s*[:=]?\s*(\d[\d.]{2,15}(?:\s?-\s?[\dxX]{1,2})?)${NOT_DIGIT_AFTER}`,
      "giu",
    ),
    group: 1,
    key: (value) => value.replace(/[\s.-]/g, "").toLowerCase(),
  },
  // A random PIX key (a UUID) identifies an account as much as its number does; only after "pix"/"chave" (UUIDs are
  // also order and payment ids).
  {
    kind: "bank_account",
    priority: 1,
    pattern:
      /(?<![\p{L}])(?:pix|chave)[^\n\p{L}\d]{0,5}(?:(?:aleat[óo]ria|random|key|chave)[^\n\p{L}\d]{0,5})?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\p{L}\d])/giu,
    group: 1,
    key: (value) => value.toLowerCase(),
  },
  { kind: "address", priority: 7, pattern: bounded(String.raw`\d{5}-\d{3}`) },
  {
    kind: "address",
    priority: 7,
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:cep|c\.e\.p\.|zip(?:\s*code)?|c[oó]digo\s+postal)\s*[:.]?\s*(\d{5}-?\d{3}|\d{5})${NOT_DIGIT_AFTER}`,
      "giu",
    ),
    group: 1,
  },
  {
    kind: "address",
    priority: 8,
    pattern: new RegExp(ADDRESS_LATIN, "giu"),
    key: (value) => value.toLowerCase().replace(/\s+/g, " ").trim(),
  },
  { kind: "address", priority: 8, pattern: new RegExp(ADDRESS_EN, "gu"), key: (value) => value.toLowerCase().replace(/\s+/g, " ").trim() },
];

function withIndices(pattern: RegExp): RegExp {
  return pattern.flags.includes("d") ? pattern : new RegExp(pattern.source, `${pattern.flags}d`);
}
const COMPILED = DETECTORS.map((detector) => ({ ...detector, pattern: withIndices(detector.pattern) }));

/** Every piece of personal data of the requested kinds, without overlaps, in text order. */
export function findPersonalData(text: string, kinds: ReadonlySet<PiiKind>): PiiSpan[] {
  const candidates: PiiSpan[] = [];
  for (const detector of COMPILED) {
    if (!kinds.has(detector.kind)) continue;
    for (const match of text.matchAll(detector.pattern)) {
      const range = match.indices?.[detector.group ?? 0];
      const value = match[detector.group ?? 0];
      if (!range || value === undefined) continue;
      if (detector.accept && !detector.accept(value)) continue;
      const key = detector.key ? detector.key(value) : digitsOf(value) || value;
      candidates.push({ kind: detector.kind, start: range[0], end: range[1], key, priority: detector.priority });
    }
  }
  // Higher-priority (then longer) spans claim their characters first; anything overlapping a claimed span is dropped.
  candidates.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PiiSpan[] = [];
  for (const candidate of candidates) {
    if (kept.some((span) => candidate.start < span.end && span.start < candidate.end)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
