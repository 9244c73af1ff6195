import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { badRequest, notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { createChannelsRepo } from "../channels/repo.ts";
import { createChannelMembersRepo } from "./members-repo.ts";

const membersSchema = z.object({
  userIds: z.array(z.uuid()).describe("The users who work this number, by name"),
});

/**
 * `GET/PUT /api/v1/channels/:id/members`: who works a WhatsApp number. Users without `conversations.see_all` see the
 * conversations of the numbers they are a member of (and those assigned to them).
 */
export async function channelMemberRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const params = z.object({ id: z.uuid() });
  const tags = ["channels"];
  const requireChannel = async (workspaceId: string, id: string) => {
    if (!(await createChannelsRepo({ db, cipher: deps.cipher }).get(workspaceId, id))) throw notFound("channels", id);
  };

  r.get(
    "/api/v1/channels/:id/members",
    {
      schema: {
        tags,
        summary: "The number's members (needs channels.manage)",
        params,
        response: { 200: membersSchema, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const ws = authOf(request).workspaceId;
      await requireChannel(ws, request.params.id);
      return { userIds: await createChannelMembersRepo({ db }).list(ws, request.params.id) };
    },
  );

  r.put(
    "/api/v1/channels/:id/members",
    {
      schema: {
        tags,
        summary: "Replace the number's members (needs channels.manage)",
        params,
        body: z.object({ userIds: z.array(z.uuid()).max(1000) }),
        response: { 200: membersSchema, 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const ws = authOf(request).workspaceId;
      const userIds = [...new Set(request.body.userIds)];
      await requireChannel(ws, request.params.id);
      return db.transaction(async (tx) => {
        const repo = createChannelMembersRepo({ db: tx });
        const known = await repo.existingUsers(ws, userIds);
        const unknown = request.body.userIds.findIndex((id) => !known.has(id));
        if (unknown >= 0) {
          const field = `userIds.${unknown}`;
          throw badRequest("channels.unknown_member", `${field}: no user ${request.body.userIds[unknown]} in this workspace`, { field });
        }
        await repo.replace(ws, request.params.id, userIds);
        return { userIds: await repo.list(ws, request.params.id) };
      });
    },
  );
}
