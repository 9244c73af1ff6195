import type { TemplateRecord } from "../state.ts";

/** Every field the simulator can show, for the control API's fuller view. */
export const ALL_TEMPLATE_FIELDS = [
  "name",
  "parameter_format",
  "components",
  "language",
  "status",
  "category",
  "sub_category",
  "rejected_reason",
  "quality_score",
  "id",
] as const;

/** Fields Meta returns when the caller does not ask for specific ones. */
const DEFAULT_FIELDS = ["name", "parameter_format", "components", "language", "status", "category", "id"] as const;

/** A template as `GET /{waba-id}/message_templates` lists it; `fields` restricts the keys (`id` is always present). */
export function templateToGraph(template: TemplateRecord, fields?: readonly string[]): Record<string, unknown> {
  const full: Record<string, unknown> = {
    name: template.name,
    parameter_format: template.parameterFormat,
    components: template.components,
    language: template.language,
    status: template.status,
    category: template.category,
    sub_category: template.category === "UTILITY" ? "CUSTOM" : undefined,
    rejected_reason: template.rejectedReason ?? "NONE",
    quality_score: { score: template.status === "PAUSED" ? "RED" : "GREEN" },
    id: template.id,
  };
  const wanted = fields && fields.length > 0 ? [...new Set([...fields, "id"])] : DEFAULT_FIELDS;
  return Object.fromEntries(wanted.filter((key) => full[key] !== undefined).map((key) => [key, full[key]]));
}
