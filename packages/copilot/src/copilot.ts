import { createHash } from "node:crypto";
import { loadTestAudio } from "./audio/test-audio.ts";
import { detectHandoffRequest } from "./builtin/handoff.ts";
import { detectLanguage } from "./builtin/language.ts";
import { createStreamingRestorer } from "./builtin/pii.ts";
import { builtinRewriteStyles, rewriteBuiltin } from "./builtin/rewrite.ts";
import { analyzeSentiment } from "./builtin/sentiment.ts";
import { answerFromHits, suggestFromHits } from "./builtin/suggest.ts";
import { summarizeExtractive } from "./builtin/summary.ts";
import { createProviderEngine, type ProviderEngine, type ProviderEngineOptions, type ProviderResult } from "./provider/engine.ts";
import { BudgetExhaustedError, ProviderError } from "./provider/errors.ts";
import { maskTexts } from "./provider/masking.ts";
import {
  type BotAnswer,
  type Capability,
  CapabilityUnavailableError,
  type Copilot,
  type CopilotHooks,
  type FallbackReason,
  type Outcome,
  type ProviderConfig,
  type ReplySuggestion,
  type RetrievalHit,
  type Sentiment,
  type Summary,
  type Transcript,
} from "./types.ts";

export interface CopilotOptions {
  /** null/undefined = built-in engine only. */
  provider?: ProviderConfig | null;
  /** Per-feature switch for the provider (absent = on). A feature switched off uses the built-in engine. */
  providerFeatures?: Partial<Record<Capability, boolean>>;
  hooks?: CopilotHooks;
  /** Provider engine tuning (custom fetch, canary, retry delay); tests mostly. */
  engine?: ProviderEngineOptions;
}

const builtinCapabilities: readonly Capability[] = [
  "language",
  "sentiment",
  "handoff",
  "retrieval",
  "suggestions",
  "summary",
  "rewrite",
  "bot_answer",
];

type Skip = { reason: FallbackReason; message?: string };

function fallbackOf(error: unknown): Skip {
  if (error instanceof ProviderError) return { reason: error.kind === "timeout" ? "timeout" : "error", message: error.message };
  return { reason: "error", message: "The AI provider's answer could not be used." };
}

function cacheKey(feature: Capability, model: string, input: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([feature, model, input]))
    .digest("hex");
}

/**
 * The copilot the server uses: for each feature, the provider when one is configured, the feature is on, the provider
 * can do it and the budget allows; otherwise — or when the provider times out or fails — the built-in engine, with the
 * reason. Personal data is masked before anything reaches the provider and restored in what comes back (also in
 * streamed deltas); repeated requests are served from `hooks.cache`, keyed by the masked input so a cache entry never
 * holds personal data and is restored with the current request's values.
 */
