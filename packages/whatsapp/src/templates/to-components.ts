import type { TemplateDefinitionComponent } from "../graph/types.ts";
import type { TemplateButtonDefinition, TemplateDefinition, TemplateHeaderDefinition } from "./definition.ts";
import { variablesIn } from "./validate-definition.ts";

const POSITIONAL = /^[0-9]+$/;

function header(definition: TemplateHeaderDefinition): TemplateDefinitionComponent {
  if (definition.format === "TEXT") {
    const [name] = variablesIn(definition.text);
    if (name === undefined || definition.example === undefined) return { type: "HEADER", format: "TEXT", text: definition.text };
    const example = POSITIONAL.test(name)
      ? { header_text: [definition.example] }
      : { header_text_named_params: [{ param_name: name, example: definition.example }] };
    return { type: "HEADER", format: "TEXT", text: definition.text, example };
  }
  if (definition.format === "LOCATION") return { type: "HEADER", format: "LOCATION" };
  return {
    type: "HEADER",
    format: definition.format,
    ...(definition.exampleUrl === undefined ? {} : { example: { header_handle: [definition.exampleUrl] } }),
  };
}

function body({ text, examples }: TemplateDefinition["body"]): TemplateDefinitionComponent {
  const names = [...new Set(variablesIn(text))];
  if (names.length === 0 || examples === undefined) return { type: "BODY", text };
  if (Array.isArray(examples)) return { type: "BODY", text, example: { body_text: [examples.slice(0, names.length)] } };
  return {
    type: "BODY",
    text,
    example: { body_text_named_params: names.map((name) => ({ param_name: name, example: examples[name] ?? "" })) },
  };
}

function button(definition: TemplateButtonDefinition): Record<string, unknown> {
  switch (definition.type) {
    case "QUICK_REPLY":
      return { type: "QUICK_REPLY", text: definition.text };
    case "URL":
      return {
        type: "URL",
        text: definition.text,
        url: definition.url,
        ...(definition.example !== undefined && variablesIn(definition.url).length > 0 ? { example: [definition.example] } : {}),
      };
    case "PHONE_NUMBER":
      return { type: "PHONE_NUMBER", text: definition.text, phone_number: definition.phoneNumber };
    case "COPY_CODE":
      return { type: "COPY_CODE", example: definition.example };
    case "FLOW":
      return {
        type: "FLOW",
        text: definition.text,
        flow_id: definition.flowId,
        ...(definition.flowAction === undefined ? {} : { flow_action: definition.flowAction }),
        ...(definition.navigateScreen === undefined ? {} : { navigate_screen: definition.navigateScreen }),
      };
  }
}

/** Meta's creation components for a definition (validate it first with `validateTemplateDefinition`). */
export function toCreationComponents(definition: TemplateDefinition): TemplateDefinitionComponent[] {
  return [
    ...(definition.header ? [header(definition.header)] : []),
    body(definition.body),
    ...(definition.footer ? [{ type: "FOOTER", text: definition.footer.text }] : []),
    ...(definition.buttons && definition.buttons.length > 0 ? [{ type: "BUTTONS", buttons: definition.buttons.map(button) }] : []),
  ];
}
