import { parseKnowledgeImport } from "@papo/copilot";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { notFound } from "../../http/errors.ts";
import { decodeCursor, errorResponse, page, toPage } from "../../http/pagination.ts";
import type { AuditJson } from "../audit/chain.ts";
import { auditSource } from "../audit/request.ts";
import { invalidateKnowledgeIndex, knowledgeIndexFor } from "./index-cache.ts";
import { hitsInScope } from "./past-reply-scope.ts";
import { type Article, type ArticleFields, createKnowledgeBaseRepo } from "./repo.ts";
import {
  type ArticleDto,
  articleParams,
  articleSchema,
  BODY_MAX,
  createArticleBody,
  importBody,
  importResultSchema,
  listArticlesQuery,
  retrievalHitSchema,
  searchBody,
  TITLE_MAX,
  updateArticleBody,
} from "./schemas.ts";

const toDto = (a: Article): ArticleDto => ({
  id: a.id,
  title: a.title,
  body: a.body,
  tags: a.tags,
  phrasings: a.phrasings,
  language: a.language,
  enabled: a.enabled,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

/** How many hits the admin's "try a question" shows. */
const SEARCH_HITS = 5;

/** The knowledge base: the articles the bot answers from and the copilot grounds suggestions on. */
export async function knowledgeBaseRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = () => createKnowledgeBaseRepo({ db: deps.database.db });
  const tags = ["knowledge-base"];
  const base = "/api/v1/knowledge-base";

  /** Every change is audited (which article, which fields, never the text) and makes the next question rebuild the index. */
  const changed = async (request: FastifyRequest, workspaceId: string, details: Record<string, AuditJson>) => {
    invalidateKnowledgeIndex(deps, workspaceId);
    await deps.audit.record({
      ...auditSource(request),
      action: "knowledge_base.changed",
      target: { type: "workspace", id: workspaceId },
      details,
    });
  };

  r.get(
    `${base}/articles`,
    {
      schema: {
        tags,
        summary: "List articles, newest first",
        querystring: listArticlesQuery,
        response: { 200: page(articleSchema), 400: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const { q, limit, cursor } = request.query;
      const rows = await repo().list(workspaceId, { q, limit: limit + 1, before: decodeCursor(cursor) });
      return toPage(rows, limit, toDto, (a) => ({ at: a.createdAt, id: a.id }));
    },
  );

  r.post(
    `${base}/articles`,
    {
      schema: {
        tags,
        summary: "Create an article",
        body: createArticleBody,
        response: { 201: articleSchema, 400: errorResponse },
      },
    },
    async (request, reply) => {
      const { workspaceId } = authOf(request);
      const b = request.body;
      const created = await repo().insert(
        workspaceId,
        {
          title: b.title,
          body: b.body,
          tags: b.tags ?? [],
          phrasings: b.phrasings ?? [],
          language: b.language ?? null,
          enabled: b.enabled ?? true,
        },
        deps.clock.now(),
      );
      await changed(request, workspaceId, { operation: "created", articleId: created.id });
      return reply.code(201).send(toDto(created));
    },
  );

  r.get(
    `${base}/articles/:id`,
    {
      schema: { tags, summary: "Get an article", params: articleParams, response: { 200: articleSchema, 404: errorResponse } },
    },
    async (request) => {
      const article = await repo().get(authOf(request).workspaceId, request.params.id);
      if (!article) throw notFound("knowledge_base", request.params.id);
      return toDto(article);
    },
  );

  r.patch(
    `${base}/articles/:id`,
    {
      schema: {
        tags,
        summary: "Change an article (only the fields given)",
        params: articleParams,
        body: updateArticleBody,
        response: { 200: articleSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const fields: Partial<ArticleFields> = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
      const updated = await repo().update(workspaceId, request.params.id, fields, deps.clock.now());
      if (!updated) throw notFound("knowledge_base", request.params.id);
      await changed(request, workspaceId, { operation: "updated", articleId: updated.id, fields: Object.keys(fields) });
      return toDto(updated);
    },
  );

  r.delete(
    `${base}/articles/:id`,
    {
      schema: { tags, summary: "Delete an article", params: articleParams, response: { 204: z.null(), 404: errorResponse } },
    },
    async (request, reply) => {
      const { workspaceId } = authOf(request);
      if (!(await repo().delete(workspaceId, request.params.id))) throw notFound("knowledge_base", request.params.id);
      await changed(request, workspaceId, { operation: "deleted", articleId: request.params.id });
      return reply.code(204).send(null);
    },
  );

  r.post(
    `${base}/import`,
    {
      // 500,000 characters of text, multi-byte and JSON-escaped (quotes, new lines), can pass the API's default 1 MB.
      bodyLimit: 1_536 * 1024,
      schema: {
        tags,
        summary:
          "Import articles from Markdown (one per heading; optional tags:/phrasings:/language: lines) or CSV (title,body,tags,phrasings,language)",
        body: importBody,
        response: { 200: importResultSchema, 400: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = authOf(request);
      const parsed = parseKnowledgeImport(request.body.content, request.body.format);
      const errors = [...parsed.errors];
      const valid = parsed.articles.filter((article, i) => {
        const problem = articleProblem(article);
        // The parser does not say where an article starts: line 0 and the article's position name it instead.
        if (problem) errors.push({ line: 0, message: `article ${i + 1}: ${problem}` });
        return !problem;
      });
      const now = deps.clock.now();
      await deps.database.db.transaction(async (tx) => {
        const inTx = createKnowledgeBaseRepo({ db: tx });
        for (const article of valid) {
          await inTx.insert(
            workspaceId,
            {
              title: article.title.trim(),
              body: article.body.trim(),
              tags: article.tags,
              phrasings: article.phrasings,
              language: article.language,
              enabled: true,
            },
            now,
          );
        }
      });
      if (valid.length > 0)
        await changed(request, workspaceId, { operation: "imported", format: request.body.format, created: valid.length });
      return { created: valid.length, errors: errors.sort((a, b) => a.line - b.line) };
    },
  );

  r.post(
    `${base}/search`,
    {
      schema: {
        tags,
        summary: "Try a question: what the bot and the suggestions would find (articles, canned responses, past answers)",
        body: searchBody,
        response: { 200: z.object({ hits: z.array(retrievalHitSchema) }), 400: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const index = await knowledgeIndexFor(deps, ctx.workspaceId);
      // Searched wider than shown: past answers out of the caller's scope are dropped after.
      const hits = index.search(request.body.query, { language: request.body.language ?? null, limit: SEARCH_HITS * 2 });
      return { hits: (await hitsInScope(deps.database.db, ctx, hits)).slice(0, SEARCH_HITS) };
    },
  );
}

/** An imported article the API would refuse as a POST (the parser reads files; the limits are this module's). */
function articleProblem(article: { title: string; body: string }): string | undefined {
  if (!article.title.trim()) return "title: empty";
  if (article.title.trim().length > TITLE_MAX) return `title: longer than ${TITLE_MAX} characters`;
  if (!article.body.trim()) return "body: empty";
  if (article.body.trim().length > BODY_MAX) return `body: longer than ${BODY_MAX} characters`;
  return undefined;
}
