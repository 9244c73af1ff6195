import type { TemplateComponent, TemplateRecord } from "../state.ts";

/** Distinct `{{…}}` placeholders in a template text, in order of first appearance. */
export function placeholdersOf(text: string): string[] {
  const seen: string[] = [];
  for (const match of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
    const name = match[1];
    if (name !== undefined && !seen.includes(name)) seen.push(name);
  }
  return seen;
}

/** The first component of a given (upper-case) type. */
export function componentOf(template: TemplateRecord, type: string): TemplateComponent | undefined {
  return template.components.find((c) => c.type.toUpperCase() === type);
}

/** A component's `text`, or `""`. */
export const textOf = (component: TemplateComponent | undefined): string => (typeof component?.text === "string" ? component.text : "");

/** The buttons of a template's BUTTONS component. */
export function buttonsOf(template: TemplateRecord): Record<string, unknown>[] {
  const buttons = componentOf(template, "BUTTONS")?.buttons;
  return Array.isArray(buttons) ? buttons.filter((b): b is Record<string, unknown> => typeof b === "object" && b !== null) : [];
}
