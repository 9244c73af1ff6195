import { type TemplateDefinition, toCreationComponents, validateTemplateDefinition, WhatsAppError } from "@papo/whatsapp";
import { AppError, notFound } from "../../http/errors.ts";
import { type Channel, createChannelsRepo } from "../channels/repo.ts";
import { createTemplatesRepo, type StoredTemplate, type TemplateFilters } from "./repo.ts";
import type { CreateTemplateBody } from "./schemas.ts";
import { syncChannels, type TemplateSyncDeps } from "./sync.ts";

export type TemplatesServiceDeps = TemplateSyncDeps;

/** Meta's "template not found" on delete: it is already gone there. */
const TEMPLATE_NOT_FOUND_SUBCODE = 2593002;

/** Meta refused or failed: a refusal of the request itself (4xx but auth) is the caller's to fix; the rest is Meta's side. */
function whatsappError(error: WhatsAppError, doing: string): AppError {
  const refused = error.httpStatus !== undefined && error.httpStatus >= 400 && error.httpStatus < 500 && error.type !== "WhatsAppAuthError";
  const meta = `${error.title}${error.details ? ` (${error.details})` : ""}`;
  return new AppError({
    code: refused ? "templates.whatsapp_rejected" : "templates.whatsapp_error",
    status: refused ? 422 : 502,
    message: `WhatsApp refused to ${doing}: ${meta}`,
    details: { whatsappCode: error.code ?? null, whatsappSubcode: error.subcode ?? null, whatsappMessage: meta },
    cause: error,
  });
}

/** Meta failing a read is never the caller's fault. */
function syncError(error: WhatsAppError): AppError {
  const meta = `${error.title}${error.details ? ` (${error.details})` : ""}`;
  return new AppError({
    code: "templates.whatsapp_error",
    status: 502,
    message: `WhatsApp refused to list the templates: ${meta}`,
    details: { whatsappCode: error.code ?? null, whatsappMessage: meta },
    cause: error,
  });
}

async function channelOf(deps: TemplatesServiceDeps, workspaceId: string, channelId: string, field = "channelId"): Promise<Channel> {
  const channel = await createChannelsRepo({ db: deps.database.db, cipher: deps.cipher }).get(workspaceId, channelId);
  if (!channel)
    throw new AppError({ code: "channels.not_found", status: 404, message: `No channel with id ${channelId}`, details: { field } });
  return channel;
}

/** Live templates of the workspace, or of one number's WABA. */
export async function listTemplates(
  deps: TemplatesServiceDeps,
  workspaceId: string,
  { channelId, ...filters }: Omit<TemplateFilters, "wabaId"> & { channelId?: string | undefined },
): Promise<StoredTemplate[]> {
  const wabaId = channelId ? (await channelOf(deps, workspaceId, channelId)).wabaId : undefined;
  return createTemplatesRepo({ db: deps.database.db }).list(workspaceId, { ...filters, wabaId });
}

export async function getTemplate(deps: TemplatesServiceDeps, workspaceId: string, id: string): Promise<StoredTemplate> {
  const template = await createTemplatesRepo({ db: deps.database.db }).get(workspaceId, id);
  if (!template) throw notFound("templates", id);
  return template;
}

/** Reads the WABAs of one number or of every number of the workspace from Meta now. */
export async function syncTemplates(
  deps: TemplatesServiceDeps,
  workspaceId: string,
  { channelId }: { channelId?: string | undefined },
): Promise<{ channels: number; templates: number }> {
  const channels = channelId
    ? [await channelOf(deps, workspaceId, channelId)]
    : await createChannelsRepo({ db: deps.database.db, cipher: deps.cipher }).list(workspaceId);
  try {
    return await syncChannels(deps, channels);
  } catch (error) {
    if (error instanceof WhatsAppError) throw syncError(error);
    throw error;
  }
}

/**
 * Checks a new template against Meta's rules (naming the field), submits it through the number's WABA and keeps
 * Papo's copy as Meta answered (PENDING until the review's webhook).
 */
export async function createTemplate(deps: TemplatesServiceDeps, workspaceId: string, body: CreateTemplateBody): Promise<StoredTemplate> {
  const { channelId, ...definition } = body;
  const issues = validateTemplateDefinition(definition satisfies TemplateDefinition);
  const first = issues[0];
  if (first) {
    throw new AppError({
      code: "templates.invalid",
      status: 422,
      message: `${first.path}: ${first.message}`,
      details: { field: first.path, issues },
    });
  }
  const channel = await channelOf(deps, workspaceId, channelId);
  const components = toCreationComponents(definition);
  const parameterFormat = definition.parameterFormat ?? "POSITIONAL";
  const created = await deps
    .clientFor(channel)
    .createTemplate({
      wabaId: channel.wabaId,
      name: definition.name,
      category: definition.category,
      language: definition.language,
      parameterFormat,
      components,
    })
    .catch((error: unknown) => {
      throw error instanceof WhatsAppError ? whatsappError(error, "create the template") : error;
    });
  const row = await createTemplatesRepo({ db: deps.database.db }).insertCreated(workspaceId, {
    channelId: channel.id,
    wabaId: channel.wabaId,
    metaId: created.id,
    name: definition.name,
    language: definition.language,
    category: created.category || definition.category,
    status: created.status || "PENDING",
    parameterFormat,
    components,
    at: deps.clock.now(),
  });
  deps.events.emit({ type: "template.changed", workspaceId, templateId: row.id });
  return row;
}

/** Deletes one language of a template at Meta (by its `hsm_id`) and marks Papo's copy deleted. */
export async function deleteTemplate(deps: TemplatesServiceDeps, workspaceId: string, id: string): Promise<StoredTemplate> {
  const template = await getTemplate(deps, workspaceId, id);
  const channel = await channelOf(deps, workspaceId, template.channelId);
  try {
    await deps.clientFor(channel).deleteTemplate({ wabaId: template.wabaId, name: template.name, hsmId: template.metaId });
  } catch (error) {
    if (!(error instanceof WhatsAppError)) throw error;
    // Deleted elsewhere already: Papo's copy just catches up.
    if (error.subcode !== TEMPLATE_NOT_FOUND_SUBCODE) throw whatsappError(error, "delete the template");
  }
  await createTemplatesRepo({ db: deps.database.db }).markDeleted(workspaceId, id, deps.clock.now());
  deps.events.emit({ type: "template.changed", workspaceId, templateId: id });
  return template;
}
