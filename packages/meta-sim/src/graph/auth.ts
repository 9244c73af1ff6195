import type { FastifyReply, FastifyRequest } from "fastify";
import type { SimContext } from "../context.ts";
import { sendGraphFailure } from "./reply.ts";

const VERSION = /^v\d{1,2}\.0$/;

/** The bearer token of a Graph call: `Authorization: Bearer …`, or Graph's `access_token` query parameter. */
export function accessTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  if (match?.[1]) return match[1];
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.access_token === "string" ? query.access_token : undefined;
}

/**
 * `onRequest` hook of every Graph route: the API version must look like Meta's (`v23.0`), and the bearer token must
 * be one the simulator accepts. Failures answer Meta's bodies: 2500 for a bad path, 190 with HTTP 401 for tokens.
 */
export function graphGuard(ctx: SimContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const params = request.params as Record<string, unknown> | undefined;
    const version = params?.version;
    if (typeof version === "string" && !VERSION.test(version)) {
      await sendGraphFailure(reply, {
        code: 2500,
        httpStatus: 400,
        message: `Unknown path components: /${version}`,
        details: "The API version must look like v23.0",
      });
      return;
    }
    const token = accessTokenOf(request);
    if (token === undefined) {
      await sendGraphFailure(reply, {
        code: 190,
        message: "An access token is required to request this resource.",
        details: "Missing Authorization: Bearer <token>",
      });
      return;
    }
    if (!ctx.options.accessTokens.includes(token)) {
      await sendGraphFailure(reply, {
        code: 190,
        message: "Invalid OAuth access token - Cannot parse access token",
        details: "The access token is not valid for this simulator",
      });
    }
  };
}
