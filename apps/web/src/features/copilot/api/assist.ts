import { useMutation, useQuery } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { CopilotLanguage } from "../../../lib/api-types.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { copilotKeys, copilotPaths } from "./copilot-paths.ts";
import type { MessageTranslation, RewriteResult, RewriteStyle, SummaryResult, TranslateResult } from "./types.ts";

export function summarizeConversation(client: ApiClient, conversationId: string): Promise<SummaryResult> {
  return client.request<SummaryResult>(copilotPaths.summary(conversationId), { method: "POST", json: {} });
}

export function rewriteText(
  client: ApiClient,
  body: { text: string; style: RewriteStyle; language?: CopilotLanguage },
): Promise<RewriteResult> {
  return client.request<RewriteResult>(copilotPaths.rewrite, { method: "POST", json: body });
}

export function translateText(
  client: ApiClient,
  body: { text: string; to: CopilotLanguage; from?: CopilotLanguage },
): Promise<TranslateResult> {
  return client.request<TranslateResult>(copilotPaths.translate, { method: "POST", json: body });
}

export function getMessageTranslation(
  client: ApiClient,
  messageId: string,
  to: CopilotLanguage,
  signal?: AbortSignal,
): Promise<MessageTranslation> {
  return client.request<MessageTranslation>(copilotPaths.messageTranslation(messageId), { query: { to }, signal });
}

/** The conversation's summary, made on demand (it costs a provider call). */
export function useSummarize(conversationId: string) {
  const client = useApiClient();
  return useMutation({ mutationFn: () => summarizeConversation(client, conversationId) });
}

export function useRewrite() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (body: { text: string; style: RewriteStyle; language?: CopilotLanguage }) => rewriteText(client, body),
  });
}

export function useTranslateDraft() {
  const client = useApiClient();
  return useMutation({ mutationFn: (body: { text: string; to: CopilotLanguage; from?: CopilotLanguage }) => translateText(client, body) });
}

/**
 * One message translated into the agent's language, fetched only once asked (`enabled`) and then kept: a message's
 * words never change, and the server stores the translation too.
 */
export function useMessageTranslation(messageId: string, to: CopilotLanguage, { enabled }: { enabled: boolean }) {
  const client = useApiClient();
  return useQuery({
    queryKey: copilotKeys.messageTranslation(messageId, to),
    queryFn: ({ signal }) => getMessageTranslation(client, messageId, to, signal),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
