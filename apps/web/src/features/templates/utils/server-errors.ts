import { ApiError } from "../../../lib/api-client.ts";

/** A refusal the server tied to a field of the form, in the form's field ids (see DraftIssues). */
export interface ServerIssues {
  fields: Record<string, string>;
  /** The error when no field could carry it. */
  unplaced: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** `buttons[1].url` and `buttons.1.url` alike; `body.examples.0`/`body.examples.name` → that variable's example. */
function normalise(path: string, bodyVariables: string[]): string {
  const dotted = path.replace(/\[(\w+)\]/g, ".$1").replace(/^\./, "");
  const example = /^body\.examples?\.(\w+)$/.exec(dotted);
  if (example?.[1] !== undefined) {
    const key = example[1];
    // Positional examples are an array: index 0 is {{1}}.
    const byIndex = /^\d+$/.test(key) && bodyVariables.every((n) => /^\d+$/.test(n)) ? bodyVariables[Number(key)] : undefined;
    return `body.example.${byIndex ?? key}`;
  }
  return dotted;
}

/** The field id of a path the form has, or the nearest field that covers it (`buttons.2.flowAction` → `buttons.2.text`). */
function placeOn(path: string, known: ReadonlySet<string>): string | undefined {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n -= 1) {
    const prefix = parts.slice(0, n).join(".");
    if (known.has(prefix)) return prefix;
    for (const leaf of ["text", "example", "url"]) if (known.has(`${prefix}.${leaf}`)) return `${prefix}.${leaf}`;
  }
  return undefined;
}

/**
 * Places a refused create on the form: `templates.invalid` names template paths (`body.text`, `buttons.0.url`) in
 * `details.issues` and the first in `details.field`; the generic `request.invalid` names request paths (`body.name`, the
 * request body's `name`). `known` lists the form's field ids; `bodyVariables` the body's variables in order.
 */
export function serverIssuesOf(error: unknown, known: ReadonlySet<string>, bodyVariables: string[]): ServerIssues {
  if (!(error instanceof ApiError) || !isRecord(error.details)) return { fields: {}, unplaced: error ?? null };
  const fields: Record<string, string> = {};
  const issues = Array.isArray(error.details.issues) ? error.details.issues.filter(isRecord) : [];
  const requestPaths = error.code === "request.invalid";
  for (const issue of issues) {
    const raw = typeof issue.path === "string" ? issue.path : typeof issue.field === "string" ? issue.field : undefined;
    if (raw === undefined) continue;
    const path = normalise(requestPaths ? raw.replace(/^body\.?/, "") : raw, bodyVariables);
    const field = placeOn(path, known);
    const message = typeof issue.message === "string" ? issue.message : error.message;
    if (field && !(field in fields)) fields[field] = message;
  }
  if (!Object.keys(fields).length && typeof error.details.field === "string") {
    const field = placeOn(normalise(error.details.field, bodyVariables), known);
    if (field) fields[field] = error.message;
  }
  return { fields, unplaced: Object.keys(fields).length ? null : error };
}
