import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Channel, Conversation, LastMessage } from "../../../lib/api-types.ts";
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

function renderList(conversations: Conversation[], onSelect = vi.fn(), channels: Channel[] = []) {
  return renderApp(<Harness onSelect={onSelect} />, {
    login: buildLogin({ user }),
    routes: [
      { path: "/api/v1/channels", respond: () => json({ data: channels, nextCursor: null }) },
      {
        path: "/api/v1/conversations",
        respond: (call) =>
          json({
            data: conversations.filter(
              (c) =>
                c.status === call.query.get("status") &&
                (!call.query.get("assigneeId") || c.assigneeId === call.query.get("assigneeId")) &&
                (call.query.get("unassigned") !== "true" || c.assigneeId === null) &&
                (!call.query.get("channelId") || c.channelId === call.query.get("channelId")),
            ),
            nextCursor: null,
          }),
      },
    ],
  });
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

const lastMessage = (overrides: Partial<LastMessage>): LastMessage => ({
  id: crypto.randomUUID(),
  direction: "inbound",
  type: "text",
  senderKind: "contact",
  status: "received",
  text: null,
  createdAt: minutesAgo(1),
  ...overrides,
});

const channel = (id: string, name: string): Channel => ({
  id,
  name,
  phoneNumberId: "1",
  wabaId: "2",
  displayPhoneNumber: null,
  sandbox: true,
  webhook: { url: "http://papo.test/webhook", verifyToken: "v" },
  createdAt: minutesAgo(100),
});

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

  it("when the rows in view reach the end of what is loaded, the next page is fetched without a click", async () => {
    const all = Array.from({ length: 90 }, (_, i) =>
      buildConversation({ contact: buildContact({ name: `Página ${i}` }), lastActivityAt: minutesAgo(i) }),
    );
    const { fetch } = renderApp(<Harness onSelect={vi.fn()} />, {
      login: buildLogin({ user }),
      routes: [
        {
          path: "/api/v1/conversations",
          respond: (call) => {
            const from = Number(call.query.get("cursor") ?? 0);
            return json({ data: all.slice(from, from + 30), nextCursor: from + 30 < all.length ? String(from + 30) : null });
          },
        },
      ],
    });
    const pageCursors = () => fetch.calls.filter((c) => c.path === "/api/v1/conversations").map((c) => c.query.get("cursor") ?? "first");

    // The first page's rows fill the view and come within 15 rows of its end: the second page follows at once.
    await waitFor(() => expect(pageCursors()).toEqual(["first", "30"]));
    const scroller = screen.getByRole("tabpanel");
    await waitFor(() => expect(within(scroller).getAllByRole("listitem")[0]?.getAttribute("aria-setsize")).toBe("60"));
    expect(pageCursors()).toEqual(["first", "30"]);

    // Scrolling to the bottom brings the third.
    scroller.scrollTop = 60 * 76;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(pageCursors()).toEqual(["first", "30", "60"]));
  });

  it("when a conversation has messages, the newest shows as a preview with its type and, for ours, the ticks", async () => {
    renderList([
      buildConversation({
        contact: buildContact({ name: "Foto" }),
        lastActivityAt: minutesAgo(1),
        lastMessage: lastMessage({ type: "image", text: null }),
      }),
      buildConversation({
        contact: buildContact({ name: "Legenda" }),
        lastActivityAt: minutesAgo(2),
        lastMessage: lastMessage({ type: "video", text: "olha <b>isso</b>" }),
      }),
      buildConversation({
        contact: buildContact({ name: "Resposta" }),
        lastActivityAt: minutesAgo(3),
        lastMessage: lastMessage({ direction: "outbound", senderKind: "agent", status: "read", text: "Chegou!" }),
      }),
    ]);
    const items = await screen.findAllByRole("listitem");
    const [photo, captioned, answered] = items.map((item) => within(item as HTMLElement));
    expect(photo?.getByTestId("last-message").textContent).toBe("Image");
    expect(captioned?.getByRole("img", { name: "Video" })).toBeTruthy();
    expect(captioned?.getByText("olha <b>isso</b>")).toBeTruthy();
    expect(document.querySelector("b")).toBeNull();
    expect(answered?.getByRole("img", { name: "Read" })).toBeTruthy();
    expect(answered?.getByTestId("last-message").textContent).toBe("You: Chegou!");
  });

  it("when there is one number, no channel filter shows; with two, choosing one asks the server for its conversations", async () => {
    const first = channel(crypto.randomUUID(), "Vendas");
    const second = channel(crypto.randomUUID(), "Suporte");
    const { fetch } = renderList(
      [
        buildConversation({ channelId: first.id, contact: buildContact({ name: "Cliente de vendas" }) }),
        buildConversation({ channelId: second.id, contact: buildContact({ name: "Cliente do suporte" }) }),
      ],
      vi.fn(),
      [first, second],
    );
    await screen.findByText("Cliente de vendas");
    const filter = await screen.findByLabelText("WhatsApp number");

    fireEvent.change(filter, { target: { value: second.id } });

    await waitFor(() => expect(screen.queryByText("Cliente de vendas")).toBeNull());
    expect(await screen.findByText("Cliente do suporte")).toBeTruthy();
    expect(
      fetch.calls
        .filter((c) => c.path === "/api/v1/conversations")
        .at(-1)
        ?.query.get("channelId"),
    ).toBe(second.id);
  });

  it("when the workspace has a single number, the channel filter is not shown", async () => {
    renderList([buildConversation({ contact: buildContact({ name: "Única" }) })], vi.fn(), [channel(crypto.randomUUID(), "Só um")]);
    await screen.findByText("Única");
    expect(screen.queryByLabelText("WhatsApp number")).toBeNull();
  });
});
