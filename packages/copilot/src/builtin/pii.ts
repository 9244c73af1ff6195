import { findPersonalData } from "./pii-detectors.ts";

export const piiKinds = ["cpf", "cnpj", "email", "phone", "card", "bank_account", "address"] as const;
export type PiiKind = (typeof piiKinds)[number];

export interface MaskResult {
  /** The text with each item replaced by a placeholder such as [EMAIL_1]. */
  masked: string;
  /** How many items of each kind were masked. */
  found: Partial<Record<PiiKind, number>>;
  /** Puts the original values back into text the provider returned (unknown placeholders are left as they are). */
  restore(text: string): string;
}

/** The placeholder's word for each kind, as the model sees it. */
const LABELS: Record<PiiKind, string> = {
  cpf: "CPF",
  cnpj: "CNPJ",
  email: "EMAIL",
  phone: "PHONE",
  card: "CARD",
  bank_account: "BANK_ACCOUNT",
  address: "ADDRESS",
};

/** Spellings a model may turn a label into: case aside, "E-MAIL", "BANK ACCOUNT", "BANKACCOUNT". */
const LABEL_SPELLINGS = String.raw`cpf|cnpj|e-?mail|phone|card|bank[\s_-]?account|address`;
const OPEN = String.raw`[\[{(<«]`;
const CLOSE = String.raw`[\]})>»]`;
/**
 * A placeholder as the model may give it back: [EMAIL_1], [email_1], [[EMAIL_1]], {EMAIL 1}, (Email-1), or bare
 * EMAIL_1 (the underscore required then, so that prose such as "card 1" is not mistaken for one).
 */
const PLACEHOLDER = new RegExp(
  [
    // Doubled brackets close doubled: "[[EMAIL_1]]".
    String.raw`(?:\[\[|\{\{)\s*(${LABEL_SPELLINGS})[\s_-]?(\d+)\s*(?:\]\]|\}\})`,
    // One bracket closes one: "(CPF [CPF_1])." keeps its own closing parenthesis.
    String.raw`${OPEN}\s*(${LABEL_SPELLINGS})[\s_-]?(\d+)\s*${CLOSE}`,
    String.raw`(?<![\p{L}\d_])(${LABEL_SPELLINGS})_(\d+)(?![\p{L}\d_])`,
  ].join("|"),
  "giu",
);

const canonicalLabel = (spelling: string): string => {
  const compact = spelling.toUpperCase().replace(/[\s_-]/g, "");
  return compact === "BANKACCOUNT" ? "BANK_ACCOUNT" : compact;
};

/** Replaces every recognisable placeholder with its value; placeholders this mask did not create stay as they are. */
function restoreWith(values: ReadonlyMap<string, string>, text: string): string {
  return text.replace(PLACEHOLDER, (whole: string, ...groups: unknown[]) => {
    // Each alternative captures (label, number); exactly one pair is set.
    const captured = groups.slice(0, 6);
    const at = captured.findIndex((g, i) => i % 2 === 0 && typeof g === "string");
    const label = captured[at] as string | undefined;
    const number = captured[at + 1] as string | undefined;
    if (!label || !number) return whole;
    return values.get(`${canonicalLabel(label)}_${Number(number)}`) ?? whole;
  });
}

/**
 * Masks Brazilian and international personal data before text goes to a provider: CPF, CNPJ, e-mail, phone (Brazilian,
 * E.164, WhatsApp ids), payment cards (Luhn), bank agency/account numbers and addresses (street lines, CEP). The same
 * value always gets the same placeholder, numbered per kind, so the model can still tell "the same e-mail" apart from
 * "another one".
 */
export function maskPersonalData(text: string, options?: { kinds?: readonly PiiKind[] }): MaskResult {
  const kinds = new Set<PiiKind>(options?.kinds ?? piiKinds);
  const spans = findPersonalData(text, kinds);
  const placeholderByKey = new Map<string, string>();
  const valueByPlaceholder = new Map<string, string>();
  const counters = new Map<PiiKind, number>();
  const found: Partial<Record<PiiKind, number>> = {};
  let masked = "";
  let cursor = 0;
  for (const span of spans) {
    const value = text.slice(span.start, span.end);
    const identity = `${span.kind}:${span.key}`;
    let placeholder = placeholderByKey.get(identity);
    if (!placeholder) {
      const number = (counters.get(span.kind) ?? 0) + 1;
      counters.set(span.kind, number);
      placeholder = `${LABELS[span.kind]}_${number}`;
      placeholderByKey.set(identity, placeholder);
      valueByPlaceholder.set(placeholder, value);
    }
    found[span.kind] = (found[span.kind] ?? 0) + 1;
    masked += `${text.slice(cursor, span.start)}[${placeholder}]`;
    cursor = span.end;
  }
  masked += text.slice(cursor);
  return { masked, found, restore: (output) => restoreWith(valueByPlaceholder, output) };
}

/** Longest text that can still be an unfinished placeholder ("[[BANK ACCOUNT_123" …); anything longer is prose. */
const MAX_PENDING = 32;
const LABEL_WORDS = [
  "cpf",
  "cnpj",
  "email",
  "e-mail",
  "phone",
  "card",
  "bank_account",
  "bank account",
  "bank-account",
  "bankaccount",
  "address",
];

/** Whether `tail` (the end of the streamed text so far) may be the beginning of a placeholder the next chunk completes. */
function mayBePlaceholderStart(tail: string, charBefore: string | undefined): boolean {
  const opening = /^[[{(<«]{1,2}\s*/u.exec(tail)?.[0] ?? "";
  // A bare placeholder (EMAIL_1) starts a word; with brackets anything may precede it.
  if (opening === "" && charBefore !== undefined && /[\p{L}\d_]/u.test(charBefore)) return false;
  const rest = tail.slice(opening.length).toLowerCase();
  if (rest === "") return opening !== "";
  for (const word of LABEL_WORDS) {
    if (word.startsWith(rest)) return true;
    if (!rest.startsWith(word)) continue;
    // The label is complete: what follows may still be the number and the closing brackets ("_1", "_12]", "_1]]").
    const after = rest.slice(word.length);
    if (opening === "" ? /^(?:_\d*)?$/u.test(after) : /^[\s_-]?\d*\s*[\]})>»]{0,2}$/u.test(after)) return true;
  }
  return false;
}

/**
 * Restores placeholders in a streamed reply without ever showing half of one: text that could still become a
 * placeholder is held back until the next chunk says what it is (or until `flush`).
 */
export function createStreamingRestorer(restore: (text: string) => string): { push(chunk: string): string; flush(): string } {
  let pending = "";
  return {
    push(chunk: string): string {
      pending += chunk;
      const from = Math.max(0, pending.length - MAX_PENDING);
      let holdFrom = pending.length;
      for (let i = from; i < pending.length; i++) {
        if (mayBePlaceholderStart(pending.slice(i), i > 0 ? pending[i - 1] : undefined)) {
          holdFrom = i;
          break;
        }
      }
      const ready = pending.slice(0, holdFrom);
      pending = pending.slice(holdFrom);
      return restore(ready);
    },
    flush(): string {
      const rest = pending;
      pending = "";
      return restore(rest);
    },
  };
}