export function createCopilot(options: CopilotOptions): Copilot {
  const hooks = options.hooks ?? {};
  const masking = hooks.maskPersonalData !== false;
  const engine: ProviderEngine | null = options.provider ? createProviderEngine(options.provider, options.engine) : null;
  const featureOn = (capability: Capability) => options.providerFeatures?.[capability] !== false;

  const capabilities = new Set<Capability>(builtinCapabilities);
  if (engine) for (const capability of engine.capabilities) if (featureOn(capability)) capabilities.add(capability);

  /** Why the provider cannot take this feature, or null when it can (budget aside). */
  function providerSkip(capability: Capability): Skip | null {
    if (!engine) return { reason: "not_configured" };
    if (!featureOn(capability)) return { reason: "disabled" };
    if (!engine.capabilities.has(capability)) return { reason: "unsupported" };
    return null;
  }

  async function budgetAllows(capability: Capability): Promise<boolean> {
    return (await hooks.allowProviderCall?.(capability)) ?? true;
  }

  /**
   * One provider call with cache, budget and usage accounting. `maskedInput` is what the cache key hashes; the returned
   * value is still masked (the caller restores it).
   */
  async function providerCall<T>(
    capability: Capability,
    model: string,
    maskedItems: number,
    cache: { input: unknown } | null,
    call: () => Promise<ProviderResult<T>>,
  ): Promise<{ value: T; usage: ProviderResult<T>["usage"]; model: string; cached: boolean } | { skip: Skip }> {
    const key = cache && hooks.cache ? cacheKey(capability, model, cache.input) : null;
    if (key && hooks.cache) {
      const hit = await hooks.cache.get(key);
      if (hit !== undefined) {
        const usage = { inputTokens: 0, outputTokens: 0 };
        await hooks.onUsage?.({ feature: capability, model, usage, cached: true, maskedItems });
        return { value: hit as T, usage, model, cached: true };
      }
    }
    if (!(await budgetAllows(capability))) return { skip: { reason: "budget_exhausted" } };
    const result = await call();
    await hooks.onUsage?.({ feature: capability, model: result.model, usage: result.usage, cached: false, maskedItems });
    if (key && hooks.cache) await hooks.cache.set(key, result.value);
    return { ...result, cached: false };
  }

  /** Runs the provider path for a feature that has a built-in answer; any provider trouble ends in `builtin()`. */
  async function withFallback<T, M>(
    capability: Capability,
    builtin: () => T,
    provider: (engine: ProviderEngine) => {
      model: string;
      maskedItems: number;
      cache: { input: unknown } | null;
      call: () => Promise<ProviderResult<M>>;
      restore: (value: M) => T;
      signal?: AbortSignal;
    },
  ): Promise<Outcome<T>> {
    const skip = providerSkip(capability);
    if (skip || !engine) return { value: builtin(), engine: "builtin", fallback: skip ?? { reason: "not_configured" } };
    const plan = provider(engine);
    try {
      const outcome = await providerCall(capability, plan.model, plan.maskedItems, plan.cache, plan.call);
      if ("skip" in outcome) return { value: builtin(), engine: "builtin", fallback: outcome.skip };
      return {
        value: plan.restore(outcome.value),
        engine: "provider",
        usage: outcome.usage,
        model: outcome.model,
        ...(outcome.cached ? { cached: true } : {}),
      };
    } catch (error) {
      if (plan.signal?.aborted) throw error;
      return { value: builtin(), engine: "builtin", fallback: fallbackOf(error) };
    }
  }

  /** The provider path of a provider-only feature: no provider or no budget = CapabilityUnavailableError; failure rethrows. */
  async function providerOnly<T, M>(
    capability: Capability,
    plan: (engine: ProviderEngine) => {
      model: string;
      maskedItems: number;
      cache: { input: unknown } | null;
      call: () => Promise<ProviderResult<M>>;
      restore: (value: M) => T;
    },
  ): Promise<Outcome<T>> {
    if (providerSkip(capability) || !engine) throw new CapabilityUnavailableError(capability);
    const steps = plan(engine);
    const outcome = await providerCall(capability, steps.model, steps.maskedItems, steps.cache, steps.call);
    if ("skip" in outcome) throw new BudgetExhaustedError(capability);
    return {
      value: steps.restore(outcome.value),
      engine: "provider",
      usage: outcome.usage,
      model: outcome.model,
      ...(outcome.cached ? { cached: true } : {}),
    };
  }

  const restoreHits = (original: RetrievalHit[]) => {
    const byId = new Map(original.map((hit) => [hit.id, hit]));
    return <C extends { id: string; title: string }>(citation: C): C => ({
      ...citation,
      title: byId.get(citation.id)?.title ?? citation.title,
    });
  };

  const copilot: Copilot = {
    capabilities,
    providerConfigured: engine !== null,

    detectLanguage,
    detectHandoffRequest,

    sentiment(text, language) {
      return withFallback<Sentiment, Sentiment>(
        "sentiment",
        () => analyzeSentiment(text, language),
        (provider) => {
          const mask = maskTexts([text], masking);
          const input = mask.masked[0] ?? "";
          return {
            model: provider.config.chatModel,
            maskedItems: mask.count,
            cache: { input: [input, language ?? null] },
            call: () => provider.sentiment(input, language ?? null),
            restore: (value) => value,
          };
        },
      );
    },

    suggestReplies(input) {
      return withFallback<ReplySuggestion[], ReplySuggestion[]>(
        "suggestions",
        () => suggestFromHits(input),
        (provider) => {
          const texts = [...input.turns.map((turn) => turn.text), ...input.hits.flatMap((hit) => [hit.title, hit.text])];
          const mask = maskTexts(texts, masking);
          const turns = input.turns.map((turn, i) => ({ ...turn, text: mask.masked[i] ?? "" }));
          const offset = input.turns.length;
          const hits = input.hits.map((hit, i) => ({
            ...hit,
            title: mask.masked[offset + 2 * i] ?? "",
            text: mask.masked[offset + 2 * i + 1] ?? "",
          }));
          const restorers: Array<ReturnType<typeof createStreamingRestorer>> = [];
          const onDelta = input.onDelta;
          const restoredDelta = onDelta
            ? (delta: { index: number; text: string }) => {
                restorers[delta.index] ??= createStreamingRestorer(mask.restore);
                const text = restorers[delta.index]?.push(delta.text) ?? "";
                if (text) onDelta({ index: delta.index, text });
              }
            : undefined;
          const citation = restoreHits(input.hits);
          return {
            model: provider.config.chatModel,
            maskedItems: mask.count,
            cache: null,
            signal: input.signal,
            call: async () => {
              const result = await provider.suggest({
                turns,
                hits,
                language: input.language,
                max: input.max,
                ...(restoredDelta ? { onDelta: restoredDelta } : {}),
                ...(input.signal ? { signal: input.signal } : {}),
              });
              if (onDelta) {
                for (const [index, restorer] of restorers.entries()) {
                  const rest = restorer?.flush();
                  if (rest) onDelta({ index, text: rest });
                }
              }
              return result;
            },
            restore: (suggestions) =>
              suggestions.map((suggestion) => ({
                ...suggestion,
                text: mask.restore(suggestion.text),
                citations: suggestion.citations.map(citation),
              })),
          };
        },
      );
    },

    summarize(turns, language) {
      return withFallback<Summary, Summary>(
        "summary",
        () => summarizeExtractive(turns, language),
        (provider) => {
          const mask = maskTexts(
            turns.map((turn) => turn.text),
            masking,
          );
          const masked = turns.map((turn, i) => ({ role: turn.role, text: mask.masked[i] ?? "" }));
          return {
            model: provider.config.chatModel,
            maskedItems: mask.count,
            cache: { input: [masked, language] },
            call: () => provider.summarize(masked, language),
            restore: (summary) => ({ text: mask.restore(summary.text), points: summary.points.map(mask.restore) }),
          };
        },
      );
    },

    async rewrite(text, style, language) {
      const builtinCan = builtinRewriteStyles.has(style);
      const builtin = () => {
        const rewritten = rewriteBuiltin(text, style, language);
        if (rewritten === null) throw new CapabilityUnavailableError("rewrite", `Rewriting in the "${style}" style needs an AI provider.`);
        return rewritten;
      };
      const plan = (provider: ProviderEngine) => {
        const mask = maskTexts([text], masking);
        const input = mask.masked[0] ?? "";
        return {
          model: provider.config.chatModel,
          maskedItems: mask.count,
          cache: { input: [input, style, language] },
          call: () => provider.rewrite(input, style, language),
          restore: mask.restore,
        };
      };
      // Styles the rules cannot do behave like a provider-only feature: no silent "fallback" that changes nothing.
      return builtinCan ? withFallback("rewrite", builtin, plan) : providerOnly("rewrite", plan);
    },

    translate(text, to, from) {
      return providerOnly("translation", (provider) => {
        const mask = maskTexts([text], masking);
        const input = mask.masked[0] ?? "";
        return {
          model: provider.config.chatModel,
          maskedItems: mask.count,
          cache: { input: [input, to, from ?? null] },
          call: () => provider.translate(input, to, from ?? null),
          restore: mask.restore,
        };
      });
    },

    transcribe(audio, language) {
      return providerOnly<Transcript, Transcript>("transcription", (provider) => ({
        model: provider.config.transcriptionModel,
        // Audio cannot be masked; the server decides (feature switch) whether voice notes may leave.
        maskedItems: 0,
        cache: null,
        call: () => provider.transcribe(audio, language ?? null),
        restore: (transcript) => transcript,
      }));
    },

    answer(input) {
      return withFallback<BotAnswer, BotAnswer>(
        "bot_answer",
        () => answerFromHits(input),
        (provider) => {
          const texts = [...input.turns.map((turn) => turn.text), ...input.hits.flatMap((hit) => [hit.title, hit.text])];
          const mask = maskTexts(texts, masking);
          const turns = input.turns.map((turn, i) => ({ role: turn.role, text: mask.masked[i] ?? "" }));
          const offset = input.turns.length;
          const hits = input.hits.map((hit, i) => ({
            ...hit,
            title: mask.masked[offset + 2 * i] ?? "",
            text: mask.masked[offset + 2 * i + 1] ?? "",
          }));
          const citation = restoreHits(input.hits);
          return {
            model: provider.config.chatModel,
            maskedItems: mask.count,
            cache: { input: [turns, hits.map((hit) => [hit.kind, hit.id, hit.title, hit.text]), input.language] },
            call: () => provider.answer({ turns, hits, language: input.language }),
            restore: (answer) => ({
              ...answer,
              text: mask.restore(answer.text),
              citation: answer.citation ? citation(answer.citation) : null,
            }),
          };
        },
      );
    },

    rerankHits(query, hits) {
      return withFallback<RetrievalHit[], RetrievalHit[]>(
        "embeddings",
        () => hits,
        (provider) => {
          const mask = maskTexts([query, ...hits.flatMap((hit) => [hit.title, hit.text])], masking);
          const masked = hits.map((hit, i) => ({ ...hit, title: mask.masked[1 + 2 * i] ?? "", text: mask.masked[2 + 2 * i] ?? "" }));
          const byId = new Map(hits.map((hit) => [hit.id, hit]));
          return {
            model: provider.config.embeddingModel,
            maskedItems: mask.count,
            cache: null,
            call: () => provider.rerank(mask.masked[0] ?? "", masked),
            restore: (ordered) => ordered.map((hit) => byId.get(hit.id) ?? hit),
          };
        },
      );
    },

    async testProvider() {
      if (!engine)
        return { ok: false, checks: [{ capability: "suggestions", ok: false, message: "No AI provider is configured.", ms: 0 }] };
      const checks: Array<{ capability: Capability; ok: boolean; message?: string; ms: number }> = [];
      const check = async (capability: Capability, run: () => Promise<unknown>) => {
        const started = performance.now();
        try {
          await run();
          checks.push({ capability, ok: true, ms: Math.round(performance.now() - started) });
        } catch (error) {
          const message = error instanceof ProviderError ? error.message : "The check failed.";
          checks.push({ capability, ok: false, message, ms: Math.round(performance.now() - started) });
        }
      };
      // The chat model answers suggestions, summaries, rewrites, translation and the bot; one call proves them all.
      await check("suggestions", () => engine.ping());
      if (engine.capabilities.has("embeddings")) await check("embeddings", () => engine.embed(["Papo"]));
      if (engine.capabilities.has("transcription")) {
        await check("transcription", async () => engine.transcribe({ data: await loadTestAudio(), mimeType: "audio/ogg" }, null));
      }
      return { ok: checks.every((entry) => entry.ok), checks };
    },
  };
  return copilot;
}
