import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import {
  cosineSimilarity,
  embedMany,
  experimental_transcribe,
  generateText,
  type LanguageModel,
  NoTranscriptGeneratedError,
  Output,
  streamText,
} from "ai";
import { isOggAudio, oggOpusToWav } from "../audio/ogg-to-wav.ts";
import type {
  BotAnswer,
  Capability,
  Language,
  ProviderConfig,
  ReplySuggestion,
  RetrievalHit,
  RewriteStyle,
  Sentiment,
  Summary,
  Transcript,
  Turn,
  Usage,
} from "../types.ts";
import { languages } from "../types.ts";
import { ProviderError, toProviderError } from "./errors.ts";
import { assertNoPromptLeak, leaksPrompt } from "./output-guard.ts";
import { dataMessage, systemPrompt, tasks } from "./prompts.ts";
import { type CallPolicy, callWithPolicy } from "./retry.ts";
import { answerOutput, sentimentOutput, suggestionsOutput, summaryOutput } from "./schemas.ts";
import { createTranscriptionModel } from "./transcription-model.ts";

export interface ProviderResult<T> {
  value: T;
  usage: Usage;
  model: string;
}

export interface ProviderEngineOptions {
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Secret marker placed in every system prompt to catch answers that recite it; random by default. */
  canary?: string;
  /** First retry delay (doubles per retry); default 200 ms. */
  retryBaseDelayMs?: number;
  /** Replaces the chat model built from the config (unit tests use the AI SDK's MockLanguageModelV3). */
  chatModel?: LanguageModel;
}

/** What a turn looks like inside the prompt's data (no timestamps: they add tokens and nothing to the answer). */
function turnsData(turns: Turn[]): Array<{ role: Turn["role"]; text: string }> {
  return turns.map((turn) => ({ role: turn.role, text: turn.text }));
}

function hitsData(hits: RetrievalHit[]): Array<{ id: string; kind: RetrievalHit["kind"]; title: string; text: string }> {
  return hits.map((hit) => ({ id: hit.id, kind: hit.kind, title: hit.title, text: hit.text }));
}

function usageOf(usage: { inputTokens: number | undefined; outputTokens: number | undefined }): Usage {
  return { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 };
}

function citationOf(hit: RetrievalHit): { kind: RetrievalHit["kind"]; id: string; title: string } {
  return { kind: hit.kind, id: hit.id, title: hit.title };
}

function asLanguage(code: string | undefined): Language | null {
  const short = code?.slice(0, 2).toLowerCase();
  return (languages as readonly string[]).includes(short ?? "") ? (short as Language) : null;
}

/** Capabilities an OpenAI-compatible provider adds given which models are set. */
export function providerCapabilities(config: ProviderConfig): Set<Capability> {
  const set = new Set<Capability>(["sentiment", "suggestions", "summary", "rewrite", "translation", "bot_answer"]);
  if (config.embeddingModel) set.add("embeddings");
  if (config.transcriptionModel) set.add("transcription");
  return set;
}

/**
 * The provider engine: one OpenAI-compatible endpoint, one call per feature, each with a timeout and retries. It
 * receives text already masked by the facade and returns the provider's answer validated (schemas, known citation ids,
 * no recited prompt); it never falls back by itself.
 */
