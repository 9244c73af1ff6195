import { type MessageTemplate, WhatsAppError } from "@papo/whatsapp";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../http/errors.ts";
import type { Channel } from "./repo.ts";

const CACHE_MS = 60_000;
const MAX_PAGES = 10;

/**
 * A channel's message templates, read from its WhatsApp Business Account through the Graph API and kept a minute, so
 * opening the template picker does not call Meta every time (management calls are rate-limited per WABA).
 */
export function createTemplatesReader(deps: Pick<Deps, "clientFor" | "clock">) {
  const cache = new Map<string, { at: number; templates: MessageTemplate[] }>();
  return async function listTemplates(channel: Channel): Promise<MessageTemplate[]> {
    const now = deps.clock.now().getTime();
    const cached = cache.get(channel.id);
    if (cached && now - cached.at < CACHE_MS) return cached.templates;
    const client = deps.clientFor(channel);
    const templates: MessageTemplate[] = [];
    let after: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await client.listTemplates({ wabaId: channel.wabaId, limit: 100, ...(after ? { after } : {}) });
        templates.push(...result.data);
        after = result.nextCursor;
        if (!after) break;
      }
    } catch (error) {
      if (!(error instanceof WhatsAppError)) throw error;
      throw new AppError({
        code: "channels.whatsapp_error",
        status: 502,
        message: `WhatsApp refused to list the templates: ${error.title}${error.details ? ` (${error.details})` : ""}`,
        details: { whatsappCode: error.code ?? null },
      });
    }
    cache.set(channel.id, { at: now, templates });
    return templates;
  };
}

/** A template's category as Meta knows it (MARKETING, UTILITY, AUTHENTICATION), or undefined for a name it lacks. */
export type TemplateCategoryLookup = (channel: Channel, name: string, language: string) => Promise<string | undefined>;

const readers = new WeakMap<Deps["clientFor"], ReturnType<typeof createTemplatesReader>>();

/** One reader (one cache) per application: the template picker and the senders' consent check share it. */
export function templatesReaderOf(deps: Pick<Deps, "clientFor" | "clock">): ReturnType<typeof createTemplatesReader> {
  let reader = readers.get(deps.clientFor);
  if (!reader) {
    reader = createTemplatesReader(deps);
    readers.set(deps.clientFor, reader);
  }
  return reader;
}

/** Looks categories up through the application's templates reader (so through its one-minute cache). */
export function templateCategoryLookupOf(deps: Pick<Deps, "clientFor" | "clock">): TemplateCategoryLookup {
  const listTemplates = templatesReaderOf(deps);
  return async (channel, name, language) =>
    (await listTemplates(channel)).find((template) => template.name === name && template.language === language)?.category;
}
