import type { TemplateBubbleButton, TemplateBubbleContent, TemplateBubbleHeader } from "../../../components/whatsapp/template-bubble.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { TranslationVars } from "../../../i18n/translate.ts";
import type { TemplateComponent } from "../../../lib/api-types.ts";
import type { ButtonInput, CreateTemplateInput, HeaderInput, ParameterFormat, TemplateCategory, TemplateDto } from "../api/types.ts";

export const headerFormats = ["NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"] as const;
export type HeaderFormat = (typeof headerFormats)[number];

export const buttonTypes = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "FLOW"] as const;
export type ButtonType = (typeof buttonTypes)[number];

/** One button as edited: every type's fields kept, so switching type back and forth loses nothing. */
export interface ButtonDraft {
  /** The editor's own key (buttons move). */
  uid: string;
  type: ButtonType;
  text: string;
  url: string;
  example: string;
  phoneNumber: string;
  flowId: string;
  flowAction: "navigate" | "data_exchange";
  navigateScreen: string;
}

/** The create form's state, as typed. */
export interface TemplateDraft {
  name: string;
  category: TemplateCategory;
  language: string;
  parameterFormat: ParameterFormat;
  headerFormat: HeaderFormat;
  headerText: string;
  headerExample: string;
  headerExampleUrl: string;
  body: string;
  /** By variable name (`1`, `first_name`). */
  bodyExamples: Record<string, string>;
  footer: string;
  buttons: ButtonDraft[];
}

export const emptyDraft = (): TemplateDraft => ({
  name: "",
  category: "UTILITY",
  language: "pt_BR",
  parameterFormat: "POSITIONAL",
  headerFormat: "NONE",
  headerText: "",
  headerExample: "",
  headerExampleUrl: "",
  body: "",
  bodyExamples: {},
  footer: "",
  buttons: [],
});

let uidSequence = 0;
export function newButton(type: ButtonType): ButtonDraft {
  uidSequence += 1;
  return {
    uid: `button-${uidSequence}`,
    type,
    text: "",
    url: "",
    example: "",
    phoneNumber: "",
    flowId: "",
    flowAction: "navigate",
    navigateScreen: "",
  };
}

/** Meta's limits (meta-cloud-api.md §1.7), the same ones the server checks before submitting. */
export const LIMITS = {
  name: 512,
  headerText: 60,
  body: 1024,
  footer: 60,
  buttonText: 25,
  buttons: 10,
  quickReplies: 10,
  urlButtons: 2,
  phoneButtons: 1,
  copyCodeButtons: 1,
  flowButtons: 1,
  copyCodeExample: 15,
  url: 2000,
} as const;

/** What the name field turns typing into: Meta only accepts lower_snake names (`Pedido Enviado` → `pedido_enviado`). */
export function toTemplateName(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_/, "")
    .slice(0, LIMITS.name);
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const POSITIONAL = /^[1-9]\d*$/;
const NAMED = /^[a-z_][a-z0-9_]*$/;

/** Every `{{…}}` of a text, as written (well-formed or not), in order. */
export function placeholdersOf(text: string): string[] {
  // Spaces inside the braces are ignored, as the server does.
  return Array.from(text.matchAll(PLACEHOLDER), (m) => (m[1] ?? "").trim());
}

/** The distinct variables of a text: positional ones by number, named ones in order of appearance. */
export function variableNames(text: string): string[] {
  const names = [...new Set(placeholdersOf(text).filter((name) => POSITIONAL.test(name) || NAMED.test(name)))];
  return names.every((n) => POSITIONAL.test(n)) ? names.sort((a, b) => Number(a) - Number(b)) : names;
}

/** The placeholder "add variable" inserts next: `{{3}}` after `{{1}}` and `{{2}}`, or `{{name}}`. */
export function nextPlaceholder(text: string, format: ParameterFormat, name: string): string {
  if (format === "NAMED") return `{{${toTemplateName(name).replace(/^_+|_+$/g, "") || `var_${variableNames(text).length + 1}`}}}`;
  const numbers = variableNames(text)
    .filter((n) => POSITIONAL.test(n))
    .map(Number);
  return `{{${Math.max(0, ...numbers) + 1}}}`;
}

/** A problem to show under a field: a catalogue key and its values. */
export interface Issue {
  key: TranslationKey;
  vars?: TranslationVars;
}

