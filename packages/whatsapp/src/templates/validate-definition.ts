import type { DefinitionIssue, TemplateButtonDefinition, TemplateDefinition, TemplateHeaderDefinition } from "./definition.ts";

/** Meta's limits for template definitions (meta-cloud-api.md §1.7, §3). */
export const TEMPLATE_LIMITS = {
  nameMax: 512,
  headerTextMax: 60,
  bodyMax: 1024,
  footerMax: 60,
  buttonsMax: 10,
  quickRepliesMax: 10,
  urlButtonsMax: 2,
  phoneButtonsMax: 1,
  copyCodeButtonsMax: 1,
  flowButtonsMax: 1,
  buttonLabelMax: 25,
  urlMax: 2000,
  couponMax: 15,
} as const;

const NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2,3})?$/;
const CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"];
const MEDIA_FORMATS = ["IMAGE", "VIDEO", "DOCUMENT"];
const TOKEN = /\{\{(.*?)\}\}/g;
const POSITIONAL = /^[0-9]+$/;
const NAMED = /^[a-z_][a-z0-9_]*$/;
const PHONE = /^\+?[1-9][0-9]{6,19}$/;

/** The variables of a text: each `{{…}}`, trimmed, in order of appearance. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => (m[1] ?? "").trim());
}

type Format = "POSITIONAL" | "NAMED";

/**
 * Checks a text's variables: each well-formed for the template's parameter format, no stray braces, positional
 * ones numbered 1..n without gaps. Returns the distinct variable names.
 */
function checkVariables(text: string, path: string, format: Format, issues: DefinitionIssue[]): string[] {
  const names = variablesIn(text);
  if (/\{\{|\}\}/.test(text.replace(TOKEN, "")))
    issues.push({ path, message: "has unbalanced braces: variables are written {{1}} or {{name}}" });
  for (const name of names) {
    if (format === "POSITIONAL" && !POSITIONAL.test(name)) {
      issues.push({
        path,
        message: NAMED.test(name)
          ? `uses the named variable {{${name}}}: set parameterFormat to NAMED, or use {{1}}, {{2}}… (positional and named variables cannot be mixed)`
          : `has a malformed variable {{${name}}}: use {{1}}, {{2}}…`,
      });
    }
    if (format === "NAMED" && !NAMED.test(name)) {
      issues.push({
        path,
        message: POSITIONAL.test(name)
          ? `uses the positional variable {{${name}}} in a NAMED template (positional and named variables cannot be mixed)`
          : `has a malformed variable {{${name}}}: names start with a lower-case letter or underscore, then letters, digits, underscores`,
      });
    }
  }
  const distinct = [...new Set(names)];
  if (format === "POSITIONAL" && distinct.every((n) => POSITIONAL.test(n))) {
    const numbers = distinct.map(Number).sort((a, b) => a - b);
    if (numbers.some((n, i) => n !== i + 1)) {
      issues.push({ path, message: `positional variables must be numbered {{1}} to {{${numbers.length}}} without gaps` });
    }
  }
  return distinct;
}

const hasExample = (value: string | undefined): boolean => value !== undefined && value.trim() !== "";

function checkHeader(header: TemplateHeaderDefinition, format: Format, issues: DefinitionIssue[]): void {
  if (header.format === "TEXT") {
    const text = header.text;
    if (text.trim().length === 0) issues.push({ path: "header.text", message: "is required for a text header" });
    if (text.length > TEMPLATE_LIMITS.headerTextMax)
      issues.push({ path: "header.text", message: `is ${text.length} characters; at most ${TEMPLATE_LIMITS.headerTextMax}` });
    if (/[\r\n]/.test(text)) issues.push({ path: "header.text", message: "cannot contain line breaks" });
    const names = checkVariables(text, "header.text", format, issues);
    if (names.length > 1) issues.push({ path: "header.text", message: "can have at most one variable" });
    if (names.length === 1 && !hasExample(header.example))
      issues.push({ path: "header.example", message: "is required: Meta reviews the header with an example value" });
    return;
  }
  if (header.format === "LOCATION") return;
  if (!MEDIA_FORMATS.includes(header.format)) {
    issues.push({ path: "header.format", message: "must be TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION" });
    return;
  }
  if (header.exampleUrl !== undefined && !/^https?:\/\/\S+$/.test(header.exampleUrl) && !/^\d+::\S+$/.test(header.exampleUrl)) {
    issues.push({ path: "header.exampleUrl", message: "must be an http(s) URL or an upload handle" });
  }
}

