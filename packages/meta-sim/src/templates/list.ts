import type { TemplateRecord } from "../state.ts";
import { templateToGraph } from "./to-graph.ts";

/** Query parameters of `GET /{waba-id}/message_templates` the simulator honours. */
export interface TemplateListQuery {
  limit?: unknown;
  after?: unknown;
  before?: unknown;
  fields?: unknown;
  status?: unknown;
  name?: unknown;
  language?: unknown;
  category?: unknown;
}

/** Meta's list page: `{ data, paging: { cursors: { before, after }, next?, previous? } }`. */
export interface TemplatePage {
  data: Record<string, unknown>[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

const cursorOf = (id: string): string => Buffer.from(id, "utf8").toString("base64url");
const idOfCursor = (cursor: unknown): string | undefined =>
  typeof cursor === "string" && cursor ? Buffer.from(cursor, "base64url").toString("utf8") : undefined;
const list = (value: unknown): string[] | undefined =>
  typeof value === "string" && value ? value.split(",").map((v) => v.trim().toUpperCase()) : undefined;

/**
 * Filters and pages templates like Meta: `status`/`category` lists, `name` substring, exact `language`, cursor paging
 * with opaque `before`/`after` cursors and a `next` URL built from `pageUrl`.
 */
export function listTemplates({
  templates,
  query,
  pageUrl,
}: {
  templates: TemplateRecord[];
  query: TemplateListQuery;
  pageUrl: (params: Record<string, string>) => string;
}): TemplatePage {
  const statuses = list(query.status);
  const categories = list(query.category);
  const filtered = templates.filter(
    (t) =>
      (!statuses || statuses.includes(t.status)) &&
      (!categories || categories.includes(t.category)) &&
      (typeof query.name !== "string" || t.name.includes(query.name)) &&
      (typeof query.language !== "string" || t.language === query.language),
  );
  const limit = Math.min(Math.max(Number(query.limit) || 25, 1), 1_000);
  const afterId = idOfCursor(query.after);
  const beforeId = idOfCursor(query.before);
  let start = 0;
  if (afterId !== undefined) start = filtered.findIndex((t) => t.id === afterId) + 1;
  else if (beforeId !== undefined) start = Math.max(0, filtered.findIndex((t) => t.id === beforeId) - limit);
  const page = filtered.slice(start, start + limit);
  const fields = typeof query.fields === "string" && query.fields ? query.fields.split(",").map((f) => f.trim()) : undefined;
  const data = page.map((t) => templateToGraph(t, fields));
  const first = page[0];
  const last = page.at(-1);
  if (!first || !last) return { data };
  const keep: Record<string, string> = { limit: String(limit) };
  for (const key of ["fields", "status", "name", "language", "category"] as const) {
    const value = query[key];
    if (typeof value === "string") keep[key] = value;
  }
  return {
    data,
    paging: {
      cursors: { before: cursorOf(first.id), after: cursorOf(last.id) },
      ...(start + limit < filtered.length ? { next: pageUrl({ ...keep, after: cursorOf(last.id) }) } : {}),
      ...(start > 0 ? { previous: pageUrl({ ...keep, before: cursorOf(first.id) }) } : {}),
    },
  };
}
