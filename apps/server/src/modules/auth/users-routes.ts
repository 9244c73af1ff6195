import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { createUsersRepo, type UserRow } from "./repo.ts";

export const userSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  active: z.boolean(),
});

const toUserDto = (u: UserRow): z.infer<typeof userSchema> => ({
  id: u.id,
  workspaceId: u.workspaceId,
  name: u.name,
  email: u.email,
  role: u.role,
  active: u.disabledAt === null,
});

/** Who is logged in, and the workspace's people (for assignment). Managing users comes with the security work. */
export async function userRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = () => createUsersRepo({ db: deps.database.db });

  r.get(
    "/api/v1/auth/me",
    { schema: { tags: ["auth"], summary: "The logged-in user", response: { 200: userSchema, 401: errorResponse } } },
    async (request) => {
      const ctx = authOf(request);
      const user = ctx.actor.type === "user" ? await repo().get(ctx.workspaceId, ctx.actor.userId) : undefined;
      if (!user)
        throw new AppError({ code: "auth.invalid_token", status: 401, message: "The token's user no longer exists: log in again" });
      return toUserDto(user);
    },
  );
  r.get(
    "/api/v1/users",
    {
      schema: {
        tags: ["users"],
        summary: "The workspace's users, by name",
        response: { 200: z.object({ data: z.array(userSchema), nextCursor: z.null() }) },
      },
    },
    async (request) => ({ data: (await repo().list(authOf(request).workspaceId)).map(toUserDto), nextCursor: null }),
  );
}
