import { randomUUID } from "node:crypto";
import type { Language } from "@papo/copilot";
import { and, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { olderThan } from "../../db/keyset.ts";
import { type KbArticleRow, kbArticles } from "../../db/schema/kb-articles.ts";

export interface Article {
  id: string;
  workspaceId: string;
  title: string;
  body: string;
  tags: string[];
  phrasings: string[];
  language: Language | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ArticleFields {
  title: string;
  body: string;
  tags: string[];
  phrasings: string[];
  language: Language | null;
  enabled: boolean;
}

const fromRow = (row: KbArticleRow): Article => ({ ...row, language: row.language ?? null });

/** `%` and `_` typed by a user are literal characters, not patterns. */
const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Articles are the business's public FAQ, stored in clear (see the schema), so the repository is a plain table. */
export function createKnowledgeBaseRepo({ db }: { db: DbOrTx }) {
  const inWorkspace = (workspaceId: string, id: string) => and(eq(kbArticles.workspaceId, workspaceId), eq(kbArticles.id, id));
  return {
    async get(workspaceId: string, id: string): Promise<Article | undefined> {
      const [row] = await db.select().from(kbArticles).where(inWorkspace(workspaceId, id));
      return row && fromRow(row);
    },
    /** Newest first; `q` matches title, body, tags and phrasings (case-insensitive substring). */
    async list(
      workspaceId: string,
      { q, limit, before }: { q?: string | undefined; limit: number; before?: { at: Date; id: string } | undefined },
    ): Promise<Article[]> {
      const query = q?.trim();
      let matching: SQL | undefined;
      if (query) {
        const pattern = likePattern(query);
        matching = or(
          ilike(kbArticles.title, pattern),
          ilike(kbArticles.body, pattern),
          sql`${kbArticles.tags}::text ilike ${pattern}`,
          sql`${kbArticles.phrasings}::text ilike ${pattern}`,
        );
      }
      const rows = await db
        .select()
        .from(kbArticles)
        .where(and(eq(kbArticles.workspaceId, workspaceId), matching, olderThan(kbArticles.createdAt, kbArticles.id, before)))
        .orderBy(desc(kbArticles.createdAt), desc(kbArticles.id))
        .limit(limit);
      return rows.map(fromRow);
    },
    /** Every enabled article of the workspace: what the retrieval index is built from. */
    async listEnabled(workspaceId: string): Promise<Article[]> {
      const rows = await db
        .select()
        .from(kbArticles)
        .where(and(eq(kbArticles.workspaceId, workspaceId), eq(kbArticles.enabled, true)));
      return rows.map(fromRow);
    },
    async insert(workspaceId: string, fields: ArticleFields, at: Date): Promise<Article> {
      const [row] = await db
        .insert(kbArticles)
        .values({ id: randomUUID(), workspaceId, ...fields, createdAt: at, updatedAt: at })
        .returning();
      if (!row) throw new Error("article insert returned no row");
      return fromRow(row);
    },
    async update(workspaceId: string, id: string, fields: Partial<ArticleFields>, at: Date): Promise<Article | undefined> {
      const [row] = await db
        .update(kbArticles)
        .set({ ...fields, updatedAt: at })
        .where(inWorkspace(workspaceId, id))
        .returning();
      return row && fromRow(row);
    },
    async delete(workspaceId: string, id: string): Promise<boolean> {
      const rows = await db.delete(kbArticles).where(inWorkspace(workspaceId, id)).returning({ id: kbArticles.id });
      return rows.length > 0;
    },
  };
}

export type KnowledgeBaseRepo = ReturnType<typeof createKnowledgeBaseRepo>;
