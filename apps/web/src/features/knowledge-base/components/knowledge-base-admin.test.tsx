import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { Article } from "../api/types.ts";
import { KnowledgeBaseAdmin } from "./knowledge-base-admin.tsx";

let sequence = 0;
function buildArticle(overrides: Partial<Article> = {}): Article {
  sequence += 1;
  return {
    id: `art-${sequence}`,
    title: "Prazo de entrega",
    body: "Entregamos em até 3 dias úteis nas capitais.",
    tags: ["entrega"],
    phrasings: ["quando chega meu pedido"],
    language: "pt",
    enabled: true,
    createdAt: "2026-11-01T00:00:00.000Z",
    updatedAt: "2026-11-01T00:00:00.000Z",
    ...overrides,
  };
}

/** A fake knowledge-base API over an in-memory list, so writes show in the next list. */
function fakeServer(initial: Article[]) {
  const rows = [...initial];
  const calls: FakeCall[] = [];
  const byId = /^\/api\/v1\/knowledge-base\/articles\/([^/]+)$/;
  const routes: FakeRoute[] = [
    {
      path: "/api/v1/knowledge-base/articles",
      respond: (call) => {
        const q = (call.query.get("q") ?? "").toLowerCase();
        return json({ data: rows.filter((r) => !q || r.title.toLowerCase().includes(q)), nextCursor: null });
      },
    },
    {
      method: "POST",
      path: "/api/v1/knowledge-base/articles",
      respond: (call) => {
        calls.push(call);
        const created = buildArticle(call.body as Partial<Article>);
        rows.push(created);
        return json(created, 201);
      },
    },
    {
      method: "PATCH",
      path: byId,
      respond: (call) => {
        calls.push(call);
        const index = rows.findIndex((r) => r.id === byId.exec(call.path)?.[1]);
        rows[index] = { ...(rows[index] as Article), ...(call.body as Partial<Article>) };
        return json(rows[index]);
      },
    },
    {
      method: "DELETE",
      path: byId,
      respond: (call) => {
        rows.splice(
          rows.findIndex((r) => r.id === byId.exec(call.path)?.[1]),
          1,
        );
        return new Response(null, { status: 204 });
      },
    },
    {
      method: "POST",
      path: "/api/v1/knowledge-base/import",
      respond: (call) => {
        calls.push(call);
        return json({ created: 2, errors: [{ line: 7, message: "body: empty" }] });
      },
    },
    {
      method: "POST",
      path: "/api/v1/knowledge-base/search",
      respond: () =>
        json({
          hits: [
            { kind: "article", id: "art-x", title: "Prazo de entrega", text: "Entregamos em até 3 dias.", score: 7.1, confidence: 0.82 },
          ],
        }),
    },
  ];
  return { rows, calls, routes };
}

const supervisor = () => buildLogin({ user: buildUser({ role: "supervisor" }) });
const titles = () =>
  within(screen.getByRole("list", { name: "Articles" }))
    .getAllByRole("listitem")
    .map((li) => li.querySelector("p")?.firstChild?.textContent);

describe("knowledge base admin page", () => {
  it("creates an article with tags, phrasings and a language, and lists it", async () => {
    const server = fakeServer([buildArticle()]);
    renderApp(<KnowledgeBaseAdmin />, { login: supervisor(), routes: server.routes });
    await screen.findByRole("list", { name: "Articles" });
    fireEvent.click(screen.getByRole("button", { name: "New article" }));
    const form = screen.getByRole("form", { name: "New article" });
    fireEvent.change(within(form).getByLabelText("Title"), { target: { value: "Trocas e devoluções" } });
    fireEvent.change(within(form).getByLabelText("Answer"), { target: { value: "Você pode trocar em até 30 dias." } });
    fireEvent.change(within(form).getByLabelText("Tags"), { target: { value: "troca, devolução, troca" } });
    fireEvent.change(within(form).getByLabelText("Other ways to ask"), { target: { value: "quero trocar\n\nposso devolver?" } });
    fireEvent.change(within(form).getByLabelText("Language"), { target: { value: "pt" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save article" }));
    await waitFor(() => expect(titles()).toContain("Trocas e devoluções"));
    expect(server.calls[0]?.body).toEqual({
      title: "Trocas e devoluções",
      body: "Você pode trocar em até 30 dias.",
      tags: ["troca", "devolução"],
      phrasings: ["quero trocar", "posso devolver?"],
      language: "pt",
      enabled: true,
    });
    expect(screen.queryByRole("form", { name: "New article" })).toBeNull();
  });

  it("edits and deletes an article after confirmation", async () => {
    const article = buildArticle({ title: "Formas de pagamento" });
    const server = fakeServer([article]);
    renderApp(<KnowledgeBaseAdmin />, { login: supervisor(), routes: server.routes });
    fireEvent.click(await screen.findByRole("button", { name: "Edit “Formas de pagamento”" }));
    const form = screen.getByRole("form", { name: "Edit “Formas de pagamento”" });
    fireEvent.click(within(form).getByLabelText("Active"));
    fireEvent.click(within(form).getByRole("button", { name: "Save article" }));
    await waitFor(() => expect(server.rows[0]?.enabled).toBe(false));
    expect(await screen.findByText("Disabled")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Delete “Formas de pagamento”" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    await screen.findByText("No articles yet. Create one or import Markdown or CSV.");
    expect(server.rows).toHaveLength(0);
  });

  it("imports Markdown and lists the lines it could not read", async () => {
    const server = fakeServer([]);
    renderApp(<KnowledgeBaseAdmin />, { login: supervisor(), routes: server.routes });
    const form = await screen.findByRole("form", { name: "Import" });
    fireEvent.change(within(form).getByLabelText("Content"), { target: { value: "# Entrega\nChega em 3 dias.\n" } });
    fireEvent.click(within(form).getByRole("button", { name: "Import" }));
    expect(await within(form).findByText("2 article(s) created.")).toBeTruthy();
    expect(within(form).getByText("Line 7: body: empty")).toBeTruthy();
    expect(server.calls[0]?.body).toEqual({ format: "markdown", content: "# Entrega\nChega em 3 dias.\n" });
  });

  it("shows what the copilot would retrieve for a question, with its confidence", async () => {
    const server = fakeServer([]);
    renderApp(<KnowledgeBaseAdmin />, { login: supervisor(), routes: server.routes });
    const form = await screen.findByRole("form", { name: "Try a question" });
    fireEvent.change(within(form).getByLabelText("Customer's question"), { target: { value: "qdo chega meu pedido" } });
    fireEvent.click(within(form).getByRole("button", { name: "Search" }));
    const results = await within(form).findByRole("list", { name: "What the copilot would find" });
    expect(results.textContent).toContain("Prazo de entrega");
    expect(results.textContent).toContain("(article, 82% confidence)");
  });
});
