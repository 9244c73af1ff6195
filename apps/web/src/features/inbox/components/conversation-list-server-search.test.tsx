import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation } from "../../../lib/api-types.ts";
import { buildContact, buildConversation, buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { useInbox } from "../hooks/use-inbox.ts";
import { ConversationList } from "./conversation-list.tsx";

const user = buildUser();

function Harness() {
  const inbox = useInbox({ userId: user.id });
  return <ConversationList inbox={inbox} selectedId={null} onSelect={vi.fn()} />;
}

/** A server whose `q` finds conversations by what their messages say (which the browser cannot know). */
function renderInbox(conversations: Conversation[], matches: (q: string) => Conversation[] | "query_empty") {
  return renderApp(<Harness />, {
    login: buildLogin({ user }),
    routes: [
      { path: "/api/v1/channels", respond: () => json({ data: [], nextCursor: null }) },
      {
        path: "/api/v1/conversations",
        respond: (call) => {
          const q = call.query.get("q");
          if (!q) return json({ data: conversations, nextCursor: null });
          const found = matches(q);
          return found === "query_empty" ? apiError(400, "search.query_empty") : json({ data: found, nextCursor: null });
        },
      },
    ],
  });
}

describe("ConversationList server search", () => {
  it("when a word only the messages hold is typed, the server's matches replace the local filter once typing settles", async () => {
    const ana = buildConversation({ contact: buildContact({ name: "Ana" }) });
    const bruno = buildConversation({ contact: buildContact({ name: "Bruno" }) });
    const { fetch } = renderInbox([ana, bruno], (q) => (q === "boleto" ? [bruno] : []));
    await screen.findByText("Ana");

    fireEvent.change(screen.getByLabelText("Search by name or phone"), { target: { value: "boleto" } });
    // The instant local answer: no name holds "boleto".
    expect(screen.queryByText("Ana")).toBeNull();

    expect(await screen.findByText("Bruno")).toBeTruthy();
    expect(screen.queryByText("Ana")).toBeNull();
    const searched = fetch.calls.filter((call) => call.path === "/api/v1/conversations" && call.query.get("q"));
    expect(searched.map((call) => call.query.get("q"))).toEqual(["boleto"]);
    expect(searched[0]?.query.get("status")).toBe("open");
  });

  it("when the query has only common words, the server's refusal leaves the local filter in charge", async () => {
    const deise = buildConversation({ contact: buildContact({ name: "Deise" }) });
    const bruno = buildConversation({ contact: buildContact({ name: "Bruno" }) });
    const { fetch } = renderInbox([deise, bruno], () => "query_empty");
    await screen.findByText("Deise");

    fireEvent.change(screen.getByLabelText("Search by name or phone"), { target: { value: "de" } });

    await waitFor(() => expect(fetch.calls.some((call) => call.query.get("q") === "de")).toBe(true));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(await screen.findByText("Deise")).toBeTruthy();
    expect(screen.queryByText("Bruno")).toBeNull();
  });
});
