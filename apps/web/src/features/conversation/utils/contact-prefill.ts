import type { Contact } from "../../../lib/api-types.ts";
import { type TemplateVariable, variableKey } from "./template-params.ts";

/** Variable names that mean the customer's first name, or their whole name (pt, en, es). */
const FIRST_NAME = new Set(["first_name", "firstname", "primeiro_nome", "nome_cliente", "customer_first_name"]);
const FULL_NAME = new Set([
  "name",
  "nome",
  "nombre",
  "full_name",
  "nome_completo",
  "customer_name",
  "client_name",
  "contact_name",
  "cliente",
]);

/** A positional variable right after a greeting ("Olá {{1}}", "Hi {{1}},") is the customer's name. */
const GREETING =
  /(?<!\p{L})(?:ol[aá]|oi|hello|hi|hey|hola|dear|prezad[oa]|caro|cara|querid[oa]|bom dia|boa tarde|boa noite|buen[oa]s? d[ií]as|buenas tardes|buenas noches)[,!]?\s*$/iu;

/**
 * Initial values for a template's variables that stand for the customer's name, taken from the conversation's contact:
 * a named variable called like a name (`{{first_name}}`, `{{nome}}`), or a positional one right after a greeting. The
 * agent still sees and can change them.
 */
export function contactPrefill(
  variables: TemplateVariable[],
  texts: { header?: string | undefined; body?: string | undefined },
  contact: Pick<Contact, "name"> | null | undefined,
): Record<string, string> {
  const full = contact?.name?.trim();
  if (!full) return {};
  const first = full.split(/\s+/)[0] ?? full;
  const out: Record<string, string> = {};
  for (const variable of variables) {
    if (variable.part === "button") continue;
    const name = variable.name.toLowerCase();
    if (!variable.positional) {
      if (FIRST_NAME.has(name)) out[variableKey(variable)] = first;
      else if (FULL_NAME.has(name)) out[variableKey(variable)] = full;
      continue;
    }
    const text = variable.part === "header" ? texts.header : texts.body;
    const at = text?.search(new RegExp(`\\{\\{\\s*${variable.name}\\s*\\}\\}`));
    if (text && at !== undefined && at > 0 && GREETING.test(text.slice(0, at))) out[variableKey(variable)] = first;
  }
  return out;
}
