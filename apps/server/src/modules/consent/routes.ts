import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { ServiceContext } from "../../context.ts";
import { consentLanguages } from "../../db/schema/consent-settings.ts";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { canSeeContact } from "../access/scope.ts";
import { auditSource } from "../audit/request.ts";
import type { ConsentSettings } from "./defaults.ts";
import {
  type ContactConsentsDto,
  consentHistoryQuery,
  consentSettingsBody,
  consentSettingsSchema,
  contactConsentsSchema,
  contactParams,
  recordConsentBody,
} from "./schemas.ts";
import { type ConsentView, getConsents, recordConsent } from "./service.ts";
import { createConsentSettingsRepo } from "./settings-repo.ts";

const toDto = (contactId: string, view: ConsentView): ContactConsentsDto => {
  const current = (purpose: keyof ConsentView["current"]) => {
    const c = view.current[purpose];
    return { state: c.state, source: c.source, updatedAt: c.updatedAt?.toISOString() ?? null };
  };
  return {
    contactId,
    current: { service: current("service"), marketing: current("marketing") },
    history: view.history.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      state: r.state,
      source: r.source,
      evidence: r.evidence,
      messageId: r.messageId,
      recordedBy: r.recordedBy.type === "user" ? r.recordedBy : { type: "system", id: null, name: r.recordedBy.name },
      recordedAt: r.recordedAt.toISOString(),
    })),
  };
};

/** The names of the settings that differ (the audit log records which changed, not the wording). */
function changedSettings(before: ConsentSettings, after: ConsentSettings): string[] {
  return (Object.keys(after) as Array<keyof ConsentSettings>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** Consent per contact and purpose (LGPD), and the workspace's opt-out keyword policy. */
export async function consentRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  // A contact out of the caller's scope (no conversation they may see) is answered like one that does not exist.
  const requireContact = async (ctx: ServiceContext, contactId: string) => {
    if (!(await canSeeContact(db, ctx, contactId))) throw notFound("contacts", contactId);
  };
  const view = (workspaceId: string, contactId: string, limit: number) =>
    getConsents({ db, cipher: deps.cipher, workspaceId, contactId, limit });

  r.get(
    "/api/v1/contacts/:id/consents",
    {
      schema: {
        tags: ["contacts"],
        summary: "A contact's consent per purpose (service, marketing) and its history",
        params: contactParams,
        querystring: consentHistoryQuery,
        response: { 200: contactConsentsSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      await requireContact(ctx, request.params.id);
      return toDto(request.params.id, await view(ctx.workspaceId, request.params.id, request.query.limit));
    },
  );

  r.post(
    "/api/v1/contacts/:id/consents",
    {
      schema: {
        tags: ["contacts"],
        summary: "Record a consent decision (grant or withdraw) for one purpose",
        description:
          "Appends to the contact's history and becomes the purpose's current state; audited as `contact.consent_changed`. Marketing (campaigns, MARKETING templates) goes only to contacts whose marketing consent is `granted`.",
        params: contactParams,
        body: recordConsentBody,
        response: { 201: contactConsentsSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      await requireContact(ctx, request.params.id);
      await recordConsent({
        deps: { db, cipher: deps.cipher, clock: deps.clock, audit: deps.audit, events: deps.events },
        ctx,
        contactId: request.params.id,
        decision: request.body,
        ip: request.ip,
      });
      return reply.code(201).send(toDto(request.params.id, await view(ctx.workspaceId, request.params.id, 100)));
    },
  );

  const settings = () => createConsentSettingsRepo({ db });
  r.get(
    "/api/v1/workspace/consent",
    {
      schema: {
        tags: ["workspace"],
        summary: "The workspace's opt-out and opt-in keywords and confirmation replies",
        response: { 200: consentSettingsSchema },
      },
    },
    async (request) => settings().get(authOf(request).workspaceId),
  );

  r.put(
    "/api/v1/workspace/consent",
    {
      schema: {
        tags: ["workspace"],
        summary: "Replace the workspace's opt-out policy",
        description: `A customer message that is exactly a keyword (ignoring case, accents and surrounding punctuation) withdraws (opt-out) or grants again (opt-in) their marketing consent and is answered with the confirmation in the keyword's language (${consentLanguages.join(", ")}).`,
        body: consentSettingsBody,
        response: { 200: consentSettingsSchema, 400: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const before = await settings().get(workspaceId);
      const saved = await settings().put(workspaceId, request.body, deps.clock.now());
      await deps.audit.record({
        ...auditSource(request),
        action: "settings.changed",
        target: { type: "workspace", id: workspaceId },
        details: { setting: "consent", fields: changedSettings(before, saved) },
      });
      return saved;
    },
  );
}
