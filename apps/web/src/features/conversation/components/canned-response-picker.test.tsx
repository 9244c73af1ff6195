import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { CannedResponse } from "../../../lib/api-types.ts";
import { buildConversation, buildLogin } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { filterCannedResponses } from "./canned-response-picker.tsx";
import { Composer } from "./composer.tsx";

const canned = (shortcut: string, title: string, body: string): CannedResponse => ({
  id: `cr-${shortcut}`,
  shortcut,
  title,
  body,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

const RESPONSES = [
  canned("boas-vindas", "Saudação", "Olá! Como posso ajudar?"),
  canned("entrega", "Prazo de entrega", "Seu pedido chega em até 3 dias úteis."),
  canned("entrega-expressa", "Entrega expressa", "Com a expressa, chega amanhã."),
  canned("promo", "Promoção", "Use o cupom PAPO10."),
];

const cannedRoute = (respond: FakeRoute["respond"] = () => json({ data: RESPONSES, nextCursor: null })): FakeRoute => ({
  path: "/api/v1/canned-responses",
  respond,
});

function renderComposer(routes: FakeRoute[] = [cannedRoute()]) {
  const result = renderApp(<Composer conversation={buildConversation()} replyTo={null} onCancelReply={vi.fn()} />, {
    login: buildLogin(),
    routes,
  });
  const textarea = screen.getByLabelText("Message") as HTMLTextAreaElement;
  const type = (value: string) => fireEvent.change(textarea, { target: { value } });
  return { ...result, textarea, type };
}

const options = () => within(screen.getByRole("listbox", { name: "Canned responses" })).getAllByRole("option");

describe("canned response picker", () => {
  it("when the agent types / at the start, the canned responses open; without / they are not even fetched", async () => {
    const { fetch, type } = renderComposer();
    type("oi /entrega");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(fetch.calls).toHaveLength(0);

    type("/");

    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      expect.stringContaining("/boas-vindas"),
      expect.stringContaining("/entrega"),
      expect.stringContaining("/entrega-expressa"),
      expect.stringContaining("/promo"),
    ]);
    expect(fetch.calls.map((c) => c.path)).toEqual(["/api/v1/canned-responses"]);
  });

  it("when the agent keeps typing, the list narrows by shortcut, title or body, ignoring accents", async () => {
    const { type } = renderComposer();
    type("/");
    await screen.findAllByRole("option");

    type("/entrega");
    expect(options().map((o) => /cr-(.*)$/.exec(o.id)?.[1])).toEqual(["entrega", "entrega-expressa"]);
    type("/promocao");
    expect(options()).toHaveLength(1);
    expect(options()[0]?.textContent).toContain("/promo");
    type("/nada");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(screen.getByText("No canned response for “/nada”.")).toBeTruthy();
  });

  it("when the agent moves with the arrows and presses Enter, the chosen body replaces the text and nothing is sent", async () => {
    const { fetch, textarea, type } = renderComposer();
    type("/entrega");
    await screen.findAllByRole("option");
    expect(options()[0]?.getAttribute("aria-selected")).toBe("true");

    fireEvent.keyDown(textarea, { key: "ArrowDown" });
    expect(options()[1]?.getAttribute("aria-selected")).toBe("true");
    expect(textarea.getAttribute("aria-activedescendant")).toBe(options()[1]?.id);
    fireEvent.keyDown(textarea, { key: "Enter" });

    expect(textarea.value).toBe("Com a expressa, chega amanhã.");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(fetch.calls.filter((c) => c.method === "POST")).toHaveLength(0);

    // The next Enter sends the inserted text as usual.
    fetch.route({ method: "POST", path: /\/messages$/, respond: () => json({}, 202) });
    fireEvent.keyDown(textarea, { key: "Enter" });
    await waitFor(() => expect(fetch.calls.filter((c) => c.method === "POST")).toHaveLength(1));
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({ type: "text", body: "Com a expressa, chega amanhã." });
  });

  it("when ArrowUp is pressed on the first response, the choice wraps to the last", async () => {
    const { textarea, type } = renderComposer();
    type("/");
    await screen.findAllByRole("option");

    fireEvent.keyDown(textarea, { key: "ArrowUp" });

    expect(options()[3]?.getAttribute("aria-selected")).toBe("true");
  });

  it("when a response is clicked, its body is inserted", async () => {
    const { textarea, type } = renderComposer();
    type("/");

    fireEvent.click(await screen.findByRole("option", { name: /boas-vindas/ }));

    expect(textarea.value).toBe("Olá! Como posso ajudar?");
  });

  it("when Escape is pressed, the list closes, the text stays, and Enter sends the text as typed", async () => {
    const { fetch, textarea, type } = renderComposer([
      cannedRoute(),
      { method: "POST", path: /\/messages$/, respond: () => json({}, 202) },
    ]);
    type("/entrega");
    await screen.findAllByRole("option");

    fireEvent.keyDown(textarea, { key: "Escape" });

    expect(screen.queryByRole("listbox")).toBeNull();
    expect(textarea.value).toBe("/entrega");
    fireEvent.keyDown(textarea, { key: "Enter" });
    await waitFor(() => expect(fetch.calls.filter((c) => c.method === "POST")).toHaveLength(1));
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({ type: "text", body: "/entrega" });
  });

  it("when the responses cannot be loaded, the translated reason shows", async () => {
    const { type } = renderComposer([cannedRoute(() => apiError(403, "auth.forbidden"))]);
    type("/");

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Couldn't load the canned responses: Your role doesn't allow this. Ask an administrator.",
    );
  });
});

describe("filterCannedResponses", () => {
  it("puts shortcuts that start with the query before other matches", () => {
    const list = [canned("aviso", "Aviso de entrega", "…"), canned("entrega", "Prazo", "…")];
    expect(filterCannedResponses(list, "entrega").map((r) => r.shortcut)).toEqual(["entrega", "aviso"]);
  });
});
