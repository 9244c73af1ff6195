import type { GraphFailure } from "../graph/failure.ts";
import type { TemplateRecord } from "../state.ts";
import { buttonsOf, componentOf, placeholdersOf, textOf } from "../templates/placeholders.ts";

/** The `template` object of a send, as far as this rule reads it. */
export interface TemplateSendRequest {
  name: string;
  languageCode: string;
  components: Record<string, unknown>[];
}

/** Result of {@link checkTemplateSend}. */
export type TemplateSendCheck = { ok: true; template: TemplateRecord } | { ok: false; failure: GraphFailure };

const asRecords = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null) : [];

const sentComponent = (request: TemplateSendRequest, type: string): Record<string, unknown> | undefined =>
  request.components.find((c) => typeof c.type === "string" && c.type.toLowerCase() === type);

/**
 * Checks a template send against the WABA's templates the way Meta does before accepting it:
 * the (name, language) pair must exist exactly (132001), be APPROVED (132015 paused, 132016 disabled, 132001
 * otherwise), and the parameters must match the placeholders (132000 count/names, 132012 header format,
 * 131008 missing dynamic button parameter).
 */
export function checkTemplateSend({
  templates,
  request,
}: {
  templates: TemplateRecord[];
  request: TemplateSendRequest;
}): TemplateSendCheck {
  const template = templates.find((t) => t.name === request.name && t.language === request.languageCode);
  if (!template) {
    return { ok: false, failure: { code: 132001, details: `template name (${request.name}) does not exist in ${request.languageCode}` } };
  }
  if (template.status === "PAUSED")
    return { ok: false, failure: { code: 132015, details: `Template ${template.name} is paused due to low quality` } };
  if (template.status === "DISABLED")
    return { ok: false, failure: { code: 132016, details: `Template ${template.name} has been disabled` } };
  if (template.status !== "APPROVED") {
    return {
      ok: false,
      failure: { code: 132001, details: `template name (${request.name}) in ${request.languageCode} is ${template.status}, not APPROVED` },
    };
  }
  const failure = checkHeader(template, request) ?? checkBody(template, request) ?? checkButtons(template, request);
  return failure ? { ok: false, failure } : { ok: true, template };
}

function checkBody(template: TemplateRecord, request: TemplateSendRequest): GraphFailure | undefined {
  const expected = placeholdersOf(textOf(componentOf(template, "BODY")));
  const given = asRecords(sentComponent(request, "body")?.parameters);
  if (given.length !== expected.length) {
    return {
      code: 132000,
      details: `body: number of localizable_params (${given.length}) does not match the expected number of params (${expected.length})`,
    };
  }
  if (template.parameterFormat === "NAMED") {
    const names = given.map((p) => p.parameter_name);
    const missing = expected.filter((name) => !names.includes(name));
    if (missing.length > 0) return { code: 132000, details: `body: missing named parameters: ${missing.join(", ")}` };
  }
  return undefined;
}

function checkHeader(template: TemplateRecord, request: TemplateSendRequest): GraphFailure | undefined {
  const header = componentOf(template, "HEADER");
  if (!header) return undefined;
  const format = typeof header.format === "string" ? header.format.toUpperCase() : "TEXT";
  const given = asRecords(sentComponent(request, "header")?.parameters);
  if (format === "TEXT") {
    const expected = placeholdersOf(textOf(header)).length;
    if (given.length !== expected) {
      return {
        code: 132000,
        details: `header: number of localizable_params (${given.length}) does not match the expected number of params (${expected})`,
      };
    }
    return undefined;
  }
  if (format === "LOCATION") return undefined;
  const received = typeof given[0]?.type === "string" ? given[0].type.toUpperCase() : "UNKNOWN";
  if (received !== format) return { code: 132012, details: `header: Format mismatch, expected ${format}, received ${received}` };
  return undefined;
}

function checkButtons(template: TemplateRecord, request: TemplateSendRequest): GraphFailure | undefined {
  const sentButtons = request.components.filter((c) => typeof c.type === "string" && c.type.toLowerCase() === "button");
  for (const [index, button] of buttonsOf(template).entries()) {
    const dynamic = button.type === "URL" && typeof button.url === "string" && placeholdersOf(button.url).length > 0;
    if (!dynamic) continue;
    const sent = sentButtons.find((c) => String(c.index) === String(index));
    if (asRecords(sent?.parameters).length === 0) {
      return { code: 131008, details: `buttons: button at index ${index} of type Url requires a parameter` };
    }
  }
  return undefined;
}
