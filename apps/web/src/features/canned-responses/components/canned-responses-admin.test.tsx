import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CannedResponse, Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { CannedResponsesAdmin } from "./canned-responses-admin.tsx";

let sequence = 0;
function buildCannedResponse(overrides: Partial<CannedResponse> = {}): CannedResponse {
  sequence += 1;
  return {
    id: `00000000-0000-4000-a000-${sequence.toString(16).padStart(12, "0")}`,
    shortcut: "entrega",
    title: "Prazo de entrega",
    body: "Seu pedido chega em até 3 dias úteis.",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

const welcome = buildCannedResponse({ shortcut: "boas-vindas", title: "Saudação", body: "Olá! Como posso ajudar?" });
const delivery = buildCannedResponse({ shortcut: "entrega", title: "Prazo de entrega", body: "Seu pedido chega em até 3 dias úteis." });
const promo = buildCannedResponse({ shortcut: "promo", title: "Promoção", body: "Use o cupom PAPO10." });

/** A fake of the canned-responses API over an in-memory list, so writes show in the next list. */
function fakeServer(initial: CannedResponse[], { onCreate }: { onCreate?: (call: FakeCall) => Response } = {}) {
  const rows = [...initial];
  const byId = /^\/api\/v1\/canned-responses\/([^/]+)$/;
  const routes: FakeRoute[] = [
    { path: "/api/v1/canned-responses", respond: () => json({ data: [...rows], nextCursor: null } satisfies Page<CannedResponse>) },
    {
      method: "POST",
      path: "/api/v1/canned-responses",
      respond: (call) => {
        if (onCreate) return onCreate(call);
        const created = buildCannedResponse(call.body as Partial<CannedResponse>);
        rows.push(created);
        return json(created, 201);
      },
    },
    {
      method: "PATCH",
      path: byId,
      respond: (call) => {
        const index = rows.findIndex((r) => r.id === byId.exec(call.path)?.[1]);
        const updated = { ...(rows[index] as CannedResponse), ...(call.body as Partial<CannedResponse>) };
        rows[index] = updated;
        return json(updated);
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
  ];
  return { rows, routes };
}

function renderPage(routes: FakeRoute[]) {
  return renderApp(<CannedResponsesAdmin />, { login: buildLogin({ user: buildUser({ role: "supervisor" }) }), routes });
}

const shortcuts = () =>
  within(screen.getByRole("list", { name: "Canned responses" }))
    .getAllByRole("listitem")
    .map((item) => item.querySelector(".font-mono")?.textContent);

const descriptionOf = (element: HTMLElement) =>
  (element.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");

function fillNew({ shortcut, title, body }: { shortcut: string; title: string; body: string }) {
  fireEvent.click(screen.getByRole("button", { name: "New response" }));
  fireEvent.change(screen.getByLabelText("Shortcut"), { target: { value: shortcut } });
  fireEvent.change(screen.getByLabelText("Title"), { target: { value: title } });
  fireEvent.change(screen.getByLabelText("Text"), { target: { value: body } });
}

describe("canned responses admin", () => {
  it("when the page opens, the responses are listed; a search narrows them by shortcut, title or text, ignoring accents", async () => {
    renderPage(fakeServer([welcome, delivery, promo]).routes);

    await screen.findByRole("list", { name: "Canned responses" });
    expect(shortcuts()).toEqual(["/boas-vindas", "/entrega", "/promo"]);

    const search = screen.getByLabelText("Search canned responses");
    fireEvent.change(search, { target: { value: "promocao" } });
    expect(shortcuts()).toEqual(["/promo"]);
    fireEvent.change(search, { target: { value: "UTEIS" } });
    expect(shortcuts()).toEqual(["/entrega"]);
    fireEvent.change(search, { target: { value: "nada disso" } });
    expect(screen.getByText("No canned response found for “nada disso”.")).toBeTruthy();
  });

  it("when a response is created, the preview shows WhatsApp's styles and the new one joins the composer's cached list", async () => {
    const server = fakeServer([welcome]);
    const { fetch, queryClient } = renderPage(server.routes);
    await screen.findByRole("list", { name: "Canned responses" });

    fillNew({ shortcut: "/troca", title: "Trocas", body: "Trocas em *7 dias* corridos." });
    const preview = screen.getByRole("region", { name: "WhatsApp preview" });
    expect(within(preview).getByText("7 dias").tagName).toBe("STRONG");
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    await waitFor(() => expect(shortcuts()).toEqual(["/boas-vindas", "/troca"]));
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({
      shortcut: "troca",
      title: "Trocas",
      body: "Trocas em *7 dias* corridos.",
    });
    expect(screen.queryByLabelText("Shortcut")).toBeNull();
    const cached = queryClient.getQueryData<Page<CannedResponse>>(queryKeys.cannedResponses);
    expect(cached?.data.map((r) => r.shortcut)).toEqual(["boas-vindas", "troca"]);
  });

  it("when the shortcut is taken, the 409 shows beside the shortcut and the form keeps what was typed", async () => {
    const { routes } = fakeServer([delivery], {
      onCreate: () => apiError(409, "canned_responses.shortcut_taken", "shortcut: another canned response already uses this shortcut"),
    });
    renderPage(routes);
    await screen.findByRole("list", { name: "Canned responses" });

    fillNew({ shortcut: "entrega", title: "Outra", body: "Texto" });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    const shortcut = screen.getByLabelText("Shortcut");
    await waitFor(() => expect(shortcut.getAttribute("aria-invalid")).toBe("true"));
    expect(descriptionOf(shortcut)).toContain("Another canned response already uses this shortcut.");
    expect((shortcut as HTMLInputElement).value).toBe("entrega");
    expect(screen.getByLabelText("Title").getAttribute("aria-invalid")).toBeNull();
  });

  it("when the server finds a field invalid, that field explains the rule", async () => {
    const { routes } = fakeServer([], {
      onCreate: () =>
        json(
          {
            error: {
              code: "request.invalid",
              message: "body.shortcut: must be 1 to 32 lower-case letters, digits, - or _",
              details: { issues: [{ field: "body.shortcut", message: "must be 1 to 32 lower-case letters, digits, - or _" }] },
            },
          },
          400,
        ),
    });
    renderPage(routes);
    await screen.findByText("No canned responses yet. Create the first one.");

    fillNew({ shortcut: "Entrega Já", title: "Entrega", body: "Texto" });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    await waitFor(() => expect(descriptionOf(screen.getByLabelText("Shortcut"))).toContain("Use 1 to 32 lower-case letters"));
  });

  it("when a response is edited, only the changed field is sent and the list shows the change", async () => {
    const { fetch } = renderPage(fakeServer([welcome, delivery]).routes);
    fireEvent.click(await screen.findByRole("button", { name: "Edit /entrega" }));
    const body = screen.getByLabelText("Text") as HTMLTextAreaElement;
    expect(body.value).toBe(delivery.body);

    fireEvent.change(body, { target: { value: "Chega amanhã." } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Chega amanhã.")).toBeTruthy();
    expect(fetch.calls.filter((c) => c.method === "PATCH").map((c) => [c.path, c.body])).toEqual([
      [`/api/v1/canned-responses/${delivery.id}`, { body: "Chega amanhã." }],
    ]);
  });

  it("when delete is pressed, nothing is deleted until the dialog is confirmed", async () => {
    const { fetch } = renderPage(fakeServer([welcome, promo]).routes);
    fireEvent.click(await screen.findByRole("button", { name: "Delete /promo" }));
    const dialog = screen.getByRole("dialog", { name: "Delete /promo?" });
    expect(dialog.textContent).toContain("“Promoção” stops showing for agents");

    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(fetch.calls.some((c) => c.method === "DELETE")).toBe(false);
    expect(shortcuts()).toEqual(["/boas-vindas", "/promo"]);

    fireEvent.click(screen.getByRole("button", { name: "Delete /promo" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));

    await waitFor(() => expect(shortcuts()).toEqual(["/boas-vindas"]));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(fetch.calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual([`/api/v1/canned-responses/${promo.id}`]);
  });
});
