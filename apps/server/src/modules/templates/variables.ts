import type { TemplateVariable, TemplateVariableKind } from "./mapping.ts";

/**
 * What a template asks for at send time, read from Meta's components (as listed by the Graph API and stored in
 * `message_templates.components`). Meta does not say whether a body variable is a currency or a date, so text
 * variables come back as `text`; a caller that knows better may retype them before binding.
 */

/** The parts of a template `variablesOf` and `bindTemplate` read: a stored row or the library's MessageTemplate fit. */
export interface TemplateShape {
  components: readonly unknown[];
  parameterFormat?: string | null;
}

type Json = Record<string, unknown>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const POSITIONAL = /^[0-9]+$/;

const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const upper = (value: unknown): string => (typeof value === "string" ? value.toUpperCase() : "");
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Distinct `{{…}}` placeholder names of a text, in order of first appearance. */
export function placeholdersOf(text: string): string[] {
  const seen: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !seen.includes(name)) seen.push(name);
  }
  return seen;
}

/** Positional placeholders go out in numeric order whatever order the text uses them in; named ones keep theirs. */
function ordered(names: string[]): string[] {
  if (!names.every((n) => POSITIONAL.test(n))) return names;
  return [...names].sort((a, b) => Number(a) - Number(b));
}

/** The template's component of one type (HEADER, BODY, FOOTER, BUTTONS). */
export function componentOf(template: TemplateShape, type: string): Json | undefined {
  return template.components.find((c): c is Json => isRecord(c) && upper(c.type) === type);
}

/** The buttons of the template's BUTTONS component, in Meta's order (their index is what sends refer to). */
export function buttonsOf(template: TemplateShape): Json[] {
  const buttons = componentOf(template, "BUTTONS")?.buttons;
  return Array.isArray(buttons) ? buttons.filter(isRecord) : [];
}

/** Meta's examples for named parameters: `[{ param_name, example }]`. */
function namedExamples(list: unknown): Map<string, string> {
  const examples = new Map<string, string>();
  if (!Array.isArray(list)) return examples;
  for (const item of list) {
    if (!isRecord(item)) continue;
    const name = str(item.param_name);
    const example = str(item.example);
    if (name !== undefined && example !== undefined) examples.set(name, example);
  }
  return examples;
}

/** Example of one placeholder: named lists by name, positional lists by number ({{1}} is the first). */
function exampleFor(name: string, positional: unknown, named: Map<string, string>): string | undefined {
  if (!POSITIONAL.test(name)) return named.get(name);
  const list = Array.isArray(positional) ? positional : [];
  return str(list[Number(name) - 1]);
}

const withExample = (variable: TemplateVariable, example: string | undefined): TemplateVariable =>
  example === undefined ? variable : { ...variable, example };

function headerVariables(template: TemplateShape): TemplateVariable[] {
  const header = componentOf(template, "HEADER");
  if (!header) return [];
  const format = upper(header.format) || "TEXT";
  const example = isRecord(header.example) ? header.example : {};
  if (format === "TEXT") {
    const named = namedExamples(example.header_text_named_params);
    return ordered(placeholdersOf(str(header.text) ?? "")).map((name) =>
      withExample({ key: `header.${name}`, component: "header", name, kind: "text" }, exampleFor(name, example.header_text, named)),
    );
  }
  if (format === "IMAGE" || format === "VIDEO" || format === "DOCUMENT") {
    const handles = Array.isArray(example.header_handle) ? example.header_handle : [];
    const kind = format.toLowerCase() as TemplateVariableKind;
    return [withExample({ key: "header.media", component: "header", name: "media", kind }, str(handles[0]))];
  }
  if (format === "LOCATION") return [{ key: "header.location", component: "header", name: "location", kind: "location" }];
  return [];
}

function bodyVariables(template: TemplateShape): TemplateVariable[] {
  const body = componentOf(template, "BODY");
  if (!body) return [];
  const example = isRecord(body.example) ? body.example : {};
  const rows = Array.isArray(example.body_text) ? example.body_text : [];
  const named = namedExamples(example.body_text_named_params);
  return ordered(placeholdersOf(str(body.text) ?? "")).map((name) =>
    withExample({ key: `body.${name}`, component: "body", name, kind: "text" }, exampleFor(name, rows[0], named)),
  );
}

/** The dynamic part of a URL example: what follows the URL's fixed prefix. */
function urlSuffixExample(url: string, example: unknown): string | undefined {
  const full = Array.isArray(example) ? str(example[0]) : str(example);
  if (full === undefined) return undefined;
  const prefix = url.split("{{")[0] ?? "";
  return full.startsWith(prefix) ? full.slice(prefix.length) : full;
}

function buttonVariable(button: Json, index: number): TemplateVariable | undefined {
  const base = { key: `button.${index}`, component: "button" as const, name: String(index), buttonIndex: index };
  const type = upper(button.type);
  if (type === "QUICK_REPLY") return withExample({ ...base, kind: "payload", optional: true }, str(button.text));
  if (type === "URL") {
    const url = str(button.url) ?? "";
    if (placeholdersOf(url).length === 0) return undefined;
    return withExample({ ...base, kind: "url_suffix" }, urlSuffixExample(url, button.example));
  }
  // Authentication templates' code buttons take the one-time code as a URL parameter when sent.
  if (type === "OTP") return { ...base, kind: "url_suffix" };
  if (type === "COPY_CODE") {
    const example = Array.isArray(button.example) ? str(button.example[0]) : str(button.example);
    return withExample({ ...base, kind: "coupon_code" }, example);
  }
  if (type === "FLOW") return { ...base, kind: "flow_token", optional: true };
  return undefined;
}

/** Every value a template needs at send time: header, body (positional or named), then buttons. */
export function variablesOf(template: TemplateShape): TemplateVariable[] {
  const buttons = buttonsOf(template)
    .map((button, index) => buttonVariable(button, index))
    .filter((v): v is TemplateVariable => v !== undefined);
  return [...headerVariables(template), ...bodyVariables(template), ...buttons];
}
