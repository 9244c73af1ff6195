import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { CopilotFeature } from "../../db/schema/ai-settings.ts";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { auditSource } from "../audit/request.ts";
import { copilotFor, invalidateCopilot } from "./copilot-for.ts";
import {
  type AiSettingsDto,
  aiSettingsBody,
  aiSettingsSchema,
  copilotStatusSchema,
  providerTestSchema,
  usageQuery,
  usageSchema,
} from "./schemas.ts";
import { type AiSettings, createAiSettingsRepo } from "./settings-repo.ts";
import { createAiUsageRepo, usageMonth } from "./usage-repo.ts";

const toDto = (settings: AiSettings): AiSettingsDto => {
  const { provider } = settings;
  return {
    provider: provider
      ? {
          baseUrl: provider.baseUrl,
          chatModel: provider.chatModel,
          embeddingModel: provider.embeddingModel,
          transcriptionModel: provider.transcriptionModel,
          transcriptionAcceptsOgg: provider.transcriptionAcceptsOgg,
          timeoutMs: provider.timeoutMs,
          maxRetries: provider.maxRetries,
          hasApiKey: provider.apiKey !== "",
        }
      : null,
    features: settings.features,
    maskPersonalData: settings.maskPersonalData,
    monthlyTokenBudget: settings.monthlyTokenBudget,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
};

/** Names of what changed, for the audit log: field names only, and the key only as "provider.apiKey". */
function changedFields(before: AiSettings, after: AiSettings): string[] {
  const out: string[] = [];
  if (Boolean(before.provider) !== Boolean(after.provider)) out.push("provider");
  else if (before.provider && after.provider) {
    for (const key of Object.keys(after.provider) as Array<keyof typeof after.provider>)
      if (before.provider[key] !== after.provider[key]) out.push(`provider.${key}`);
  }
  for (const feature of Object.keys(after.features) as CopilotFeature[])
    if (before.features[feature] !== after.features[feature]) out.push(`features.${feature}`);
  if (before.maskPersonalData !== after.maskPersonalData) out.push("maskPersonalData");
  if (before.monthlyTokenBudget !== after.monthlyTokenBudget) out.push("monthlyTokenBudget");
  return out;
}

/** The workspace's AI settings, the provider check, usage against the budget, and what the copilot can do now. */
export async function copilotRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settingsRepo = () => createAiSettingsRepo({ db: deps.database.db, cipher: deps.cipher });

  r.get(
    "/api/v1/copilot/status",
    {
      schema: {
        tags: ["copilot"],
        summary: "What the copilot can do in this workspace now (engines, capabilities, feature switches)",
        response: { 200: copilotStatusSchema },
      },
    },
    async (request) => {
      const workspace = await copilotFor(deps, authOf(request).workspaceId);
      return {
        providerConfigured: workspace.copilot.providerConfigured,
        capabilities: [...workspace.copilot.capabilities],
        features: workspace.settings.features,
        maskPersonalData: workspace.settings.maskPersonalData,
      };
    },
  );

  r.get(
    "/api/v1/workspace/ai",
    {
      schema: {
        tags: ["workspace"],
        summary: "The workspace's AI provider, feature switches, masking and monthly budget (the key is never returned)",
        response: { 200: aiSettingsSchema },
      },
    },
    async (request) => toDto(await settingsRepo().get(authOf(request).workspaceId)),
  );

  r.put(
    "/api/v1/workspace/ai",
    {
      schema: {
        tags: ["workspace"],
        summary: "Replace the workspace's AI settings",
        description:
          'The API key is write-only: absent keeps the saved one, "" clears it. `provider: null` removes the provider (the built-in engine answers everything it can). Audited as `ai.settings_changed` with the names of the fields that changed.',
        body: aiSettingsBody,
        response: { 200: aiSettingsSchema, 400: errorResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const repo = settingsRepo();
      const before = await repo.get(workspaceId);
      const body = request.body;
      // The saved key was given for one server: sending it to another needs the key typed again, or anyone who may edit
      // the settings could point the URL at their own server and read the key from the first call.
      const keptKey = body.provider && body.provider.apiKey === undefined ? before.provider?.apiKey : undefined;
      if (body.provider && keptKey && before.provider && !sameOrigin(before.provider.baseUrl, body.provider.baseUrl))
        throw new AppError({
          code: "copilot.api_key_required",
          status: 422,
          message: "provider.apiKey: type the API key again to use it with another base URL",
          details: { field: "provider.apiKey" },
        });
      const provider = body.provider
        ? {
            baseUrl: body.provider.baseUrl,
            chatModel: body.provider.chatModel,
            embeddingModel: body.provider.embeddingModel,
            transcriptionModel: body.provider.transcriptionModel,
            transcriptionAcceptsOgg: body.provider.transcriptionAcceptsOgg,
            timeoutMs: body.provider.timeoutMs,
            maxRetries: body.provider.maxRetries,
            apiKey: body.provider.apiKey ?? before.provider?.apiKey ?? "",
          }
        : null;
      const features = { ...before.features };
      for (const [feature, on] of Object.entries(body.features ?? {})) if (on !== undefined) features[feature as CopilotFeature] = on;
      const next = {
        provider,
        features,
        maskPersonalData: body.maskPersonalData ?? before.maskPersonalData,
        monthlyTokenBudget: body.monthlyTokenBudget === undefined ? before.monthlyTokenBudget : body.monthlyTokenBudget,
      };
      const at = deps.clock.now();
      await repo.put(workspaceId, next, at);
      invalidateCopilot(deps, workspaceId);
      await deps.audit.record({
        ...auditSource(request),
        action: "ai.settings_changed",
        target: { type: "workspace", id: workspaceId },
        details: { fields: changedFields(before, { ...next, updatedAt: at }) },
      });
      return toDto(await repo.get(workspaceId));
    },
  );

  r.post(
    "/api/v1/workspace/ai/test",
    {
      schema: {
        tags: ["workspace"],
        summary: "Check the saved provider: a tiny chat call, and embeddings and transcription when configured",
        response: { 200: providerTestSchema },
      },
    },
    async (request) => {
      const workspace = await copilotFor(deps, authOf(request).workspaceId);
      if (!workspace.copilot.providerConfigured) return { ok: false, checks: [] };
      return workspace.copilot.testProvider();
    },
  );

  r.get(
    "/api/v1/workspace/ai/usage",
    {
      schema: {
        tags: ["workspace"],
        summary: "AI use of a month per feature and engine, against the monthly token budget",
        querystring: usageQuery,
        response: { 200: usageSchema, 400: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const month = request.query.month ?? usageMonth(deps.clock.now());
      const usage = createAiUsageRepo({ db: deps.database.db });
      const [settings, rows] = await Promise.all([settingsRepo().get(workspaceId), usage.month(workspaceId, month)]);
      const usedTokens = rows.reduce((sum, row) => sum + row.inputTokens + row.outputTokens, 0);
      const budgetTokens = settings.monthlyTokenBudget;
      return {
        month,
        budgetTokens,
        usedTokens,
        remainingTokens: budgetTokens === null ? null : Math.max(0, budgetTokens - usedTokens),
        rows,
      };
    },
  );
}

const sameOrigin = (a: string, b: string): boolean => {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};
