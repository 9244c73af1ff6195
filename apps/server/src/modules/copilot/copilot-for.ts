import {
  BudgetExhaustedError,
  type Capability,
  CapabilityUnavailableError,
  type Copilot,
  createCopilot,
  type Outcome,
} from "@papo/copilot";
import type { CopilotFeature } from "../../db/schema/ai-settings.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../http/errors.ts";
import { createAiCache } from "./cache.ts";
import { type AiSettings, createAiSettingsRepo } from "./settings-repo.ts";
import { createAiUsageRepo, usageMonth } from "./usage-repo.ts";

export type { CopilotFeature } from "../../db/schema/ai-settings.ts";

export interface WorkspaceCopilot {
  /** The workspace's copilot with budget, usage accounting, cache, masking and audit wired in. */
  copilot: Copilot;
  settings: AiSettings;
  isEnabled(feature: CopilotFeature): boolean;
  /** Throws AppError 409 copilot.feature_disabled naming the feature. */
  assertEnabled(feature: CopilotFeature): void;
}

/** The copilot capability a workspace feature switch governs. */
export const FEATURE_CAPABILITY: Record<CopilotFeature, Capability> = {
  suggestions: "suggestions",
  sentiment: "sentiment",
  summary: "summary",
  rewrite: "rewrite",
  translation: "translation",
  transcription: "transcription",
  bot: "bot_answer",
};

/** Settings change rarely and every inbound message asks for the copilot: keep the built one a little while. */
const COPILOT_TTL_MS = 30_000;
const built = new WeakMap<Deps, Map<string, { expiresAt: number; value: Promise<WorkspaceCopilot> }>>();

/** Forgets the workspace's built copilot (after its settings changed in this process; others wait for the TTL). */
export function invalidateCopilot(deps: Deps, workspaceId: string): void {
  built.get(deps)?.delete(workspaceId);
}

export function copilotFor(deps: Deps, workspaceId: string): Promise<WorkspaceCopilot> {
  let perDeps = built.get(deps);
  if (!perDeps) {
    perDeps = new Map();
    built.set(deps, perDeps);
  }
  const now = Date.now();
  const hit = perDeps.get(workspaceId);
  if (hit && hit.expiresAt > now) return hit.value;
  const value = buildWorkspaceCopilot(deps, workspaceId);
  perDeps.set(workspaceId, { expiresAt: now + COPILOT_TTL_MS, value });
  // A failed build (database hiccup) must not be served for the whole TTL.
  value.catch(() => invalidateCopilot(deps, workspaceId));
  return value;
}

async function buildWorkspaceCopilot(deps: Deps, workspaceId: string): Promise<WorkspaceCopilot> {
  const { db } = deps.database;
  const settings = await createAiSettingsRepo({ db, cipher: deps.cipher }).get(workspaceId);
  const usage = createAiUsageRepo({ db });
  const month = () => usageMonth(deps.clock.now());
  // Accounting must never fail the answer the person is waiting for.
  const account = (what: string, work: () => Promise<unknown>) =>
    work().catch((error: unknown) => deps.log.warn({ err: error, workspaceId, what }, "copilot accounting failed"));

  const providerFeatures = Object.fromEntries(
    Object.entries(FEATURE_CAPABILITY).map(([feature, capability]) => [capability, settings.features[feature as CopilotFeature]]),
  ) as Partial<Record<Capability, boolean>>;

  const inner = createCopilot({
    provider: settings.provider,
    providerFeatures,
    hooks: {
      maskPersonalData: settings.maskPersonalData,
      cache: createAiCache({ db, cipher: deps.cipher, clock: deps.clock, workspaceId }),
      allowProviderCall: async () => {
        if (settings.monthlyTokenBudget === null) return true;
        return (await usage.tokensUsed(workspaceId, month())) < settings.monthlyTokenBudget;
      },
      onUsage: async (event) => {
        // A cache hit reached no provider: nothing spent, nothing sent. (Requests are counted from each Outcome below.)
        if (event.cached) return;
        await account("tokens", () =>
          usage.add(workspaceId, month(), {
            feature: event.feature,
            engine: "provider",
            model: event.model,
            inputTokens: event.usage.inputTokens,
            outputTokens: event.usage.outputTokens,
          }),
        );
        // Customer text left for the provider: the audit log says so (which feature, model, tokens), never what.
        await account("audit", () =>
          deps.audit.record({
            workspaceId,
            actor: { type: "system", id: "copilot" },
            action: "ai.provider_used",
            target: { type: "workspace", id: workspaceId },
            details: {
              feature: event.feature,
              model: event.model,
              inputTokens: event.usage.inputTokens,
              outputTokens: event.usage.outputTokens,
              maskedItems: event.maskedItems ?? 0,
            },
          }),
        );
      },
    },
  });

  const counted = async <T>(feature: Capability, outcome: Outcome<T>): Promise<Outcome<T>> => {
    await account("requests", () =>
      usage.add(workspaceId, month(), {
        feature,
        engine: outcome.engine,
        model: outcome.engine === "provider" ? (outcome.model ?? "") : "",
        requests: 1,
        fallbacks: outcome.fallback ? 1 : 0,
        cached: outcome.cached ? 1 : 0,
      }),
    );
    return outcome;
  };

  const copilot: Copilot = {
    get capabilities() {
      return inner.capabilities;
    },
    get providerConfigured() {
      return inner.providerConfigured;
    },
    detectLanguage: (text) => inner.detectLanguage(text),
    detectHandoffRequest: (text, language) => inner.detectHandoffRequest(text, language),
    sentiment: async (text, language) => counted("sentiment", await inner.sentiment(text, language)),
    suggestReplies: async (input) => counted("suggestions", await inner.suggestReplies(input)),
    summarize: async (turns, language) => counted("summary", await inner.summarize(turns, language)),
    rewrite: async (text, style, language) => counted("rewrite", await inner.rewrite(text, style, language)),
    translate: async (text, to, from) => counted("translation", await inner.translate(text, to, from)),
    transcribe: async (audio, language) => counted("transcription", await inner.transcribe(audio, language)),
    answer: async (input) => counted("bot_answer", await inner.answer(input)),
    testProvider: () => inner.testProvider(),
  };

  return {
    copilot,
    settings,
    isEnabled: (feature) => settings.features[feature],
    assertEnabled(feature) {
      if (!settings.features[feature]) {
        throw new AppError({
          code: "copilot.feature_disabled",
          status: 409,
          message: `The AI feature "${feature}" is switched off for this workspace`,
          details: { feature },
        });
      }
    },
  };
}

/**
 * Maps the copilot's errors to API errors: no engine can do it → 422 copilot.capability_unavailable; the provider
 * failed where there is no built-in fallback → 502 copilot.provider_failed (worth retrying). Anything else is returned
 * as is, for the caller to rethrow.
 */
export function copilotErrorToAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  // Before its parent class: the provider could do it, but this month's budget is spent.
  if (error instanceof BudgetExhaustedError) {
    return new AppError({
      code: "copilot.budget_exhausted",
      status: 429,
      message: "the workspace's monthly AI token budget is used up",
      details: { capability: error.capability },
      cause: error,
    });
  }
  if (error instanceof CapabilityUnavailableError) {
    return new AppError({
      code: "copilot.capability_unavailable",
      status: 422,
      message: "configure an AI provider",
      details: { capability: error.capability },
      cause: error,
    });
  }
  if (error instanceof Error && error.name === "ProviderError") {
    return new AppError({
      code: "copilot.provider_failed",
      status: 502,
      message: "The AI provider did not answer; try again in a moment",
      cause: error,
    });
  }
  return error;
}
