import type { FastifyInstance } from "fastify";
import type { SimContext } from "../../context.ts";
import { parseFaults } from "../../control/parse-faults.ts";
import { withControlErrors } from "./reply.ts";

/** Fault scenarios: add (`POST`, appends), list (`GET`), clear (`DELETE`). */
export function registerFaultControlRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get("/_sim/faults", (_request, reply) => withControlErrors(reply, () => ({ faults: ctx.faults.list() })));

  app.post("/_sim/faults", (request, reply) =>
    withControlErrors(reply, () => {
      ctx.faults.add(parseFaults(request.body));
      return { faults: ctx.faults.list() };
    }),
  );

  app.delete("/_sim/faults", (_request, reply) =>
    withControlErrors(reply, () => {
      ctx.faults.clear();
      return { faults: [] };
    }),
  );
}
