import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { errorResponse } from "../../http/pagination.ts";
import { updateWorkspaceSettingsBody, workspaceSettingsSchema } from "./settings-schemas.ts";
import { getWorkspaceSettings, parseBusinessHours, updateWorkspaceSettings } from "./settings-service.ts";

export async function workspaceSettingsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["workspace"];

  r.get(
    "/api/v1/workspace/settings",
    {
      schema: {
        tags,
        summary: "The workspace's name and time zone (anyone signed in: the console shows dates in it)",
        response: { 200: workspaceSettingsSchema },
      },
    },
    async (request) => getWorkspaceSettings(deps, authOf(request)),
  );

  r.patch(
    "/api/v1/workspace/settings",
    {
      schema: {
        tags,
        summary: "Rename the workspace or change its time zone (settings.manage)",
        body: updateWorkspaceSettingsBody,
        response: { 200: workspaceSettingsSchema, 400: errorResponse, 403: errorResponse, 422: errorResponse },
      },
    },
    async (request) =>
      updateWorkspaceSettings({
        deps,
        ctx: authOf(request),
        input: {
          ...(request.body.name !== undefined ? { name: request.body.name } : {}),
          ...(request.body.timeZone !== undefined ? { timeZone: request.body.timeZone } : {}),
          ...(request.body.businessHours !== undefined ? { businessHours: parseBusinessHours(request.body.businessHours) } : {}),
        },
        ip: request.ip,
      }),
  );
}
