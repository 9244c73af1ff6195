/** The knowledge base the copilot and the bot answer from (README → HTTP API → Knowledge base). */
export const knowledgeBasePaths = {
  articles: "/api/v1/knowledge-base/articles",
  article: (id: string) => `/api/v1/knowledge-base/articles/${encodeURIComponent(id)}`,
  import: "/api/v1/knowledge-base/import",
  search: "/api/v1/knowledge-base/search",
} as const;

export const knowledgeBaseKeys = {
  all: ["knowledge-base"] as const,
  list: (q: string) => ["knowledge-base", "list", q] as const,
};

export const articleLanguages = ["pt", "en", "es"] as const;
export type ArticleLanguage = (typeof articleLanguages)[number];

export interface Article {
  id: string;
  title: string;
  body: string;
  tags: string[];
  phrasings: string[];
  language: ArticleLanguage | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export type ArticleInput = Pick<Article, "title" | "body" | "tags" | "phrasings" | "language" | "enabled">;

export interface ImportResult {
  created: number;
  errors: Array<{ line: number; message: string }>;
}

export interface RetrievalHit {
  kind: "article" | "canned" | "past_reply";
  id: string;
  title: string;
  text: string;
  score: number;
  confidence: number;
}
