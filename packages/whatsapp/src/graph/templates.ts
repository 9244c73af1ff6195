import { validationError } from "../errors/local-errors.ts";
import { type GraphContext, segment } from "./context.ts";
import { createdTemplateSchema, successSchema, templateListSchema } from "./responses.ts";
import type {
  CreatedTemplate,
  MessageTemplate,
  SuccessResult,
  TemplateCategory,
  TemplateDefinitionComponent,
  TemplatePage,
} from "./types.ts";

const FIELDS = "name,status,category,language,components,parameter_format";
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

/** Options of `listTemplates`. */
export interface ListTemplatesParams {
  wabaId: string;
  /** e.g. `APPROVED`. */
  status?: string;
  name?: string;
  limit?: number;
  /** `nextCursor` of the previous page. */
  after?: string;
}

/** Lists a WABA's templates, one page at a time. */
export async function listTemplates({ ctx, params }: { ctx: GraphContext; params: ListTemplatesParams }): Promise<TemplatePage> {
  const answer = await ctx.http.request({
    method: "GET",
    path: `${segment(params.wabaId)}/message_templates`,
    query: { fields: FIELDS, status: params.status, name: params.name, limit: params.limit, after: params.after },
    schema: templateListSchema,
    expected: "{ data: [...] }",
  });
  const data = answer.data.map(
    ({ id, name, status, category, language, components, parameter_format }): MessageTemplate => ({
      id,
      name,
      status,
      category,
      language,
      components,
      ...(parameter_format === undefined ? {} : { parameterFormat: parameter_format }),
    }),
  );
  // Meta returns cursors on the last page too; only `paging.next` says another page exists.
  const after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
  return after ? { data, nextCursor: after } : { data };
}

/** Options of `createTemplate`. `components` use Meta's creation format (upper-case `HEADER`, `BODY`, `FOOTER`, `BUTTONS`). */
export interface CreateTemplateParams {
  wabaId: string;
  /** Lower-case letters, digits and underscores, ≤512 characters. */
  name: string;
  category: TemplateCategory;
  language: string;
  components: TemplateDefinitionComponent[];
  parameterFormat?: "POSITIONAL" | "NAMED";
}

/** Submits a template for review; it starts `PENDING`. */
export async function createTemplate({ ctx, params }: { ctx: GraphContext; params: CreateTemplateParams }): Promise<CreatedTemplate> {
  if (!TEMPLATE_NAME.test(params.name)) {
    throw validationError({ issues: [{ path: "name", message: "template names use lower-case letters, digits and underscores (≤512)" }] });
  }
  return ctx.http.request({
    method: "POST",
    path: `${segment(params.wabaId)}/message_templates`,
    json: {
      name: params.name,
      category: params.category,
      language: params.language,
      ...(params.parameterFormat === undefined ? {} : { parameter_format: params.parameterFormat }),
      components: params.components,
    },
    schema: createdTemplateSchema,
    expected: "{ id, status, category }",
  });
}

/** Deletes a template: by name removes every language; with `hsmId` only that one translation. */
export async function deleteTemplate({
  ctx,
  params,
}: {
  ctx: GraphContext;
  params: { wabaId: string; name: string; hsmId?: string };
}): Promise<SuccessResult> {
  return ctx.http.request({
    method: "DELETE",
    path: `${segment(params.wabaId)}/message_templates`,
    query: { name: params.name, hsm_id: params.hsmId },
    schema: successSchema,
    expected: "{ success: true }",
  });
}
