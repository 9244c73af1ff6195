import type { Copilot, KnowledgeIndex, Language, RetrievalHit } from "@papo/copilot";

/**
 * The hits that ground suggestions and the bot: BM25 over the workspace's index, then — when the workspace's provider
 * has an embedding model — the candidates re-ranked by meaning (a provider failure keeps the BM25 order).
 */
export async function retrieveHits(
  index: KnowledgeIndex,
  copilot: Copilot,
  query: string,
  {
    language,
    limit,
    kinds,
  }: {
    language: Language | null;
    limit: number;
    /** Which sources may ground the answer; the bot, which speaks to customers, never uses other conversations' replies. */
    kinds?: Array<RetrievalHit["kind"]>;
  },
): Promise<RetrievalHit[]> {
  if (!query.trim()) return [];
  const rerank = copilot.capabilities.has("embeddings") ? copilot.rerankHits : undefined;
  // Re-ranking can only reorder what BM25 found: give it a wider pool than will be kept.
  const candidates = index.search(query, { language, limit: rerank ? limit * 3 : limit, ...(kinds ? { kinds } : {}) });
  if (!rerank || candidates.length < 2) return candidates;
  const ranked = await rerank.call(copilot, query, candidates);
  return ranked.value.slice(0, limit);
}
