import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { MessageHit } from "../api/search.ts";
import { HighlightedSnippet } from "./highlighted-snippet.tsx";
import { MessageResults } from "./message-results.tsx";

const hit = (overrides: Partial<MessageHit>): MessageHit => ({
  id: crypto.randomUUID(),
  conversationId: crypto.randomUUID(),
  contactId: crypto.randomUUID(),
  channelId: crypto.randomUUID(),
  contactName: "Ana",
  direction: "inbound",
  type: "text",
  createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  snippet: { text: "nao recebi o boleto", highlights: [{ start: 13, end: 19 }] },
  ...overrides,
});

function Harness({ onOpen }: { onOpen: (conversationId: string, messageId: string) => void }) {
  const [query, setQuery] = useState("");
  return (
    <>
      <label>
        Busca
        <input value={query} onChange={(event) => setQuery(event.target.value)} />
      </label>
      <MessageResults query={query} onOpen={onOpen} />
    </>
  );
}

function renderResults(respond: (q: string) => Response, onOpen = vi.fn()) {
  return renderApp(<Harness onOpen={onOpen} />, {
    login: buildLogin({ user: buildUser() }),
    routes: [{ path: "/api/v1/search", respond: (call) => respond(call.query.get("q") ?? "") }],
  });
}

describe("MessageResults", () => {
  it("when a word is typed, the server is asked once typing settles and the snippets show with the word marked", async () => {
    const found = hit({ contactName: "Ana Conceição" });
    const reply = hit({
      direction: "outbound",
      contactName: "Bruno",
      snippet: { text: "Reenviamos o boleto hoje", highlights: [{ start: 13, end: 19 }] },
    });
    const { fetch } = renderResults(() => json({ messages: { data: [found, reply], nextCursor: null }, contacts: null }));

    fireEvent.change(screen.getByLabelText("Busca"), { target: { value: "bo" } });
    fireEvent.change(screen.getByLabelText("Busca"), { target: { value: "boleto" } });

    const list = await screen.findByRole("list", { name: "Messages found" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(within(items[0] as HTMLElement).getByText("Ana Conceição")).toBeTruthy();
    expect(within(items[1] as HTMLElement).getByText("To Bruno")).toBeTruthy();
    expect([...list.querySelectorAll("mark")].map((mark) => mark.textContent)).toEqual(["boleto", "boleto"]);
    // Only the settled query went out, as a messages search.
    const searches = fetch.calls.filter((call) => call.path === "/api/v1/search");
    expect(searches.map((call) => [call.query.get("q"), call.query.get("type")])).toEqual([["boleto", "messages"]]);
  });

  it("when a result is chosen, its conversation opens", async () => {
    const found = hit({});
    const onOpen = vi.fn();
    renderResults(() => json({ messages: { data: [found], nextCursor: null }, contacts: null }), onOpen);

    fireEvent.change(screen.getByLabelText("Busca"), { target: { value: "boleto" } });
    const list = await screen.findByRole("list", { name: "Messages found" });
    fireEvent.click(within(list).getByRole("button"));

    expect(onOpen).toHaveBeenCalledWith(found.conversationId, found.id);
  });

  it("when nothing matches, the section says so with the query", async () => {
    renderResults(() => json({ messages: { data: [], nextCursor: null }, contacts: null }));

    fireEvent.change(screen.getByLabelText("Busca"), { target: { value: "xyzzy" } });

    expect(await screen.findByText("No message with “xyzzy”.")).toBeTruthy();
  });

  it("when the query has only common words or one letter, the section stays hidden", async () => {
    const { fetch } = renderResults(() => apiError(400, "search.query_empty"));

    fireEvent.change(screen.getByLabelText("Busca"), { target: { value: "a" } });
    // Well past the 300 ms debounce, so a request would have gone by now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(fetch.calls.filter((call) => call.path === "/api/v1/search")).toEqual([]);
    expect(screen.queryByRole("heading", { name: "Messages" })).toBeNull();

    fireEvent.change(screen.getByLabelText("Busca"), { target: { value: "de o" } });
    await waitFor(() => expect(fetch.calls.filter((call) => call.path === "/api/v1/search")).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole("heading", { name: "Messages" })).toBeNull());
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("when the server fails, the section shows the error", async () => {
    renderResults(() => apiError(500, "internal.error", "boom"));

    fireEvent.change(screen.getByLabelText("Busca"), { target: { value: "boleto" } });

    expect((await screen.findByRole("alert")).textContent).toMatch(/Could not search messages/);
  });
});

describe("HighlightedSnippet", () => {
  it("when the snippet holds markup, it is shown as text and only the given ranges are marked", () => {
    const { container } = render(
      <HighlightedSnippet
        snippet={{
          text: "<b>oi</b> boleto e Boleto",
          highlights: [
            { start: 19, end: 25 },
            { start: 10, end: 16 },
            { start: 30, end: 40 },
          ],
        }}
      />,
    );
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toBe("<b>oi</b> boleto e Boleto");
    expect([...container.querySelectorAll("mark")].map((mark) => mark.textContent)).toEqual(["boleto", "Boleto"]);
  });
});
