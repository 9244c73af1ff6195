import { graphErrorBody, lookupErrorCode } from "@papo/whatsapp";
import type { FastifyReply } from "fastify";
import type { GraphFailure } from "./failure.ts";

/** The HTTP status Meta answers `failure` with. */
export function httpStatusOf(failure: GraphFailure): number {
  return failure.httpStatus ?? lookupErrorCode(failure.code)?.httpStatus ?? 400;
}

/** Sends `failure` as Meta's synchronous error body, with the status Meta uses for that code. */
export function sendGraphFailure(reply: FastifyReply, failure: GraphFailure): FastifyReply {
  const body = graphErrorBody({
    code: failure.code,
    ...(failure.details === undefined ? {} : { details: failure.details }),
    ...(failure.message === undefined ? {} : { message: failure.message }),
    ...(failure.subcode === undefined ? {} : { subcode: failure.subcode }),
  });
  // Graph marks token failures the OAuth way; clients that only look at headers see the same thing.
  if (failure.code === 190) reply.header("www-authenticate", 'OAuth "Facebook Platform" "invalid_token"');
  return reply.code(httpStatusOf(failure)).send(body);
}