function checkBody(definition: TemplateDefinition, format: Format, issues: DefinitionIssue[]): void {
  const { text, examples } = definition.body;
  if (text.trim().length === 0) {
    issues.push({ path: "body.text", message: "is required" });
    return;
  }
  if (text.length > TEMPLATE_LIMITS.bodyMax)
    issues.push({ path: "body.text", message: `is ${text.length} characters; at most ${TEMPLATE_LIMITS.bodyMax}` });
  const names = checkVariables(text, "body.text", format, issues);
  const trimmed = text.trim();
  if (/^\{\{[^}]*\}\}/.test(trimmed)) issues.push({ path: "body.text", message: "cannot start with a variable" });
  if (/\{\{[^}]*\}\}$/.test(trimmed)) issues.push({ path: "body.text", message: "cannot end with a variable" });
  if (names.length === 0) return;
  if (format === "POSITIONAL") {
    const list = Array.isArray(examples) ? examples : [];
    const count = names.filter((n) => POSITIONAL.test(n)).length;
    if (!Array.isArray(examples) && examples !== undefined) {
      issues.push({ path: "body.examples", message: "must be a list of examples, one per positional variable" });
      return;
    }
    for (let i = 0; i < count; i++) {
      if (!hasExample(list[i])) issues.push({ path: `body.examples.${i}`, message: `is required: an example for {{${i + 1}}}` });
    }
    return;
  }
  const byName = examples !== undefined && !Array.isArray(examples) ? examples : {};
  if (Array.isArray(examples)) {
    issues.push({ path: "body.examples", message: "must map each variable name to an example in a NAMED template" });
    return;
  }
  for (const name of names.filter((n) => NAMED.test(n))) {
    if (!hasExample(byName[name])) issues.push({ path: `body.examples.${name}`, message: `is required: an example for {{${name}}}` });
  }
}

function checkFooter(footer: { text: string }, issues: DefinitionIssue[]): void {
  if (footer.text.trim().length === 0) issues.push({ path: "footer.text", message: "is required when a footer is given" });
  if (footer.text.length > TEMPLATE_LIMITS.footerMax)
    issues.push({ path: "footer.text", message: `is ${footer.text.length} characters; at most ${TEMPLATE_LIMITS.footerMax}` });
  if (variablesIn(footer.text).length > 0) issues.push({ path: "footer.text", message: "cannot contain variables" });
}

function checkLabel(text: string, path: string, issues: DefinitionIssue[]): void {
  if (text.trim().length === 0) issues.push({ path, message: "is required" });
  if (text.length > TEMPLATE_LIMITS.buttonLabelMax)
    issues.push({ path, message: `is ${text.length} characters; at most ${TEMPLATE_LIMITS.buttonLabelMax}` });
  if (variablesIn(text).length > 0) issues.push({ path, message: "cannot contain variables" });
}

function checkButton(button: TemplateButtonDefinition, path: string, issues: DefinitionIssue[]): void {
  switch (button.type) {
    case "QUICK_REPLY":
      checkLabel(button.text, `${path}.text`, issues);
      return;
    case "URL": {
      checkLabel(button.text, `${path}.text`, issues);
      const { url } = button;
      if (!/^https?:\/\/[^\s/]+\.[^\s]+$/.test(url)) issues.push({ path: `${path}.url`, message: "must be an http(s) URL" });
      if (url.length > TEMPLATE_LIMITS.urlMax)
        issues.push({ path: `${path}.url`, message: `is ${url.length} characters; at most ${TEMPLATE_LIMITS.urlMax}` });
      const names = variablesIn(url);
      if (names.length > 1) issues.push({ path: `${path}.url`, message: "can have at most one variable" });
      if (names.length === 1) {
        if (!/\{\{\s*1\s*\}\}$/.test(url)) issues.push({ path: `${path}.url`, message: "can only have its variable, {{1}}, at the end" });
        if (!hasExample(button.example))
          issues.push({ path: `${path}.example`, message: "is required: a full example URL for the variable" });
        else if (!/^https?:\/\/\S+$/.test(button.example ?? ""))
          issues.push({ path: `${path}.example`, message: "must be a full http(s) URL" });
      }
      return;
    }
    case "PHONE_NUMBER":
      checkLabel(button.text, `${path}.text`, issues);
      if (!PHONE.test(button.phoneNumber.replace(/[\s()-]/g, "")))
        issues.push({ path: `${path}.phoneNumber`, message: "must be a phone number with country code, like +5511912345678" });
      return;
    case "COPY_CODE":
      if (!hasExample(button.example)) issues.push({ path: `${path}.example`, message: "is required: a sample coupon code" });
      else if (button.example.length > TEMPLATE_LIMITS.couponMax)
        issues.push({ path: `${path}.example`, message: `is ${button.example.length} characters; at most ${TEMPLATE_LIMITS.couponMax}` });
      return;
    case "FLOW":
      checkLabel(button.text, `${path}.text`, issues);
      if (!/^[0-9]+$/.test(button.flowId)) issues.push({ path: `${path}.flowId`, message: "must be the numeric id of a published flow" });
      if (button.navigateScreen !== undefined && button.flowAction === "data_exchange")
        issues.push({ path: `${path}.navigateScreen`, message: "only applies to the navigate flow action" });
      return;
    default:
      issues.push({ path: `${path}.type`, message: "must be QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE or FLOW" });
  }
}

