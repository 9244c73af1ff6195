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
