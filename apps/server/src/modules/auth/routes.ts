import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { errorResponse } from "../../http/pagination.ts";
import { createUsersRepo } from "./repo.ts";
import { login } from "./service.ts";

const userSchema = z.object({ id: z.uuid(), workspaceId: z.uuid(), name: z.string(), email: z.string(), role: z.string() });

/** `POST /api/v1/auth/login`: the one API route without a bearer token. */
export async function authRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/auth/login",
    {
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Log in with e-mail and password; returns a bearer token",
        body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }),
        response: { 200: z.object({ token: z.string(), expiresIn: z.number(), user: userSchema }), 401: errorResponse },
      },
    },
    async (request) =>
      login({
        email: request.body.email,
        password: request.body.password,
        usersRepo: createUsersRepo({ db: deps.database.db }),
        tokens: deps.tokens,
      }),
  );
}