const BUTTON_CAPS: ReadonlyArray<[TemplateButtonDefinition["type"], number, string]> = [
  ["QUICK_REPLY", TEMPLATE_LIMITS.quickRepliesMax, "quick-reply"],
  ["URL", TEMPLATE_LIMITS.urlButtonsMax, "URL"],
  ["PHONE_NUMBER", TEMPLATE_LIMITS.phoneButtonsMax, "phone"],
  ["COPY_CODE", TEMPLATE_LIMITS.copyCodeButtonsMax, "copy-code"],
  ["FLOW", TEMPLATE_LIMITS.flowButtonsMax, "flow"],
];

function checkButtons(buttons: TemplateButtonDefinition[], issues: DefinitionIssue[]): void {
  if (buttons.length > TEMPLATE_LIMITS.buttonsMax)
    issues.push({ path: "buttons", message: `has ${buttons.length} buttons; at most ${TEMPLATE_LIMITS.buttonsMax}` });
  for (const [type, max, label] of BUTTON_CAPS) {
    const count = buttons.filter((b) => b.type === type).length;
    if (count > max) issues.push({ path: "buttons", message: `has ${count} ${label} buttons; at most ${max}` });
  }
  // WhatsApp shows quick replies as one group: they must sit together, before or after the other buttons.
  const quick = buttons.map((b, i) => (b.type === "QUICK_REPLY" ? i : -1)).filter((i) => i >= 0);
  const first = quick[0];
  const last = quick.at(-1);
  if (first !== undefined && last !== undefined && last - first + 1 !== quick.length)
    issues.push({ path: "buttons", message: "quick-reply buttons must be grouped together, not interleaved with other buttons" });
  buttons.forEach((button, i) => {
    checkButton(button, `buttons.${i}`, issues);
  });
}

/**
 * Checks a template definition against Meta's rules before it is submitted, so a person learns which field to fix
 * instead of reading Meta's generic refusal after a review round-trip. An empty list means valid.
 */
export function validateTemplateDefinition(definition: TemplateDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  if (!NAME.test(definition.name))
    issues.push({ path: "name", message: "must be 1–512 lower-case letters, digits and underscores, like order_shipped" });
  if (!CATEGORIES.includes(definition.category)) issues.push({ path: "category", message: "must be MARKETING, UTILITY or AUTHENTICATION" });
  if (!LANGUAGE.test(definition.language)) issues.push({ path: "language", message: "must be a language code such as pt_BR or en_US" });
  if (definition.category === "AUTHENTICATION") {
    // Meta fixes an authentication template's text (code, security notice, expiry) and its one-time-code button.
    issues.push({
      path: "category",
      message: "authentication templates use WhatsApp's fixed text and code button: create them in WhatsApp Manager; Papo syncs them",
    });
    return issues;
  }
  const format: Format = definition.parameterFormat ?? "POSITIONAL";
  if (format !== "POSITIONAL" && format !== "NAMED") issues.push({ path: "parameterFormat", message: "must be POSITIONAL or NAMED" });
  if (definition.header) checkHeader(definition.header, format, issues);
  checkBody(definition, format, issues);
  if (definition.footer) checkFooter(definition.footer, issues);
  if (definition.buttons) checkButtons(definition.buttons, issues);
  return issues;
}
