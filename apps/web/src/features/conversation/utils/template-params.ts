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

/**
 * How a body variable is sent. A template does not type its variables: the sender picks, per send, plain text, an
 * amount of money or a date and time (Meta's `currency` and `date_time` parameters, body only).
 */
export type ParameterKind = "text" | "currency" | "date_time";

/** A LOCATION header's values as typed (numbers as the inputs give them). */
export interface HeaderLocationInput {
  latitude: string;
  longitude: string;
  name: string;
  address: string;
}

/** What the agent filled in: each variable's raw input by `variableKey`, and how it is to be sent. */
export interface TemplateInputs {
  /** Text; an amount (`49.9`) for currency; `YYYY-MM-DDTHH:mm` (local time) for a date and time. */
  values: Record<string, string>;
  /** By `variableKey`; absent means text. */
  kinds?: Record<string, ParameterKind>;
  /** ISO 4217 code by `variableKey`, for currency variables; absent means the template's default. */
  currencies?: Record<string, string>;
  location?: HeaderLocationInput;
}

/** The currencies offered for `currency` variables. */
export const CURRENCY_CODES = ["BRL", "USD", "EUR", "ARS", "CLP", "COP", "MXN", "PEN", "PYG", "UYU", "BOB", "GBP"] as const;

const CURRENCY_BY_REGION: Record<string, string> = {
  BR: "BRL",
  US: "USD",
  AR: "ARS",
  CL: "CLP",
  CO: "COP",
  MX: "MXN",
  PE: "PEN",
  PY: "PYG",
  UY: "UYU",
  BO: "BOB",
  GB: "GBP",
  ES: "EUR",
  PT: "EUR",
};

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

/** A header that is a map pin: the agent gives its coordinates (and optionally a name and address) when sending. */
export function hasLocationHeader(template: MessageTemplate): boolean {
  return component(template, "HEADER")?.format?.toUpperCase() === "LOCATION";
}

/** The template's language as a BCP 47 locale (`pt_BR` → `pt-BR`), for formatting what the customer reads. */
export function templateLocale(template: Pick<MessageTemplate, "language">): string {
  try {
    return Intl.getCanonicalLocales(template.language.replace(/_/g, "-"))[0] ?? "pt-BR";
  } catch {
    return "pt-BR";
  }
}

/** The currency a template's customers most likely use, from its language's region (`es_MX` → MXN); BRL otherwise. */
export function defaultCurrency(template: Pick<MessageTemplate, "language">): string {
  const region = templateLocale(template).split("-")[1]?.toUpperCase();
  return (region && CURRENCY_BY_REGION[region]) || "BRL";
}

/** An amount as typed (`49.9`, `49,90`) in thousandths, Meta's `amount_1000`; undefined unless a number ≥ 0. */
export function amount1000Of(raw: string): number | undefined {
  const trimmed = raw.trim();
  const normalised = trimmed.includes(",") && !trimmed.includes(".") ? trimmed.replace(",", ".") : trimmed;
  if (!/^\d+(\.\d+)?$/.test(normalised)) return undefined;
  return Math.round(Number(normalised) * 1000);
}

/** A `datetime-local` value (`2026-03-10T14:30`) as a local Date; undefined when incomplete. */
function localDateTime(raw: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(raw.trim())) return undefined;
  const date = new Date(raw.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const kindOf = (inputs: TemplateInputs, key: string): ParameterKind => inputs.kinds?.[key] ?? "text";

/**
 * What the customer reads for a variable (a currency's and a date's `fallback_value`, formatted in the template's
 * language); undefined while the input is empty or not valid.
 */
export function displayValue(template: MessageTemplate, variable: TemplateVariable, inputs: TemplateInputs): string | undefined {
  const key = variableKey(variable);
  const raw = inputs.values[key] ?? "";
  const locale = templateLocale(template);
  switch (variable.part === "body" ? kindOf(inputs, key) : "text") {
    case "currency": {
      const amount = amount1000Of(raw);
      if (amount === undefined) return undefined;
      const code = inputs.currencies?.[key] ?? defaultCurrency(template);
      return new Intl.NumberFormat(locale, { style: "currency", currency: code }).format(amount / 1000);
    }
    case "date_time": {
      const date = localDateTime(raw);
      return date ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(date) : undefined;
    }
    default:
      return raw.trim() || undefined;
  }
}

/** Every variable's displayed value by `variableKey` (the complete ones only), for the preview. */
export function displayValues(template: MessageTemplate, inputs: TemplateInputs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const variable of templateVariables(template)) {
    const shown = displayValue(template, variable, inputs);
    if (shown !== undefined) out[variableKey(variable)] = shown;
  }
  return out;
}

/** The LOCATION header's coordinates, when both are numbers in range. */
export function headerLocationOf(
  input: HeaderLocationInput | undefined,
): { latitude: number; longitude: number; name?: string; address?: string } | undefined {
  if (!input || input.latitude.trim() === "" || input.longitude.trim() === "") return undefined;
  const latitude = Number(input.latitude);
  const longitude = Number(input.longitude);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return {
    latitude,
    longitude,
    ...(input.name.trim() ? { name: input.name.trim() } : {}),
    ...(input.address.trim() ? { address: input.address.trim() } : {}),
  };
}

/** Whether every variable (and a LOCATION header's coordinates) has a valid value. */
export function isTemplateComplete(template: MessageTemplate, inputs: TemplateInputs): boolean {
  const variables = templateVariables(template);
  return (
    variables.every((v) => displayValue(template, v, inputs) !== undefined) &&
    (!hasLocationHeader(template) || headerLocationOf(inputs.location) !== undefined)
  );
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
 * The `components` of a template send, in Meta's order: the header (its text variables, its file or its location),
 * the body (text, currency or date_time parameters), then one entry per URL button with a dynamic suffix.
 */
export function templateSendComponents(
  template: MessageTemplate,
  inputs: TemplateInputs,
  headerMedia?: { mediaId: string; filename?: string },
): TemplateSendComponent[] {
  const variables = templateVariables(template);
  const values = inputs.values;
  const parameter = (v: TemplateVariable): TemplateParameter => {
    const key = variableKey(v);
    const named = v.positional ? {} : { parameterName: v.name };
    const kind = v.part === "body" ? kindOf(inputs, key) : "text";
    const shown = displayValue(template, v, inputs) ?? "";
    if (kind === "currency") {
      const code = inputs.currencies?.[key] ?? defaultCurrency(template);
      return { type: "currency", fallbackValue: shown, code, amount1000: amount1000Of(values[key] ?? "") ?? 0, ...named };
    }
    if (kind === "date_time") return { type: "date_time", fallbackValue: shown, ...named };
    return { type: "text", text: values[key]?.trim() ?? "", ...named };
  };
  const out: TemplateSendComponent[] = [];
  const location = hasLocationHeader(template) ? headerLocationOf(inputs.location) : undefined;
  if (location) out.push({ type: "header", parameters: [{ type: "location", ...location }] });
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
    if (own.length) out.push({ type: part, parameters: own.map(parameter) });
  }
  for (const v of variables.filter((v) => v.part === "button")) {
    out.push({ type: "button", subType: "url", index: v.buttonIndex ?? 0, text: values[variableKey(v)]?.trim() ?? "" });
  }
  return out;
}
