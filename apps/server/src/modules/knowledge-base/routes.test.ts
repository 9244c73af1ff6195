import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { invalidateKnowledgeIndex } from "./index-cache.ts";
import type { ArticleDto } from "./schemas.ts";

type ErrorBody = { error: { code: string; message: string; details?: { issues?: Array<{ field: string }> } } };
type Page<T> = { data: T[]; nextCursor: string | null };
type Hit = { kind: string; id: string; title: string; text: string; confidence: number };
type AuditEvent = { action: string; details: Record<string, unknown> };

const base = "/api/v1/knowledge-base";

describe.each(DATABASE_KINDS)("knowledge base API (%s)", (kind) => {
  let t: TestPapo;
  let workspaceId: string;
  let agent: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let outsider: { id: string; token: string };
  const run = it.skipIf(!isAvailable(kind));

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    workspaceId = t.papo.bootstrap.workspaceId;
    agent = await t.addUser({ workspaceId, email: "agente@papo.test", role: "agent" });
    supervisor = await t.addUser({ workspaceId, email: "super@papo.test", role: "supervisor" });
    const other = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: other, name: "Outra empresa" });
    outsider = await t.addUser({ workspaceId: other, email: "admin@outra.test", role: "admin" });
  }, 120_000);
  afterAll(async () => t?.close());

  const create = async (body: Record<string, unknown>, token = t.token) =>
    t.apiAs<ArticleDto & ErrorBody>(token, "POST", `${base}/articles`, body);

  run("creates, reads, changes and deletes an article, audited without its text", async () => {
    const created = await create({
      title: "Prazo de entrega",
      body: "Entregamos em até 3 dias úteis nas capitais.",
      tags: ["entrega", "frete"],
      phrasings: ["quando chega meu pedido?", "cadê minha encomenda"],
      language: "pt",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: "Prazo de entrega",
      tags: ["entrega", "frete"],
      phrasings: ["quando chega meu pedido?", "cadê minha encomenda"],
      language: "pt",
      enabled: true,
    });
    const id = created.body.id;
    expect((await t.api<ArticleDto>("GET", `${base}/articles/${id}`)).body.body).toBe("Entregamos em até 3 dias úteis nas capitais.");

    const patched = await t.api<ArticleDto>("PATCH", `${base}/articles/${id}`, { enabled: false, language: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ enabled: false, language: null, title: "Prazo de entrega" });

    // Anyone may read; only knowledge_base.manage (admins, supervisors) may write.
    expect((await t.apiAs(agent.token, "GET", `${base}/articles/${id}`)).status).toBe(200);
    expect((await t.apiAs<ErrorBody>(agent.token, "PATCH", `${base}/articles/${id}`, { title: "x" })).body.error.code).toBe(
      "auth.forbidden",
    );
    expect((await t.apiAs(supervisor.token, "PATCH", `${base}/articles/${id}`, { enabled: true })).status).toBe(200);
    // Another workspace's admin does not find it.
    expect((await t.apiAs<ErrorBody>(outsider.token, "GET", `${base}/articles/${id}`)).body.error.code).toBe("knowledge_base.not_found");
    expect((await t.apiAs(outsider.token, "DELETE", `${base}/articles/${id}`)).status).toBe(404);

    expect((await t.api("DELETE", `${base}/articles/${id}`)).status).toBe(204);
    expect((await t.api<ErrorBody>("GET", `${base}/articles/${id}`)).body.error.code).toBe("knowledge_base.not_found");

    const audit = await t.api<{ data: AuditEvent[] }>("GET", "/api/v1/audit-events?action=knowledge_base.changed");
    const operations = audit.body.data.filter((e) => e.details.articleId === id).map((e) => e.details.operation);
    expect(operations).toEqual(["deleted", "updated", "updated", "created"]);
    expect(JSON.stringify(audit.body.data)).not.toContain("capitais");
  });

  run("refuses invalid articles naming the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: "", body: "x" }, "body.title"],
      [{ title: "Ok", body: "   " }, "body.body"],
      [{ title: "Ok", body: "x".repeat(4097) }, "body.body"],
      [{ title: "Ok", body: "x", language: "fr" }, "body.language"],
      [{ title: "Ok", body: "x", tags: [""] }, "body.tags.0"],
    ];
    for (const [body, field] of cases) {
      const answer = await create(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe("request.invalid");
      expect(answer.body.error.details?.issues?.map((i) => i.field)).toContain(field);
    }
  });

  run("lists newest first with a q filter over title, body, tags and phrasings, page by page", async () => {
    const marker = `lst${Date.now()}`;
    const ids: string[] = [];
    for (const [i, extra] of [
      { title: `${marker} título` },
      { body: `corpo ${marker}` },
      { tags: [marker] },
      { phrasings: [`pergunta ${marker}?`] },
    ].entries())
      ids.push((await create({ title: `Artigo ${i}`, body: "Texto do artigo", ...extra })).body.id);
    await create({ title: "Sem a marca", body: "nada a ver" });
    const first = await t.api<Page<ArticleDto>>("GET", `${base}/articles?q=${marker.toUpperCase()}&limit=3`);
    expect(first.body.data.map((a) => a.id)).toEqual([...ids].reverse().slice(0, 3));
    expect(first.body.nextCursor).not.toBeNull();
    const second = await t.api<Page<ArticleDto>>("GET", `${base}/articles?q=${marker}&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((a) => a.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    // LIKE wildcards typed by a user are literal.
    expect((await t.api<Page<ArticleDto>>("GET", `${base}/articles?q=%25`)).body.data).toEqual([]);
  });

  run("imports Markdown and CSV, reporting the lines it could not read", async () => {
    const markdown = [
      "# Horário de atendimento",
      "tags: horário, atendimento",
      "Atendemos de segunda a sexta, das 9h às 18h.",
      "",
      "## Formas de pagamento",
      "Aceitamos Pix, boleto e cartão em até 12x.",
    ].join("\n");
    const md = await t.api<{ created: number; errors: unknown[] }>("POST", `${base}/import`, { format: "markdown", content: markdown });
    expect(md.status).toBe(200);
    expect(md.body).toEqual({ created: 2, errors: [] });
    const listed = await t.api<Page<ArticleDto>>("GET", `${base}/articles?q=Pix`);
    expect(listed.body.data[0]).toMatchObject({ title: "Formas de pagamento", enabled: true });

    const csv =
      'title,body,tags,phrasings,language\n"Troca","Trocas em até 30 dias, com nota.",troca;devolução,quero trocar|como devolvo,pt\n,sem título,,,\n';
    const imported = await t.api<{ created: number; errors: Array<{ line: number; message: string }> }>("POST", `${base}/import`, {
      format: "csv",
      content: csv,
    });
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBe(1);
    expect(imported.body.errors).toHaveLength(1);
    expect(imported.body.errors[0]?.message).toMatch(/title/);
    const troca = (await t.api<Page<ArticleDto>>("GET", `${base}/articles?q=Trocas em`)).body.data[0];
    expect(troca).toMatchObject({
      title: "Troca",
      tags: ["troca", "devolução"],
      phrasings: ["quero trocar", "como devolvo"],
      language: "pt",
    });

    expect((await t.api<ErrorBody>("POST", `${base}/import`, { format: "pdf", content: "x" })).body.error.code).toBe("request.invalid");
    const tooBig = await t.api<ErrorBody>("POST", `${base}/import`, { format: "markdown", content: `# T\n${"a".repeat(600_000)}` });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toMatch(/content/);
    expect((await t.apiAs(agent.token, "POST", `${base}/import`, { format: "markdown", content: markdown })).status).toBe(403);
  });

  run("search finds the right article at once after a change, and forgets a disabled one", async () => {
    const article = await create({
      title: "Rastreamento do pedido",
      body: "Você acompanha o pedido pelo link de rastreio enviado por e-mail.",
      phrasings: ["onde está meu pedido", "como rastrear minha compra"],
    });
    const search = async (query: string) => (await t.api<{ hits: Hit[] }>("POST", `${base}/search`, { query, language: "pt" })).body.hits;
    const hits = await search("como rastrear meu pedido?");
    expect(hits[0]).toMatchObject({ kind: "article", id: article.body.id, title: "Rastreamento do pedido" });
    expect(hits[0]?.confidence).toBeGreaterThan(0);
    await t.api("PATCH", `${base}/articles/${article.body.id}`, { enabled: false });
    expect((await search("como rastrear meu pedido?")).map((h) => h.id)).not.toContain(article.body.id);
    // Hits may show canned responses and past agent answers: only those who manage the knowledge base try questions.
    expect((await t.apiAs(agent.token, "POST", `${base}/search`, { query: "pedido" })).status).toBe(403);
    expect((await t.api<ErrorBody>("POST", `${base}/search`, { query: " " })).body.error.code).toBe("request.invalid");
  });

  run("the index also holds canned responses (refreshed as they change) and past agent answers", async () => {
    const search = async (query: string) => (await t.api<{ hits: Hit[] }>("POST", `${base}/search`, { query })).body.hits;
    // Built now, before the canned response exists: the change must reach the cached index at once.
    await search("garantia estendida");
    const canned = await t.api<{ id: string }>("POST", "/api/v1/canned-responses", {
      shortcut: "garantia",
      title: "Garantia estendida",
      body: "A garantia estendida cobre 12 meses além da garantia de fábrica.",
    });
    expect((await search("como funciona a garantia estendida?")).find((h) => h.kind === "canned")?.id).toBe(canned.body.id);

    const waId = "5511977770001";
    t.sim.sendAsCustomer({ from: waId, name: "Cliente", type: "text", text: "Vocês entregam no sábado na zona rural?" });
    const conversation = await eventually(async () => {
      const list = await t.api<{ data: Array<{ id: string; contact: { waId: string | null } | null }> }>(
        "GET",
        "/api/v1/conversations?limit=200",
      );
      return list.body.data.find((c) => c.contact?.waId === waId);
    }, "the conversation");
    const reply = await t.api<{ id: string }>("POST", `/api/v1/conversations/${conversation.id}/messages`, {
      type: "text",
      body: "Sim, entregamos aos sábados também na zona rural, com frete especial.",
    });
    expect(reply.status).toBe(202);
    // Past answers are not an event: the index picks them up on its next rebuild (at most a minute; forced here).
    invalidateKnowledgeIndex(t.papo.deps, workspaceId);
    const pastReply = (await search("entregam no sábado na zona rural?")).find((h) => h.kind === "past_reply");
    expect(pastReply).toMatchObject({ id: reply.body.id, text: "Sim, entregamos aos sábados também na zona rural, com frete especial." });
  });
});
