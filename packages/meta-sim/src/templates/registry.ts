import type { GraphFailure, GraphResult } from "../graph/failure.ts";
import { fail, succeed } from "../graph/failure.ts";
import { makeNumericId } from "../ids.ts";
import { SEED_TEMPLATES } from "../seed/templates.ts";
import type { SimState, TemplateCategory, TemplateComponent, TemplateRecord, TemplateStatus } from "../state.ts";

const CATEGORIES: readonly TemplateCategory[] = ["MARKETING", "UTILITY", "AUTHENTICATION"];

/** Gives every WABA its own copy of the seed templates, with fresh ids. */
export function seedTemplates(state: SimState): void {
  for (const wabaId of state.accounts.keys()) {
    for (const seed of SEED_TEMPLATES) {
      const id = makeNumericId();
      state.templates.set(id, { ...structuredClone(seed), id, wabaId });
    }
  }
}

/** Templates of one WABA, in creation order. */
export const templatesOf = (state: SimState, wabaId: string): TemplateRecord[] =>
  [...state.templates.values()].filter((t) => t.wabaId === wabaId);

/** The body of `POST /{waba-id}/message_templates`, unvalidated. */
export type CreateTemplateBody = Record<string, unknown>;

const invalid = (details: string): GraphFailure => ({ code: 100, details });

/** Validates and stores a new template as PENDING, as Meta does while it reviews. */
export function createTemplate(
  state: SimState,
  { wabaId, body }: { wabaId: string; body: CreateTemplateBody },
): GraphResult<TemplateRecord> {
  const { name, category, language, components } = body;
  const parameterFormat = body.parameter_format ?? "POSITIONAL";
  if (typeof name !== "string" || !/^[a-z0-9_]{1,512}$/.test(name)) {
    return fail(invalid("name: must be 1–512 characters of lowercase letters, digits and underscores"));
  }
  if (typeof category !== "string" || !CATEGORIES.includes(category.toUpperCase() as TemplateCategory)) {
    return fail(invalid(`category: must be one of ${CATEGORIES.join(", ")}`));
  }
  if (typeof language !== "string" || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language))
    return fail(invalid("language: must be a language code such as pt_BR"));
  if (parameterFormat !== "POSITIONAL" && parameterFormat !== "NAMED")
    return fail(invalid("parameter_format: must be POSITIONAL or NAMED"));
  if (!Array.isArray(components) || !components.every((c) => typeof c === "object" && c !== null && typeof c.type === "string")) {
    return fail(invalid("components: must be an array of components, each with a type"));
  }
  const typed = components as TemplateComponent[];
  const body_ = typed.find((c) => c.type.toUpperCase() === "BODY");
  if (!body_ || typeof body_.text !== "string" || body_.text.length === 0 || body_.text.length > 1024) {
    return fail(invalid("components: a BODY component with a text of 1–1024 characters is required"));
  }
  if (templatesOf(state, wabaId).some((t) => t.name === name && t.language === language)) {
    return fail({ code: 100, subcode: 2388024, details: `Content in this language already exists: ${name} (${language})` });
  }
  const record: TemplateRecord = {
    id: makeNumericId(),
    wabaId,
    name,
    language,
    status: "PENDING",
    category: category.toUpperCase() as TemplateCategory,
    parameterFormat,
    components: structuredClone(typed).map((c) => ({ ...c, type: c.type.toUpperCase() })),
  };
  state.templates.set(record.id, record);
  return succeed(record);
}

/** Deletes every language of a template by name (or one translation with `hsmId`), as Meta's DELETE does. */
export function deleteTemplates(
  state: SimState,
  { wabaId, name, hsmId }: { wabaId: string; name: string; hsmId?: string },
): GraphResult<number> {
  const doomed = templatesOf(state, wabaId).filter((t) => t.name === name && (hsmId === undefined || t.id === hsmId));
  if (doomed.length === 0) return fail({ code: 100, subcode: 2593002, details: `Message template "${name}" not found` });
  for (const t of doomed) state.templates.delete(t.id);
  return succeed(doomed.length);
}

/** Review outcomes the control API can apply. */
export type TemplateReviewEvent = "APPROVED" | "REJECTED" | "PAUSED" | "DISABLED";

/** Every {@link TemplateReviewEvent}. */
export const TEMPLATE_REVIEW_EVENTS: readonly TemplateReviewEvent[] = ["APPROVED", "REJECTED", "PAUSED", "DISABLED"];

/** Moves a template to the state a review event leaves it in. */
export function applyTemplateEvent(template: TemplateRecord, { event, reason }: { event: TemplateReviewEvent; reason?: string }): void {
  const status: TemplateStatus = event;
  template.status = status;
  if (event === "REJECTED") template.rejectedReason = reason ?? "INVALID_FORMAT";
  else delete template.rejectedReason;
}
