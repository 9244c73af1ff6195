import type { FastifyRequest } from "fastify";
import { authOf } from "../../http/auth.ts";
import { actorOf } from "./trail.ts";

/** The workspace, actor and client address of an authenticated request, as an audit record names them. */
export function auditSource(request: FastifyRequest): { workspaceId: string; actor: ReturnType<typeof actorOf>; ip: string } {
  const ctx = authOf(request);
  return { workspaceId: ctx.workspaceId, actor: actorOf(ctx), ip: request.ip };
}
