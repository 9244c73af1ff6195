import type { MessageTemplate, TemplateComponent, TemplateParameter, TemplateSendComponent } from "../../../lib/api-types.ts";

/** The parts of a template that take values: the text header, the body, and URL buttons with a dynamic suffix. */
export type VariablePart = "header" | "body" | "button";

export interface TemplateVariable {
  part: VariablePart;
  /** `1`, `2`, … for positional variables, or the name of a named one. */
  name: string;
  positional: boolean;
  /** The button's position among the template's buttons (Meta's `index`). */
  buttonIndex?: number;
  /** Meta's sample value, shown as a hint. */
  example?: string;
}

/** A header that is a file: the agent attaches one when sending. */
export type HeaderMediaFormat = "IMAGE" | "VIDEO" | "DOCUMENT";

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** Meta's examples for a text: `[[...positional]]` or `[{ param_name, example }]`. */
function examplesOf(component: TemplateComponent | undefined, positionalKey: string, namedKey: string): Map<string, string> {
  const out = new Map<string, string>();
  const example = component?.example;
  if (!isRecord(example)) return out;
  const positional = example[positionalKey];
  const values = Array.isArray(positional) ? (Array.isArray(positional[0]) ? positional[0] : positional) : [];
  values.forEach((value: unknown, i: number) => {
    if (typeof value === "string") out.set(String(i + 1), value);
  });
  const named = example[namedKey];
  if (Array.isArray(named)) {
    for (const entry of named) {
      if (isRecord(entry) && typeof entry.param_name === "string" && typeof entry.example === "string")
        out.set(entry.param_name, entry.example);
    }
  }
  return out;
}

/** Variables of a text, each once: positional ones by number, named ones in order of appearance. */
export function variablesOf(text: string | undefined, part: VariablePart, examples = new Map<string, string>()): TemplateVariable[] {
  if (!text) return [];
  const names = [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] ?? ""))].filter(Boolean);
  const variables = names.map((name) => ({
    part,
    name,
    positional: /^\d+$/.test(name),
    ...(examples.has(name) ? { example: examples.get(name) } : {}),
  }));
  return variables.sort((a, b) => (a.positional && b.positional ? Number(a.name) - Number(b.name) : 0));
}

const component = (template: MessageTemplate, type: TemplateComponent["type"]) => template.components.find((c) => c.type === type);

export function textOf(template: MessageTemplate, type: "HEADER" | "BODY" | "FOOTER"): string | undefined {
  const found = component(template, type);
  if (!found || (type === "HEADER" && found.format && found.format.toUpperCase() !== "TEXT")) return undefined;
  return found.text;
}

export function headerMediaFormat(template: MessageTemplate): HeaderMediaFormat | undefined {
  const format = component(template, "HEADER")?.format?.toUpperCase();
  return format === "IMAGE" || format === "VIDEO" || format === "DOCUMENT" ? format : undefined;
}

export function buttonsOf(template: MessageTemplate): NonNullable<TemplateComponent["buttons"]> {
  return component(template, "BUTTONS")?.buttons ?? [];
}

/** Every value the agent must give: the text header's variables, the body's, then each URL button's suffix. */
export function templateVariables(template: MessageTemplate): TemplateVariable[] {
  const header = component(template, "HEADER");
  const body = component(template, "BODY");
  const buttons = buttonsOf(template).flatMap((button, buttonIndex) =>
    button.type.toUpperCase() === "URL" ? variablesOf(button.url, "button").map((v) => ({ ...v, buttonIndex })) : [],
  );
  return [
    ...variablesOf(textOf(template, "HEADER"), "header", examplesOf(header, "header_text", "header_text_named_params")),
    ...variablesOf(textOf(template, "BODY"), "body", examplesOf(body, "body_text", "body_text_named_params")),
    ...buttons,
  ];
}

export const variableKey = (variable: Pick<TemplateVariable, "part" | "name" | "buttonIndex">) =>
  variable.part === "button" ? `button${variable.buttonIndex ?? 0}:${variable.name}` : `${variable.part}:${variable.name}`;

/** The text with its variables filled; an empty value leaves the placeholder showing. */
export function fillTemplate(text: string, part: "header" | "body", values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[variableKey({ part, name })]?.trim() || whole);
}

/**
 * The `components` of a template send, in Meta's order: the header (its text variables or its file), the body, then
 * one entry per URL button with a dynamic suffix.
 */
export function templateSendComponents(
  template: MessageTemplate,
  values: Record<string, string>,
  headerMedia?: { mediaId: string; filename?: string },
): TemplateSendComponent[] {
  const variables = templateVariables(template);
  const text = (v: TemplateVariable): TemplateParameter => {
    const value = values[variableKey(v)]?.trim() ?? "";
    return v.positional ? { type: "text", text: value } : { type: "text", text: value, parameterName: v.name };
  };
  const out: TemplateSendComponent[] = [];
  const format = headerMediaFormat(template);
  if (format && headerMedia) {
    const type = format === "IMAGE" ? "image" : format === "VIDEO" ? "video" : "document";
    out.push({
      type: "header",
      parameters: [
        { type, mediaId: headerMedia.mediaId, ...(type === "document" && headerMedia.filename ? { filename: headerMedia.filename } : {}) },
      ],
    });
  }
  for (const part of ["header", "body"] as const) {
    const own = variables.filter((v) => v.part === part);
    if (own.length) out.push({ type: part, parameters: own.map(text) });
  }
  for (const v of variables.filter((v) => v.part === "button")) {
    out.push({ type: "button", subType: "url", index: v.buttonIndex ?? 0, text: values[variableKey(v)]?.trim() ?? "" });
  }
  return out;
}
