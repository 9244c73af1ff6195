import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApiClient } from "../../../lib/services.tsx";
import { type Article, type ArticleInput, type ImportResult, knowledgeBaseKeys, knowledgeBasePaths, type RetrievalHit } from "./types.ts";

const PAGE_SIZE = 100;

/** The articles whose title, body, tags or phrasings match `q` (all of them when empty). */
export function useArticles(q: string) {
  const client = useApiClient();
  return useQuery(
    queryOptions({
      queryKey: knowledgeBaseKeys.list(q),
      queryFn: ({ signal }) =>
        client.request<{ data: Article[]; nextCursor: string | null }>(knowledgeBasePaths.articles, {
          query: { q: q || undefined, limit: PAGE_SIZE },
          signal,
        }),
      placeholderData: keepPreviousData,
    }),
  );
}

/** Create (no id) or update an article; every list refetches. */
export function useSaveArticle() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ArticleInput }) =>
      id
        ? client.request<Article>(knowledgeBasePaths.article(id), { method: "PATCH", json: input })
        : client.request<Article>(knowledgeBasePaths.articles, { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeBaseKeys.all }),
  });
}

export function useDeleteArticle() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.request<void>(knowledgeBasePaths.article(id), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeBaseKeys.all }),
  });
}

export function useImportArticles() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { format: "markdown" | "csv"; content: string }) =>
      client.request<ImportResult>(knowledgeBasePaths.import, { method: "POST", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeBaseKeys.all }),
  });
}

/** What the copilot would retrieve for a customer's question: lets an admin check an article is found. */
export function useTryQuestion() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (query: string) => client.request<{ hits: RetrievalHit[] }>(knowledgeBasePaths.search, { method: "POST", json: { query } }),
  });
}