/**
 * Field ids the form and the server share (the server's issue paths, `body.text`, `buttons.1.url`): `body.example.<name>`
 * for a body variable's example.
 */
export type DraftIssues = Record<string, Issue>;

function checkVariables(text: string, format: ParameterFormat): Issue | undefined {
  const raw = placeholdersOf(text);
  const bad = raw.find((name) => !POSITIONAL.test(name) && !NAMED.test(name));
  if (bad !== undefined) return { key: "templates-admin.check.variable-format", vars: { variable: `{{${bad}}}` } };
  if (/\{\{(?![^{}]*\}\})|(?<!\{\{[^{}]*)\}\}/.test(text)) return { key: "templates-admin.check.variable-unclosed" };
  const names = [...new Set(raw)];
  const positional = names.filter((n) => POSITIONAL.test(n));
  if (positional.length && positional.length !== names.length) return { key: "templates-admin.check.variable-mixed" };
  if (format === "NAMED" && positional.length) return { key: "templates-admin.check.variable-named-expected" };
  if (format === "POSITIONAL" && names.length && !positional.length) return { key: "templates-admin.check.variable-positional-expected" };
  const numbers = positional.map(Number).sort((a, b) => a - b);
  const gap = numbers.findIndex((n, i) => n !== i + 1);
  if (gap !== -1) return { key: "templates-admin.check.variable-sequence", vars: { expected: `{{${gap + 1}}}` } };
  return undefined;
}

/** The server's test: a scheme, a host with a dot, no spaces. */
const isHttpUrl = (value: string) => /^https?:\/\/[^\s/]+\.[^\s]+$/.test(value);

function checkButtons(buttons: ButtonDraft[], issues: DraftIssues) {
  const count = (type: ButtonType) => buttons.filter((b) => b.type === type).length;
  if (buttons.length > LIMITS.buttons) issues.buttons = { key: "templates-admin.check.buttons-total", vars: { max: LIMITS.buttons } };
  else if (count("URL") > LIMITS.urlButtons)
    issues.buttons = { key: "templates-admin.check.buttons-url", vars: { max: LIMITS.urlButtons } };
  else if (count("PHONE_NUMBER") > LIMITS.phoneButtons) issues.buttons = { key: "templates-admin.check.buttons-phone" };
  else if (count("COPY_CODE") > LIMITS.copyCodeButtons) issues.buttons = { key: "templates-admin.check.buttons-copy-code" };
  else if (count("FLOW") > LIMITS.flowButtons) issues.buttons = { key: "templates-admin.check.buttons-flow" };
  else {
    // Meta shows quick replies as one group: they may come first or last, never interleaved with the others.
    const kinds = buttons.map((b) => b.type === "QUICK_REPLY");
    const changes = kinds.filter((k, i) => i > 0 && k !== kinds[i - 1]).length;
    if (changes > 1) issues.buttons = { key: "templates-admin.check.buttons-grouped" };
  }
  buttons.forEach((button, i) => {
    const at = `buttons.${i}`;
    if (button.type !== "COPY_CODE") {
      if (!button.text.trim()) issues[`${at}.text`] = { key: "templates-admin.check.required" };
      else if (button.text.length > LIMITS.buttonText)
        issues[`${at}.text`] = { key: "templates-admin.check.too-long", vars: { max: LIMITS.buttonText } };
      else if (placeholdersOf(button.text).length) issues[`${at}.text`] = { key: "templates-admin.check.no-variables" };
    }
    if (button.type === "URL") {
      const variables = placeholdersOf(button.url);
      if (!button.url.trim()) issues[`${at}.url`] = { key: "templates-admin.check.required" };
      else if (button.url.length > LIMITS.url) issues[`${at}.url`] = { key: "templates-admin.check.too-long", vars: { max: LIMITS.url } };
      else if (!isHttpUrl(button.url.replace(PLACEHOLDER, "x"))) issues[`${at}.url`] = { key: "templates-admin.check.url" };
      else if (variables.length > 1 || (variables.length === 1 && !/\{\{\s*1\s*\}\}$/.test(button.url.trim())))
        issues[`${at}.url`] = { key: "templates-admin.check.url-variable" };
      else if (variables.length === 1 && !button.example.trim())
        issues[`${at}.example`] = { key: "templates-admin.check.example-required" };
      else if (variables.length === 1 && !/^https?:\/\/\S+$/.test(button.example.trim()))
        issues[`${at}.example`] = { key: "templates-admin.check.url" };
    }
    if (button.type === "PHONE_NUMBER" && !/^\+?[1-9]\d{6,19}$/.test(button.phoneNumber.replace(/[\s()-]/g, "")))
      issues[`${at}.phoneNumber`] = { key: "templates-admin.check.phone" };
    if (button.type === "COPY_CODE") {
      if (!button.example.trim()) issues[`${at}.example`] = { key: "templates-admin.check.required" };
      else if (button.example.length > LIMITS.copyCodeExample)
        issues[`${at}.example`] = { key: "templates-admin.check.too-long", vars: { max: LIMITS.copyCodeExample } };
    }
    if (button.type === "FLOW") {
      if (!button.flowId.trim()) issues[`${at}.flowId`] = { key: "templates-admin.check.required" };
      else if (!/^\d+$/.test(button.flowId.trim())) issues[`${at}.flowId`] = { key: "templates-admin.check.flow-id" };
    }
  });
}

