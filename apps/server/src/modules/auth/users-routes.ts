import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { setGrants } from "../access/grants.ts";
import { effectivePermissions, grantsOf } from "../access/permissions.ts";
import { auditSource } from "../audit/request.ts";
import { recordUserCreated, recordUserUpdated } from "../audit/user-changes.ts";
import { createUsersRepo, type UserRow } from "./repo.ts";
import { createUserBody, updateUserBody, userSchema } from "./users-schemas.ts";
import { createUser, updateUser } from "./users-service.ts";

export { userSchema };

const toUserDto = (u: UserRow): z.infer<typeof userSchema> => ({
  id: u.id,
  workspaceId: u.workspaceId,
  name: u.name,
  email: u.email,
  role: u.role,
  active: u.disabledAt === null,
  permissions: grantsOf(u.permissions),
  effectivePermissions: effectivePermissions(u.role, u.permissions),
});

/** Who is logged in, the workspace's people (every user reads them, to pick assignees), and their management (admins). */
export async function userRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = () => createUsersRepo({ db: deps.database.db });
  const tags = ["users"];

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
        tags,
        summary: "The workspace's users, by name (active and deactivated)",
        response: { 200: z.object({ data: z.array(userSchema), nextCursor: z.null() }) },
      },
    },
    async (request) => ({ data: (await repo().list(authOf(request).workspaceId)).map(toUserDto), nextCursor: null }),
  );
  r.post(
    "/api/v1/users",
    {
      schema: {
        tags,
        summary: "Create a user (administrators)",
        body: createUserBody,
        response: { 201: userSchema, 400: errorResponse, 403: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      const { permissions, ...input } = request.body;
      const created = await createUser({ ctx, db: deps.database.db, input });
      const user = permissions?.length
        ? ((await setGrants(deps.database.db, ctx.workspaceId, created.id, permissions)) ?? created)
        : created;
      await recordUserCreated({ audit: deps.audit, source: auditSource(request), user });
      return reply.code(201).send(toUserDto(user));
    },
  );
  r.patch(
    "/api/v1/users/:id",
    {
      schema: {
        tags,
        summary: "Rename, change the role or permissions, deactivate/reactivate or reset the password of a user (administrators)",
        params: z.object({ id: z.uuid() }),
        body: updateUserBody,
        response: { 200: userSchema, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const { permissions, ...update } = request.body;
      const before = await repo().get(ctx.workspaceId, request.params.id);
      let user =
        Object.keys(update).length > 0
          ? await updateUser({ ctx, db: deps.database.db, clock: deps.clock, id: request.params.id, update, sessionId: request.sessionId })
          : await repo().get(ctx.workspaceId, request.params.id);
      if (user && permissions) user = await setGrants(deps.database.db, ctx.workspaceId, request.params.id, permissions);
      if (!user) throw notFound("users", request.params.id);
      if (before)
        await recordUserUpdated({
          audit: deps.audit,
          source: auditSource(request),
          before,
          after: user,
          passwordReset: update.password !== undefined,
        });
      return toUserDto(user);
    },
  );
}
