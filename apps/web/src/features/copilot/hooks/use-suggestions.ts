import { useCallback, useEffect, useRef, useState } from "react";
import { useApiClient } from "../../../lib/services.tsx";
import { suggestReplies } from "../api/suggest-replies.ts";
import type { SuggestionsResult } from "../api/types.ts";

export type SuggestionsState =
  | { status: "idle" }
  | { status: "streaming"; partial: string[] }
  | { status: "done"; result: SuggestionsResult }
  | { status: "error"; error: unknown };

/**
 * Reply suggestions for one conversation, streamed: `partial` grows with each delta until the final suggestions
 * replace it. A new request cancels the one in flight; leaving the conversation cancels it too.
 */
export function useSuggestions(conversationId: string, { max = 3 }: { max?: number } = {}) {
  const client = useApiClient();
  const [state, setState] = useState<SuggestionsState>({ status: "idle" });
  const inflight = useRef<AbortController | null>(null);

  useEffect(() => () => inflight.current?.abort(), []);

  const request = useCallback(() => {
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    setState({ status: "streaming", partial: [] });
    suggestReplies(client, conversationId, {
      max,
      signal: controller.signal,
      onDelta: ({ index, text }) => {
        if (controller.signal.aborted) return;
        setState((current) => {
          if (current.status !== "streaming") return current;
          const partial = [...current.partial];
          partial[index] = (partial[index] ?? "") + text;
          return { status: "streaming", partial };
        });
      },
    }).then(
      (result) => {
        if (!controller.signal.aborted) setState({ status: "done", result });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error });
      },
    );
  }, [client, conversationId, max]);

  const dismiss = useCallback(() => {
    inflight.current?.abort();
    setState({ status: "idle" });
  }, []);

  return { state, request, dismiss };
}
