import type { FastifyReply } from "fastify";
import { ControlInputError } from "../../control/fields.ts";

/** The control API's error body: `{ error: { code, message, field? } }`. */
export interface ControlErrorBody {
  error: { code: string; message: string; field?: string };
}

/** Runs a control handler, answering a {@link ControlInputError} with 400 and the field it names. */
export async function withControlErrors(reply: FastifyReply, run: () => unknown): Promise<FastifyReply> {
  try {
    const result = await run();
    return reply.send(result);
  } catch (error) {
    if (error instanceof ControlInputError) {
      const body: ControlErrorBody = {
        error: { code: "invalid_request", message: error.message, ...(error.field ? { field: error.field } : {}) },
      };
      return reply.code(400).send(body);
    }
    throw error;
  }
}