/**
 * The form's checks, mirroring the server's (which mirror Meta's review rules), so most refusals show while typing
 * instead of after a round trip to Meta. An empty result means the draft can be submitted.
 */
export function checkDraft(draft: TemplateDraft): DraftIssues {
  const issues: DraftIssues = {};
  if (!draft.name) issues.name = { key: "templates-admin.check.required" };
  else if (!/^[a-z0-9_]+$/.test(draft.name)) issues.name = { key: "templates-admin.check.name" };
  if (!/^[a-z]{2,3}(_[A-Z]{2,3})?$/.test(draft.language.trim())) issues.language = { key: "templates-admin.check.language" };
  // Meta writes an authentication template's text and code button itself; the server refuses to create one.
  if (draft.category === "AUTHENTICATION") issues.category = { key: "templates-admin.check.authentication" };

  if (draft.headerFormat === "TEXT") {
    const text = draft.headerText;
    const variables = checkVariables(text, draft.parameterFormat);
    if (!text.trim()) issues["header.text"] = { key: "templates-admin.check.required" };
    else if (text.length > LIMITS.headerText)
      issues["header.text"] = { key: "templates-admin.check.too-long", vars: { max: LIMITS.headerText } };
    else if (variables) issues["header.text"] = variables;
    else if (variableNames(text).length > 1) issues["header.text"] = { key: "templates-admin.check.header-one-variable" };
    else if (variableNames(text).length === 1 && !draft.headerExample.trim())
      issues["header.example"] = { key: "templates-admin.check.example-required" };
  }
  if (
    (draft.headerFormat === "IMAGE" || draft.headerFormat === "VIDEO" || draft.headerFormat === "DOCUMENT") &&
    draft.headerExampleUrl.trim() &&
    !/^https?:\/\/\S+$|^\d+::\S+$/.test(draft.headerExampleUrl.trim())
  )
    issues["header.exampleUrl"] = { key: "templates-admin.check.url" };

  const body = draft.body;
  const bodyVariables = checkVariables(body, draft.parameterFormat);
  if (!body.trim()) issues["body.text"] = { key: "templates-admin.check.required" };
  else if (body.length > LIMITS.body) issues["body.text"] = { key: "templates-admin.check.too-long", vars: { max: LIMITS.body } };
  else if (bodyVariables) issues["body.text"] = bodyVariables;
  else if (/^\s*\{\{[^{}]*\}\}|\{\{[^{}]*\}\}\s*$/.test(body)) issues["body.text"] = { key: "templates-admin.check.variable-edge" };
  if (!bodyVariables) {
    for (const name of variableNames(body))
      if (!draft.bodyExamples[name]?.trim()) issues[`body.example.${name}`] = { key: "templates-admin.check.example-required" };
  }

  if (draft.footer.length > LIMITS.footer) issues["footer.text"] = { key: "templates-admin.check.too-long", vars: { max: LIMITS.footer } };
  else if (placeholdersOf(draft.footer).length) issues["footer.text"] = { key: "templates-admin.check.no-variables" };

  checkButtons(draft.buttons, issues);
  return issues;
}

function headerInput(draft: TemplateDraft): HeaderInput | undefined {
  switch (draft.headerFormat) {
    case "NONE":
      return undefined;
    case "TEXT":
      return {
        format: "TEXT",
        text: draft.headerText,
        ...(variableNames(draft.headerText).length ? { example: draft.headerExample.trim() } : {}),
      };
    case "LOCATION":
      return { format: "LOCATION" };
    default:
      return { format: draft.headerFormat, ...(draft.headerExampleUrl.trim() ? { exampleUrl: draft.headerExampleUrl.trim() } : {}) };
  }
}