export function createProviderEngine(config: ProviderConfig, options: ProviderEngineOptions = {}) {
  const canary = options.canary ?? `PAPO-${crypto.randomUUID()}`;
  const provider = createOpenAICompatible({
    name: "papo-provider",
    baseURL: config.baseUrl.replace(/\/+$/, ""),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    ...(config.headers ? { headers: config.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    includeUsage: true,
    supportsStructuredOutputs: true,
  });
  const chat = options.chatModel ?? provider.chatModel(config.chatModel);
  const policy = (signal?: AbortSignal): CallPolicy => ({
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    ...(options.retryBaseDelayMs !== undefined ? { baseDelayMs: options.retryBaseDelayMs } : {}),
    ...(signal ? { signal } : {}),
  });
  const result = <T>(value: T, usage: Usage, model = config.chatModel): ProviderResult<T> => ({ value, usage, model });

  async function generateObjectFor<T>(output: { name: string; schema: import("zod").ZodType<T> }, task: string, data: unknown) {
    return callWithPolicy(policy(), async (abortSignal) => {
      const response = await generateText({
        model: chat,
        system: systemPrompt(canary, task),
        prompt: dataMessage(data),
        output: Output.object({ schema: output.schema, name: output.name }),
        maxRetries: 0,
        abortSignal,
      });
      return { object: response.output as T, usage: usageOf(response.usage) };
    });
  }

  async function generatePlainText(task: string, data: unknown): Promise<ProviderResult<string>> {
    const { text, usage } = await callWithPolicy(policy(), async (abortSignal) => {
      const response = await generateText({
        model: chat,
        system: systemPrompt(canary, task),
        prompt: dataMessage(data),
        maxRetries: 0,
        abortSignal,
      });
      return { text: response.text.trim(), usage: usageOf(response.usage) };
    });
    if (!text) throw new ProviderError("invalid_output", "The AI provider answered with empty text.");
    assertNoPromptLeak(text, canary);
    return result(text, usage);
  }

  return {
    config,
    canary,
    capabilities: providerCapabilities(config) as ReadonlySet<Capability>,

    async sentiment(text: string, language: Language | null): Promise<ProviderResult<Sentiment>> {
      const { object, usage } = await generateObjectFor(sentimentOutput, tasks.sentiment(), { language, message: text });
      return result({ ...object, lowConfidence: object.confidence < 0.5 }, usage);
    },

    async summarize(turns: Turn[], language: Language): Promise<ProviderResult<Summary>> {
      const { object, usage } = await generateObjectFor(summaryOutput, tasks.summary(language), { conversation: turnsData(turns) });
      const summary = {
        text: object.text.trim(),
        points: object.points
          .map((point) => point.trim())
          .filter(Boolean)
          .slice(0, 5),
      };
      assertNoPromptLeak([summary.text, ...summary.points].join("\n"), canary);
      return result(summary, usage);
    },

    rewrite(text: string, style: RewriteStyle, language: Language): Promise<ProviderResult<string>> {
      return generatePlainText(tasks.rewrite(style, language), { draft: text });
    },

    translate(text: string, to: Language, from: Language | null): Promise<ProviderResult<string>> {
      return generatePlainText(tasks.translate(to, from), { text });
    },

    async answer(input: { turns: Turn[]; hits: RetrievalHit[]; language: Language }): Promise<ProviderResult<BotAnswer>> {
      const { object, usage } = await generateObjectFor(answerOutput, tasks.answer(input.language), {
        conversation: turnsData(input.turns),
        sources: hitsData(input.hits),
      });
      assertNoPromptLeak(object.answer, canary);
      const hit = object.articleId === null ? undefined : input.hits.find((candidate) => candidate.id === object.articleId);
      // An answer citing a source we did not give it is not grounded: keep it, but too unsure for the bot to send.
      const grounded = object.articleId === null || hit !== undefined;
      const confidence = grounded && input.hits.length > 0 ? object.confidence : Math.min(object.confidence, 0.3);
      return result(
        { text: object.answer.trim(), confidence, citation: hit ? citationOf(hit) : null, wantsHuman: object.wantsHuman },
        usage,
      );
    },

    /**
     * Streams up to `max` grounded suggestions. `onDelta` gets each suggestion's new text as the JSON streams in;
     * citation ids the model invents are dropped.
     */
    async suggest(input: {
      turns: Turn[];
      hits: RetrievalHit[];
      language: Language;
      max: number;
      onDelta?: (delta: { index: number; text: string }) => void;
      signal?: AbortSignal;
    }): Promise<ProviderResult<ReplySuggestion[]>> {
      const { object, usage } = await callWithPolicy(policy(input.signal), async (abortSignal) => {
        let streamError: unknown;
        const stream = streamText({
          model: chat,
          system: systemPrompt(canary, tasks.suggestions(input.language, input.max)),
          prompt: dataMessage({ conversation: turnsData(input.turns), sources: hitsData(input.hits) }),
          output: Output.object({ schema: suggestionsOutput.schema, name: suggestionsOutput.name }),
          maxRetries: 0,
          abortSignal,
          onError: ({ error }) => {
            streamError = error;
          },
        });
        const sent: string[] = [];
        const muted = new Set<number>();
        try {
          for await (const partial of stream.partialOutputStream) {
            for (const [index, suggestion] of (partial.suggestions ?? []).entries()) {
              const text = suggestion?.text;
              if (index >= input.max || typeof text !== "string" || muted.has(index)) continue;
              if (leaksPrompt(text, canary)) {
                muted.add(index);
                continue;
              }
              const previous = sent[index] ?? "";
              if (text.length > previous.length && text.startsWith(previous)) {
                input.onDelta?.({ index, text: text.slice(previous.length) });
                sent[index] = text;
              }
            }
          }
          if (streamError !== undefined) throw streamError;
          return { object: await stream.output, usage: usageOf(await stream.usage) };
        } catch (error) {
          // Deltas already shown cannot be taken back: a retry would write a second copy after them.
          if (sent.length === 0) throw error;
          const kind = toProviderError(error, abortSignal.aborted).kind;
          throw new ProviderError(kind, "The AI provider stopped in the middle of its answer.", { cause: error, retryable: false });
        }
      });
      const byId = new Map(input.hits.map((hit) => [hit.id, hit]));
      const suggestions = object.suggestions
        .filter((suggestion) => suggestion.text.trim() !== "" && !leaksPrompt(suggestion.text, canary))
        .slice(0, input.max)
        .map((suggestion): ReplySuggestion => {
          const cited = [...new Set(suggestion.sourceIds)].flatMap((id) => {
            const hit = byId.get(id);
            return hit ? [citationOf(hit)] : [];
          });
          return { text: suggestion.text.trim(), source: { kind: "generated" }, citations: cited };
        });
      if (suggestions.length === 0) throw new ProviderError("invalid_output", "The AI provider wrote no usable suggestion.");
      return result(suggestions, usage);
    },

    async embed(texts: string[]): Promise<ProviderResult<number[][]>> {
      if (!config.embeddingModel) throw new ProviderError("invalid_output", "No embedding model is configured.");
      const model = provider.embeddingModel(config.embeddingModel);
      const response = await callWithPolicy(policy(), (abortSignal) => embedMany({ model, values: texts, maxRetries: 0, abortSignal }));
      return result(response.embeddings, { inputTokens: response.usage.tokens, outputTokens: 0 }, config.embeddingModel);
    },

    /** Orders hits by embedding similarity to the query, blended with their own confidence. */
    async rerank(query: string, hits: RetrievalHit[]): Promise<ProviderResult<RetrievalHit[]>> {
      const embedded = await this.embed([query, ...hits.map((hit) => `${hit.title}\n${hit.text}`)]);
      const [queryVector, ...hitVectors] = embedded.value;
      const scored = hits.map((hit, index) => {
        const similarity = queryVector && hitVectors[index] ? cosineSimilarity(queryVector, hitVectors[index]) : 0;
        return { hit, rank: 0.5 * similarity + 0.5 * hit.confidence };
      });
      scored.sort((a, b) => b.rank - a.rank);
      return result(
        scored.map((entry) => entry.hit),
        embedded.usage,
        embedded.model,
      );
    },

    async transcribe(audio: { data: Uint8Array; mimeType: string }, language: Language | null): Promise<ProviderResult<Transcript>> {
      if (!config.transcriptionModel) throw new ProviderError("invalid_output", "No transcription model is configured.");
      let data = audio.data;
      let mediaType = audio.mimeType;
      let durationSeconds: number | undefined;
      if (!config.transcriptionAcceptsOgg && isOggAudio(audio.mimeType, audio.data)) {
        const converted = await oggOpusToWav(audio.data);
        data = converted.wav;
        mediaType = "audio/wav";
        durationSeconds = converted.durationSeconds;
      }
      const model = createTranscriptionModel({
        baseUrl: config.baseUrl,
        apiKey: config.apiKey,
        modelId: config.transcriptionModel,
        ...(config.headers ? { headers: config.headers } : {}),
        ...(language ? { language } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      const transcript = await callWithPolicy(policy(), async (abortSignal) => {
        try {
          return await experimental_transcribe({
            model,
            audio: data,
            maxRetries: 0,
            abortSignal,
            providerOptions: { papo: { mediaType } },
          });
        } catch (error) {
          // Silence is a valid voice note: an empty transcript, not a provider failure.
          if (NoTranscriptGeneratedError.isInstance(error)) return { text: "", language: undefined, durationInSeconds: undefined };
          throw error;
        }
      });
      const duration = transcript.durationInSeconds ?? durationSeconds;
      return result(
        {
          text: transcript.text,
          language: asLanguage(transcript.language) ?? language,
          ...(duration !== undefined ? { durationSeconds: duration } : {}),
        },
        { inputTokens: 0, outputTokens: 0 },
        config.transcriptionModel,
      );
    },

    /** A tiny chat call proving the endpoint, key and model work. */
    async ping(): Promise<ProviderResult<string>> {
      return callWithPolicy({ ...policy(), maxRetries: 0 }, async (abortSignal) => {
        const response = await generateText({ model: chat, prompt: tasks.ping(), maxRetries: 0, abortSignal });
        return result(response.text, usageOf(response.usage));
      });
    },
  };
}

export type ProviderEngine = ReturnType<typeof createProviderEngine>;
