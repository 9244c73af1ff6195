import { type ApiClient, ApiError } from "../../../lib/api-client.ts";
import { readServerSentEvents } from "../utils/sse.ts";
import { copilotPaths } from "./copilot-paths.ts";
import type { SuggestionsResult } from "./types.ts";

export interface SuggestionDelta {
  index: number;
  text: string;
}

function parse<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

/**
 * Asks for reply suggestions as Server-Sent Events: `onDelta` gets each piece of text a provider model writes (the
 * built-in engine sends none), and the promise resolves with the `done` event's suggestions. An `error` event rejects
 * with its `ApiError`; a server that answers plain JSON instead is read as the final result.
 */
export async function suggestReplies(
  client: ApiClient,
  conversationId: string,
  { max, signal, onDelta }: { max?: number; signal?: AbortSignal; onDelta?: (delta: SuggestionDelta) => void },
): Promise<SuggestionsResult> {
  const response = await client.stream(copilotPaths.suggestions(conversationId), {
    method: "POST",
    json: max === undefined ? {} : { max },
    signal,
  });
  if (!response.headers.get("content-type")?.includes("text/event-stream") || !response.body) {
    return (await response.json()) as SuggestionsResult;
  }
  for await (const event of readServerSentEvents(response.body)) {
    if (event.event === "delta") {
      const delta = parse<SuggestionDelta>(event.data);
      if (delta && typeof delta.index === "number" && typeof delta.text === "string") onDelta?.(delta);
    } else if (event.event === "done") {
      const done = parse<SuggestionsResult>(event.data);
      if (done) return done;
    } else if (event.event === "error") {
      const failure = parse<{ error?: { code?: string; message?: string } }>(event.data)?.error;
      throw new ApiError({ code: failure?.code ?? "request.failed", status: response.status, message: failure?.message ?? "" });
    }
  }
  throw new ApiError({ code: "request.failed", status: response.status, message: "the suggestion stream ended early" });
}
