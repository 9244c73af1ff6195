import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { auditSource } from "../audit/request.ts";
import { createChannelsRepo } from "../channels/repo.ts";
import { botSettingsSchema, channelParams } from "./schemas.ts";
import { createBotSettingsRepo } from "./settings-repo.ts";

/** The hybrid bot's rules per WhatsApp number. */
export async function botSettingsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["bot"];
  const requireChannel = async (workspaceId: string, channelId: string) => {
    if (!(await createChannelsRepo({ db: deps.database.db, cipher: deps.cipher }).get(workspaceId, channelId)))
      throw notFound("channels", channelId);
  };

  r.get(
    "/api/v1/channels/:id/bot",
    {
      schema: {
        tags,
        summary: "The number's bot settings (defaults when never saved: mode off)",
        params: channelParams,
        response: { 200: botSettingsSchema, 404: errorResponse },
      },
    },
    async (request) => {
      await requireChannel(authOf(request).workspaceId, request.params.id);
      return createBotSettingsRepo({ db: deps.database.db }).get(request.params.id);
    },
  );

  r.put(
    "/api/v1/channels/:id/bot",
    {
      schema: {
        tags,
        summary: "Replace the number's bot settings",
        params: channelParams,
        body: botSettingsSchema,
        response: { 200: botSettingsSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      await requireChannel(workspaceId, request.params.id);
      const repo = createBotSettingsRepo({ db: deps.database.db });
      const before = await repo.get(request.params.id);
      await repo.put(workspaceId, request.params.id, request.body, deps.clock.now());
      const changed = (Object.keys(request.body) as Array<keyof typeof request.body>).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(request.body[key]),
      );
      await deps.audit.record({
        ...auditSource(request),
        action: "settings.changed",
        target: { type: "channel", id: request.params.id },
        details: { area: "bot", fields: changed, mode: request.body.mode },
      });
      return repo.get(request.params.id);
    },
  );
}
