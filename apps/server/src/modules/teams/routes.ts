import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { errorResponse } from "../../http/pagination.ts";
import type { Team } from "./repo.ts";
import { createTeamBody, type TeamDto, teamListSchema, teamParams, teamSchema, updateTeamBody } from "./schemas.ts";
import { createTeam, deleteTeam, listTeams, updateTeam } from "./service.ts";

const toDto = (team: Team): TeamDto => ({
  id: team.id,
  name: team.name,
  memberIds: team.memberIds,
  createdAt: team.createdAt.toISOString(),
});

/** Groups of agents the reports filter and compare by; anyone reads them, those who manage people change them. */
export async function teamRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["teams"];

  r.get(
    "/api/v1/teams",
    { schema: { tags, summary: "List the workspace's teams by name, with their members", response: { 200: teamListSchema } } },
    async (request) => (await listTeams(deps, authOf(request))).map(toDto),
  );
  r.post(
    "/api/v1/teams",
    {
      schema: {
        tags,
        summary: "Create a team (users.manage)",
        body: createTeamBody,
        response: { 201: teamSchema, 400: errorResponse, 403: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => reply.code(201).send(toDto(await createTeam(deps, authOf(request), request.body, request.ip))),
  );
  r.patch(
    "/api/v1/teams/:id",
    {
      schema: {
        tags,
        summary: "Rename a team or replace its members (users.manage)",
        params: teamParams,
        body: updateTeamBody,
        response: { 200: teamSchema, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => toDto(await updateTeam(deps, authOf(request), request.params.id, request.body, request.ip)),
  );
  r.delete(
    "/api/v1/teams/:id",
    {
      schema: {
        tags,
        summary: "Delete a team (users.manage); its members stay users of the workspace",
        params: teamParams,
        response: { 204: z.null(), 403: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteTeam(deps, authOf(request), request.params.id, request.ip);
      return reply.code(204).send(null);
    },
  );
}
