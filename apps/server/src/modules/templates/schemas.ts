import { z } from "zod";
import { templateCategories, templateStatuses } from "../../db/schema/message-templates.ts";

const variableSchema = z.object({
  key: z.string().describe("`header.1`, `header.media`, `header.location`, `body.1` / `body.first_name`, `button.<index>`"),
  component: z.enum(["header", "body", "button"]),
  name: z.string().describe("The positional number, the parameter name, or the button's index"),
  kind: z.enum([
    "text",
    "currency",
    "date_time",
    "image",
    "video",
    "document",
    "location",
    "payload",
    "url_suffix",
    "coupon_code",
    "flow_token",
  ]),
  example: z.string().optional().describe("Meta's example for it, when the template has one"),
  buttonIndex: z.number().int().optional(),
  optional: z.boolean().optional().describe("A quick-reply payload defaults to the button's label, a flow token to `unused`"),
});

export const templateSchema = z.object({
  id: z.uuid(),
  channelId: z.uuid().describe("The number the template was read through (templates belong to the WABA: every number of it shares them)"),
  wabaId: z.string(),
  metaId: z.string().describe("Meta's template id (`hsm_id`), one per name and language"),
  name: z.string(),
  language: z.string().describe("e.g. `pt_BR`"),
  category: z.string().describe("MARKETING, UTILITY or AUTHENTICATION"),
  status: z.string().describe(`Meta's review status: ${templateStatuses.join(", ")}; only APPROVED can be sent`),
  statusReason: z.string().nullable().describe("Why it was rejected, paused or disabled, as Meta said"),
  quality: z.string().describe("GREEN, YELLOW, RED or UNKNOWN"),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]),
  components: z.array(z.unknown()).describe("Meta's components (HEADER, BODY, FOOTER, BUTTONS) as Meta lists them"),
  variables: z.array(variableSchema).describe("What a send must fill, in order"),
  syncedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TemplateDto = z.infer<typeof templateSchema>;

export const listTemplatesQuery = z.object({
  channelId: z.uuid().optional().describe("Only the templates of this number's WABA"),
  status: z
    .string()
    .regex(/^[A-Z_]{1,40}$/)
    .optional()
    .describe("e.g. APPROVED"),
  category: z.enum(templateCategories).optional(),
  language: z.string().max(20).optional(),
  q: z.string().max(200).optional().describe("Part of the name"),
});

export const syncTemplatesBody = z
  .object({ channelId: z.uuid().optional().describe("Only this number's WABA; every number of the workspace when absent") })
  .default({});

export const syncResultSchema = z.object({
  channels: z.number().int().describe("WABAs read (one number per WABA)"),
  templates: z.number().int().describe("Templates Meta listed"),
});

const label = z.string().min(1).max(200);

const headerBody = z.discriminatedUnion("format", [
  z.object({ format: z.literal("TEXT"), text: z.string().max(200), example: z.string().max(200).optional() }),
  z.object({
    format: z.enum(["IMAGE", "VIDEO", "DOCUMENT"]),
    exampleUrl: z.string().max(2000).optional().describe("Example media for Meta's review: an upload handle or a link"),
  }),
  z.object({ format: z.literal("LOCATION") }),
]);

const buttonBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("QUICK_REPLY"), text: label }),
  z.object({
    type: z.literal("URL"),
    text: label,
    url: z.string().max(2100).describe("May end with {{1}}, the part each send fills"),
    example: z.string().max(2100).optional().describe("A full URL example, required with a variable"),
  }),
  z.object({ type: z.literal("PHONE_NUMBER"), text: label, phoneNumber: z.string().max(40) }),
  z.object({ type: z.literal("COPY_CODE"), example: z.string().max(100).describe("A sample coupon code (≤ 15 characters)") }),
  z.object({
    type: z.literal("FLOW"),
    text: label,
    flowId: z.string().max(40),
    flowAction: z.enum(["navigate", "data_exchange"]).optional(),
    navigateScreen: z.string().max(200).optional(),
  }),
]);

export const createTemplateBody = z.object({
  channelId: z.uuid().describe("The number whose WABA gets the template"),
  name: z.string().max(600).describe("Lower-case letters, digits and underscores"),
  category: z.enum(templateCategories),
  language: z.string().max(20).describe("e.g. pt_BR"),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]).optional().describe("POSITIONAL ({{1}}) by default; NAMED ({{first_name}})"),
  header: headerBody.optional(),
  body: z.object({
    text: z.string().max(2000),
    examples: z
      .union([z.array(z.string().max(1000)).max(100), z.record(z.string(), z.string().max(1000))])
      .optional()
      .describe("One example per variable: a list for positional variables, name → example for named ones"),
  }),
  footer: z.object({ text: z.string().max(200) }).optional(),
  buttons: z.array(buttonBody).max(20).optional(),
});
export type CreateTemplateBody = z.infer<typeof createTemplateBody>;
