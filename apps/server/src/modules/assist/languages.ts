import { detectLanguage, type Language, languages, type Turn } from "@papo/copilot";

/** Portuguese first: Papo's customers and console are Brazilian unless told otherwise. */
export const DEFAULT_LANGUAGE: Language = "pt";

/** How many of the customer's latest messages make up "what they are asking now" and tell their language. */
const RECENT_CUSTOMER_TURNS = 3;

const isLanguage = (value: string): value is Language => (languages as readonly string[]).includes(value);

/**
 * The customer's latest messages, oldest first: the ones since the business last spoke (a customer often splits one
 * question into several messages), at most a few; when the business spoke last, the customer's last messages before it.
 */
export function latestCustomerTurns(turns: readonly Turn[]): Turn[] {
  const customer: Turn[] = [];
  for (let i = turns.length - 1; i >= 0 && customer.length < RECENT_CUSTOMER_TURNS; i--) {
    const turn = turns[i];
    if (!turn) continue;
    if (turn.role === "customer") customer.unshift(turn);
    else if (turn.role !== "system" && customer.length > 0) break;
  }
  return customer;
}

/** The customer's language from their latest messages; Portuguese when they are too short or mixed to tell. */
export function customerLanguage(turns: readonly Turn[]): Language {
  const recent = latestCustomerTurns(turns);
  for (const text of [recent.map((t) => t.text).join("\n"), ...recent.map((t) => t.text).reverse()]) {
    const guess = text.trim() ? detectLanguage(text).language : null;
    if (guess) return guess;
  }
  return DEFAULT_LANGUAGE;
}

/** A draft's language when the caller did not say: detected, else Portuguese. */
export function textLanguage(text: string, given?: Language): Language {
  return given ?? detectLanguage(text).language ?? DEFAULT_LANGUAGE;
}

/**
 * The agent's language from the console's `Accept-Language` (users have no stored language preference): the first of
 * pt/en/es by preference weight, else Portuguese.
 */
export function agentLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranked = acceptLanguage
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return { primary: tag.toLowerCase().split("-")[0] ?? "", weight: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return ranked.map((entry) => entry.primary).find(isLanguage) ?? DEFAULT_LANGUAGE;
}
