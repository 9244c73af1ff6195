import type { FastifyInstance } from "fastify";
import type { SimContext } from "../../context.ts";
import { applyConfigPatch, parseConfigPatch } from "../../control/parse-config.ts";
import { deliverRawWebhook, parseRawWebhook } from "../../control/raw-webhook.ts";
import { resetSim } from "../../control/reset.ts";
import { changeTemplateStatus, parseTemplateStatusChange } from "../../control/template-status.ts";
import { ALL_TEMPLATE_FIELDS, templateToGraph } from "../../templates/to-graph.ts";
import { withControlErrors } from "./reply.ts";

/** A summary of the running simulator, for people and for Papo's sandbox set-up screen. */
function describeSim(ctx: SimContext) {
  return {
    name: "meta-sim",
    url: ctx.publicUrl(),
    graphBaseUrl: `${ctx.publicUrl()}/v24.0`,
    accessTokens: ctx.options.accessTokens,
    businessAccounts: [...ctx.state.accounts.values()].map((account) => ({
      wabaId: account.wabaId,
      name: account.name,
      phoneNumbers: account.phoneNumberIds.flatMap((id) => {
        const number = ctx.state.phoneNumbers.get(id);
        return number ? [{ id, displayPhoneNumber: number.displayPhoneNumber, verifiedName: number.verifiedName }] : [];
      }),
    })),
    config: ctx.config,
  };
}

/** Reset, configuration, the delivery log, raw webhooks and template review decisions. */
export function registerAdminControlRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get("/_sim", (_request, reply) => withControlErrors(reply, () => describeSim(ctx)));

  app.post("/_sim/reset", (_request, reply) =>
    withControlErrors(reply, () => {
      resetSim(ctx);
      return { reset: true };
    }),
  );

  app.get("/_sim/config", (_request, reply) => withControlErrors(reply, () => ctx.config));

  app.patch("/_sim/config", (request, reply) =>
    withControlErrors(reply, () => {
      applyConfigPatch(ctx.config, parseConfigPatch(request.body));
      return ctx.config;
    }),
  );

  app.get("/_sim/webhooks", (_request, reply) => withControlErrors(reply, () => ({ deliveries: ctx.delivery.log() })));

  app.post("/_sim/webhooks/raw", (request, reply) =>
    withControlErrors(reply, () => {
      const entry = deliverRawWebhook(ctx, parseRawWebhook(request.body));
      return { deliveryId: entry.id, state: entry.state };
    }),
  );

  app.post<{ Params: { id: string } }>("/_sim/templates/:id/status", (request, reply) =>
    withControlErrors(reply, () => {
      const changed = changeTemplateStatus(ctx, { idOrName: request.params.id, change: parseTemplateStatusChange(request.body) });
      return { templates: changed.map((t) => templateToGraph(t, ALL_TEMPLATE_FIELDS)) };
    }),
  );
}
