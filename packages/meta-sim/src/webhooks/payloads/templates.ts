import type { TemplateRecord } from "../../state.ts";

/** The `message_template_status_update` webhook for a review event (meta-cloud-api.md §4.7). */
export function templateStatusEnvelope({
  template,
  event,
  reason,
  atMs,
}: {
  template: TemplateRecord;
  event: string;
  reason?: string;
  atMs: number;
}): Record<string, unknown> {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: template.wabaId,
        time: Math.floor(atMs / 1000),
        changes: [
          {
            value: {
              event,
              // Meta sends the template id as a JSON number here, unlike everywhere else.
              message_template_id: Number(template.id),
              message_template_name: template.name,
              message_template_language: template.language,
              reason: reason ?? (event === "REJECTED" ? "INVALID_FORMAT" : "NONE"),
              message_template_category: template.category,
            },
            field: "message_template_status_update",
          },
        ],
      },
    ],
  };
}
