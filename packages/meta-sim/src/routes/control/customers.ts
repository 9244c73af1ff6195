import type { FastifyInstance } from "fastify";
import type { SimContext } from "../../context.ts";
import { customerView } from "../../control/customer-view.ts";
import { parseCustomerMessage } from "../../inbound/parse-customer-message.ts";
import { sendAsCustomer } from "../../inbound/send-as-customer.ts";
import { withControlErrors } from "./reply.ts";

/** Acting as a customer, and reading what the business sent them. */
export function registerCustomerControlRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.post("/_sim/customers/messages", (request, reply) =>
    withControlErrors(reply, () => sendAsCustomer(ctx, parseCustomerMessage(request.body))),
  );

  app.get<{ Params: { waId: string } }>("/_sim/customers/:waId/messages", (request, reply) =>
    withControlErrors(reply, () => customerView(ctx.state, request.params.waId)),
  );
}
