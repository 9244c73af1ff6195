import type { CampaignTemplate, SourceKind, TemplateMapping, TemplateVariable, VariableSource } from "../api/types.ts";

const MEDIA_KINDS = new Set(["image", "video", "document"]);

/** Media headers take a stored file or a link; every other variable takes text. */
export const isMediaVariable = (variable: TemplateVariable) => MEDIA_KINDS.has(variable.kind);

/** The sources a variable can be filled from, in the order the select offers them. */
export function sourcesFor(variable: TemplateVariable): SourceKind[] {
  return isMediaVariable(variable) ? ["link", "media"] : ["contact", "attribute", "csv", "fixed"];
}

/** A first guess, so the usual case ("Olá, {{1}}" → the contact's first name) needs no clicks. */
export function defaultSource(variable: TemplateVariable): VariableSource {
  if (isMediaVariable(variable)) return { source: "link", url: "" };
  if (variable.component === "body" && variable.name === "1") return { source: "contact", field: "first_name" };
  if (/^(nome|name|first_name|primeiro_nome)$/i.test(variable.name)) return { source: "contact", field: "first_name" };
  return { source: "fixed", value: "" };
}

/** A source switched to another kind, keeping its fallback where both have one. */
export function switchSource(previous: VariableSource | undefined, kind: SourceKind): VariableSource {
  const fallback = previous && "fallback" in previous && previous.fallback ? { fallback: previous.fallback } : {};
  switch (kind) {
    case "contact":
      return { source: "contact", field: "first_name", ...fallback };
    case "attribute":
      return { source: "attribute", attribute: "", ...fallback };
    case "csv":
      return { source: "csv", column: "", ...fallback };
    case "fixed":
      return { source: "fixed", value: "" };
    case "media":
      return { source: "media", mediaId: "" };
    case "link":
      return { source: "link", url: "" };
  }
}

/** Whether a source names what it needs (a column, an attribute, a text, a file). */
export function isSourceComplete(source: VariableSource | undefined): boolean {
  if (!source) return false;
  switch (source.source) {
    case "contact":
      return true;
    case "attribute":
      return source.attribute.trim() !== "";
    case "csv":
      return source.column.trim() !== "";
    case "fixed":
      return source.value.trim() !== "";
    case "media":
      return source.mediaId.trim() !== "";
    case "link":
      return /^https?:\/\/\S+$/.test(source.url.trim());
  }
}

/** The required variables still without a usable source. */
export function missingVariables(template: CampaignTemplate, mapping: TemplateMapping): string[] {
  return template.variables.filter((v) => !v.optional && !isSourceComplete(mapping[v.key])).map((v) => v.key);
}

/** The mapping as sent: optional variables left empty are dropped, texts trimmed, empty fallbacks removed. */
export function cleanMapping(template: CampaignTemplate, mapping: TemplateMapping): TemplateMapping {
  const clean: TemplateMapping = {};
  for (const variable of template.variables) {
    const source = mapping[variable.key];
    if (!source || !isSourceComplete(source)) continue;
    const copy = { ...source } as VariableSource & { fallback?: string };
    if ("fallback" in copy && !copy.fallback?.trim()) delete copy.fallback;
    clean[variable.key] = copy;
  }
  return clean;
}

export const usesCsv = (mapping: TemplateMapping) => Object.values(mapping).some((s) => s.source === "csv");

/** A template component's text (HEADER, BODY, FOOTER), if it has one. */
export const componentText = (template: CampaignTemplate, type: string) =>
  template.components.find((c) => c.type.toUpperCase() === type)?.text ?? null;

export const buttonTexts = (template: CampaignTemplate) =>
  template.components.find((c) => c.type.toUpperCase() === "BUTTONS")?.buttons?.map((b) => b.text ?? b.type) ?? [];

export const headerFormat = (template: CampaignTemplate) =>
  template.components.find((c) => c.type.toUpperCase() === "HEADER")?.format?.toUpperCase() ?? null;

/** `{{1}}` / `{{name}}` in a component's text replaced by the values of `<component>.<name>` keys; unknown ones stay. */
export function fillText(text: string, component: "header" | "body", values: Record<string, string>): string {
  return text.replace(/\{\{\s*([\w]+)\s*\}\}/g, (whole, name: string) => values[`${component}.${name}`] ?? whole);
}

/**
 * What the preview shows for each variable: the fixed text as typed, otherwise the template's own example (the
 * sample contact), otherwise a bracketed label of where the value comes from.
 */
export function previewValues(
  template: CampaignTemplate,
  mapping: TemplateMapping,
  describe: (source: VariableSource) => string,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const variable of template.variables) {
    const source = mapping[variable.key];
    // A media example is Meta's upload handle, meaningless to a person: show the link's file name, if any.
    if (isMediaVariable(variable)) {
      const file = source?.source === "link" ? source.url.split(/[/?#]/).filter(Boolean).at(-1) : undefined;
      if (file && source?.source === "link" && isSourceComplete(source)) values[variable.key] = file;
      continue;
    }
    if (source?.source === "fixed" && source.value.trim()) values[variable.key] = source.value;
    else if (variable.example) values[variable.key] = variable.example;
    else if (source) values[variable.key] = `[${describe(source)}]`;
  }
  return values;
}