function buttonInput(button: ButtonDraft): ButtonInput {
  const text = button.text.trim();
  switch (button.type) {
    case "QUICK_REPLY":
      return { type: "QUICK_REPLY", text };
    case "URL":
      return {
        type: "URL",
        text,
        url: button.url.trim(),
        ...(placeholdersOf(button.url).length ? { example: button.example.trim() } : {}),
      };
    case "PHONE_NUMBER":
      return { type: "PHONE_NUMBER", text, phoneNumber: button.phoneNumber.replace(/[\s()-]/g, "") };
    case "COPY_CODE":
      return { type: "COPY_CODE", example: button.example.trim() };
    case "FLOW":
      return {
        type: "FLOW",
        text,
        flowId: button.flowId.trim(),
        flowAction: button.flowAction,
        ...(button.flowAction === "navigate" && button.navigateScreen.trim() ? { navigateScreen: button.navigateScreen.trim() } : {}),
      };
  }
}

/** The POST /api/v1/templates body for a checked draft. */
export function toCreateInput(draft: TemplateDraft, channelId: string): CreateTemplateInput {
  const names = variableNames(draft.body);
  const examples =
    names.length === 0
      ? undefined
      : draft.parameterFormat === "NAMED"
        ? Object.fromEntries(names.map((name) => [name, draft.bodyExamples[name]?.trim() ?? ""]))
        : names.map((name) => draft.bodyExamples[name]?.trim() ?? "");
  const header = headerInput(draft);
  return {
    channelId,
    name: draft.name,
    category: draft.category,
    language: draft.language.trim(),
    parameterFormat: draft.parameterFormat,
    ...(header ? { header } : {}),
    body: { text: draft.body, ...(examples ? { examples } : {}) },
    ...(draft.footer.trim() ? { footer: { text: draft.footer } } : {}),
    ...(draft.buttons.length ? { buttons: draft.buttons.map(buttonInput) } : {}),
  };
}

/** A text with each variable replaced by its example (the placeholder stays while the example is empty). */
export function fillExamples(text: string, examples: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => examples[name.trim()]?.trim() || whole);
}

/** What the customer would see, with the examples filled in; `copyCodeLabel` is Meta's fixed label of that button. */
export function previewOf(draft: TemplateDraft, copyCodeLabel: string): TemplateBubbleContent {
  const headerVariable = variableNames(draft.headerText)[0];
  let header: TemplateBubbleHeader | undefined;
  if (draft.headerFormat === "TEXT")
    header = { kind: "text", text: fillExamples(draft.headerText, headerVariable ? { [headerVariable]: draft.headerExample } : {}) };
  else if (draft.headerFormat === "LOCATION") header = { kind: "location" };
  else if (draft.headerFormat !== "NONE") header = { kind: "media", format: draft.headerFormat };
  const buttons: TemplateBubbleButton[] = draft.buttons.map((b) => ({
    type: b.type,
    text: b.type === "COPY_CODE" ? copyCodeLabel : b.text,
  }));
  return {
    header,
    body: fillExamples(draft.body, draft.bodyExamples),
    footer: draft.footer || undefined,
    buttons,
  };
}

/** A synced template as the bubble draws it, variables left as placeholders (each send fills its own). */
export function previewOfTemplate(template: Pick<TemplateDto, "components">): TemplateBubbleContent {
  const part = (type: TemplateComponent["type"]) => template.components.find((c) => c.type === type);
  const header = part("HEADER");
  const format = header?.format?.toUpperCase();
  let bubbleHeader: TemplateBubbleHeader | undefined;
  if (format === "IMAGE" || format === "VIDEO" || format === "DOCUMENT") bubbleHeader = { kind: "media", format };
  else if (format === "LOCATION") bubbleHeader = { kind: "location" };
  else if (header?.text) bubbleHeader = { kind: "text", text: header.text };
  return {
    header: bubbleHeader,
    body: part("BODY")?.text,
    footer: part("FOOTER")?.text,
    buttons: (part("BUTTONS")?.buttons ?? []).map((b) => ({ type: b.type, text: b.text })),
  };
}
