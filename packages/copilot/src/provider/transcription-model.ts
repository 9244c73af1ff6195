import type { TranscriptionModel } from "ai";
import { APICallError } from "ai";

/** The AI SDK's transcription model interface (v3), taken from `ai` so we depend on no other package. */
export type TranscriptionModelV3 = Extract<TranscriptionModel, { specificationVersion: "v3" }>;
type CallOptions = Parameters<TranscriptionModelV3["doGenerate"]>[0];
type CallResult = Awaited<ReturnType<TranscriptionModelV3["doGenerate"]>>;

export interface TranscriptionModelSettings {
  baseUrl: string;
  apiKey: string;
  modelId: string;
  headers?: Record<string, string>;
  /** ISO-639-1 hint sent as `language` (improves accuracy of short voice notes). */
  language?: string;
  fetch?: typeof fetch;
}

const extensions: Record<string, string> = {
  "audio/ogg": "ogg",
  "audio/opus": "opus",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/webm": "webm",
};

/** Whisper's verbose_json names the language in English ("portuguese"); others send the ISO code. */
const languageCodes: Record<string, string> = { portuguese: "pt", english: "en", spanish: "es" };

interface TranscriptionResponse {
  text?: unknown;
  language?: unknown;
  duration?: unknown;
  segments?: unknown;
}

function segmentsOf(value: unknown): CallResult["segments"] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((segment: { text?: unknown; start?: unknown; end?: unknown }) =>
    typeof segment.text === "string" && typeof segment.start === "number" && typeof segment.end === "number"
      ? [{ text: segment.text, startSecond: segment.start, endSecond: segment.end }]
      : [],
  );
}

function headersOf(response: Response): Record<string, string> {
  // forEach rather than entries(): the console's bench compiles this file with the DOM lib, whose Headers lacks entries.
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return headers;
}

/**
 * `@ai-sdk/openai-compatible` has no transcription model, so this one speaks OpenAI's `POST /audio/transcriptions`
 * (multipart: model, file, response_format, language) — what OpenAI, Azure, vLLM, LocalAI and whisper.cpp's server
 * accept. It asks for `verbose_json` (language, duration, segments) and falls back to `json` for servers that reject it.
 */
export function createTranscriptionModel(settings: TranscriptionModelSettings): TranscriptionModelV3 {
  const doFetch = settings.fetch ?? fetch;
  const url = `${settings.baseUrl.replace(/\/+$/, "")}/audio/transcriptions`;

  async function post(options: CallOptions, format: "verbose_json" | "json"): Promise<{ response: Response; body: string }> {
    const bytes = typeof options.audio === "string" ? Buffer.from(options.audio, "base64") : options.audio;
    const form = new FormData();
    form.append("model", settings.modelId);
    form.append("response_format", format);
    if (settings.language) form.append("language", settings.language);
    // The SDK sniffs the type from the bytes; the caller's declared type (passed as providerOptions.papo.mediaType) wins.
    const declared = options.providerOptions?.papo?.mediaType;
    const fullType = typeof declared === "string" ? declared : options.mediaType;
    const mediaType = fullType.split(";")[0]?.trim() ?? fullType;
    form.append("file", new Blob([new Uint8Array(bytes)], { type: mediaType }), `audio.${extensions[mediaType] ?? "bin"}`);
    const headers: Record<string, string> = { ...settings.headers };
    if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
    for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
    try {
      const response = await doFetch(url, { method: "POST", body: form, headers, signal: options.abortSignal });
      return { response, body: await response.text() };
    } catch (error) {
      if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) throw error;
      throw new APICallError({
        message: "Could not reach the transcription endpoint.",
        url,
        requestBodyValues: {},
        cause: error,
        isRetryable: true,
      });
    }
  }

  return {
    specificationVersion: "v3",
    provider: "papo.openai-compatible.transcription",
    modelId: settings.modelId,
    async doGenerate(options) {
      let { response, body } = await post(options, "verbose_json");
      if (response.status === 400) ({ response, body } = await post(options, "json"));
      if (!response.ok) {
        throw new APICallError({
          message: `Transcription endpoint answered HTTP ${response.status}.`,
          url,
          requestBodyValues: {},
          statusCode: response.status,
          responseHeaders: headersOf(response),
          isRetryable: response.status === 429 || response.status >= 500,
        });
      }
      let parsed: TranscriptionResponse;
      try {
        parsed = JSON.parse(body) as TranscriptionResponse;
      } catch (error) {
        throw new APICallError({
          message: "Transcription endpoint answered invalid JSON.",
          url,
          requestBodyValues: {},
          statusCode: 502,
          cause: error,
          isRetryable: false,
        });
      }
      const language =
        typeof parsed.language === "string" ? (languageCodes[parsed.language.toLowerCase()] ?? parsed.language.toLowerCase()) : undefined;
      return {
        text: typeof parsed.text === "string" ? parsed.text.trim() : "",
        segments: segmentsOf(parsed.segments),
        language,
        durationInSeconds: typeof parsed.duration === "number" ? parsed.duration : undefined,
        warnings: [],
        response: { timestamp: new Date(), modelId: settings.modelId, headers: headersOf(response) },
      };
    },
  };
}
