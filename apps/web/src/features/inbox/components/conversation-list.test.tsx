import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation } from "../../../lib/api-types.ts";
import { buildContact, buildConversation, buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { useInbox } from "../hooks/use-inbox.ts";
import { ConversationList } from "./conversation-list.tsx";

const user = buildUser();

function Harness({ onSelect }: { onSelect: (id: string) => void }) {
  const inbox = useInbox({ userId: user.id });
  return <ConversationList inbox={inbox} selectedId={null} onSelect={onSelect} />;
}

function renderList(conversations: Conversation[], onSelect = vi.fn()) {
  return renderApp(<Harness onSelect={onSelect} />, {
    login: buildLogin({ user }),
    routes: [
      {
        path: "/api/v1/conversations",
        respond: (call) =>
          json({
            data: conversations.filter(
              (c) =>
                c.status === call.query.get("status") && (!call.query.get("assigneeId") || c.assigneeId === call.query.get("assigneeId")),
            ),
            nextCursor: null,
          }),
      },
    ],
  });
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

describe("ConversationList", () => {
  it("when conversations load, they show newest first with unread, closed-window and bot badges", async () => {
    renderList([
      buildConversation({ contact: buildContact({ name: "Ana" }), lastActivityAt: minutesAgo(30), unreadCount: 3 }),
      buildConversation({ contact: buildContact({ name: "Bruno" }), lastActivityAt: minutesAgo(2), windowOpen: false, handledBy: "bot" }),
    ]);

    const items = await screen.findAllByRole("listitem");
    expect(items.map((item) => item.querySelector(".truncate")?.textContent)).toEqual(["Bruno", "Ana"]);
    const bruno = within(items[0] as HTMLElement);
    expect(bruno.getByText("Window closed: only templates can be sent")).toBeTruthy();
    expect(bruno.getByText("Bot")).toBeTruthy();
    expect(bruno.getByText("2 min. ago")).toBeTruthy();
    expect(within(items[1] as HTMLElement).getByText("3 unread")).toBeTruthy();
  });

  it("when the agent searches by name or phone, only matching conversations stay", async () => {
    renderList([
      buildConversation({ contact: buildContact({ name: "Ana", phone: "+5511900001111" }) }),
      buildConversation({ contact: buildContact({ name: "Bruno", phone: "+5521988887777" }) }),
    ]);
    await screen.findByText("Ana");

    fireEvent.change(screen.getByLabelText("Search by name or phone"), { target: { value: "98888" } });

    expect(screen.queryByText("Ana")).toBeNull();
    expect(screen.getByText("Bruno")).toBeTruthy();
  });

  it("when the Mine tab is chosen, the server is asked for the agent's conversations", async () => {
    const { fetch } = renderList([buildConversation({ assigneeId: user.id, contact: buildContact({ name: "Minha" }) })]);
    await screen.findByText("Minha");

    fireEvent.click(screen.getByRole("tab", { name: "Mine" }));

    await screen.findByText("Minha");
    expect(fetch.calls.at(-1)?.query.get("assigneeId")).toBe(user.id);
  });

  it("when the Unassigned tab is chosen, assigned conversations disappear", async () => {
    renderList([
      buildConversation({ assigneeId: null, contact: buildContact({ name: "Livre" }) }),
      buildConversation({ assigneeId: "someone", contact: buildContact({ name: "Ocupada" }) }),
    ]);
    await screen.findByText("Ocupada");

    fireEvent.click(screen.getByRole("tab", { name: "Unassigned" }));

    expect(screen.getByText("Livre")).toBeTruthy();
    expect(screen.queryByText("Ocupada")).toBeNull();
  });

  it("when the status filter changes, that status is fetched", async () => {
    const { fetch } = renderList([buildConversation({ status: "resolved", contact: buildContact({ name: "Resolvida" }) })]);
    await screen.findByText("No conversations here.");

    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "resolved" } });

    expect(await screen.findByText("Resolvida")).toBeTruthy();
    expect(fetch.calls.at(-1)?.query.get("status")).toBe("resolved");
  });

  it("when a conversation is clicked, it is selected", async () => {
    const conversation = buildConversation({ contact: buildContact({ name: "Ana" }) });
    const onSelect = vi.fn();
    renderList([conversation], onSelect);

    fireEvent.click(await screen.findByRole("button", { name: /Ana/ }));

    expect(onSelect).toHaveBeenCalledWith(conversation.id);
  });

  it("when there are 10,000 conversations, only a window of rows is in the DOM", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      buildConversation({ contact: buildContact({ name: `Cliente ${i}` }), lastActivityAt: minutesAgo(i) }),
    );
    renderList(many);

    const list = await screen.findByRole("list", { name: "Conversation list" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    expect(within(rows[0] as HTMLElement).getByText("Cliente 0")).toBeTruthy();
    expect(rows[0]?.getAttribute("aria-setsize")).toBe("10000");
  });
});
