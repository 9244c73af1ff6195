import { type InfiniteData, useQuery } from "@tanstack/react-query";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiPaths } from "../../../config/paths.ts";
import type { Contact, Conversation, Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { buildContact, buildConversation, buildLogin, buildUser, uuid } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { ContactNote } from "../api/get-contact-notes.ts";
import { ContactPanel } from "./contact-panel.tsx";

const me = buildUser({ name: "Ana Agente", role: "agent" });

function buildNote(overrides: Partial<ContactNote> = {}): ContactNote {
  return {
    id: uuid(),
    body: "Prefere contato à tarde.",
    author: { id: me.id, name: me.name },
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** What the inbox route does: the panel shows the contact embedded in the open conversation's query. */
function OpenConversationPanel({
  conversationId,
  onOpenConversation,
}: {
  conversationId: string;
  onOpenConversation: (id: string) => void;
}) {
  const client = useApiClient();
  const { data } = useQuery({
    queryKey: queryKeys.conversations.detail(conversationId),
    queryFn: () => client.request<Conversation>(apiPaths.conversation(conversationId)),
  });
  return <ContactPanel contact={data?.contact ?? null} conversationId={conversationId} onOpenConversation={onOpenConversation} />;
}

/**
 * A small in-memory server for one contact: PATCH merges into the contact (or answers `patchError`), notes are
 * listed newest first, added and deleted.
 */
function renderPanel({
  contact: initial = buildContact({ attributes: { cidade: "Campinas" } }),
  notes: initialNotes = [],
  history = [],
  patchError,
  user = me,
}: {
  contact?: Contact;
  notes?: ContactNote[];
  history?: Conversation[];
  patchError?: Response;
  user?: typeof me;
} = {}) {
  let contact = initial;
  let notes = [...initialNotes];
  const conversation = buildConversation({ contact });
  const onOpenConversation = vi.fn();
  const routes: FakeRoute[] = [
    { path: `/api/v1/conversations/${conversation.id}`, respond: () => json({ ...conversation, contact }) },
    {
      path: "/api/v1/conversations",
      respond: (call) =>
        json({ data: call.query.get("contactId") === contact.id ? [{ ...conversation, contact }, ...history] : [], nextCursor: null }),
    },
    {
      method: "PATCH",
      path: `/api/v1/contacts/${contact.id}`,
      respond: (call) => {
        if (patchError) return patchError;
        contact = { ...contact, ...(call.body as Partial<Contact>) };
        return json(contact);
      },
    },
    { path: `/api/v1/contacts/${contact.id}/notes`, respond: () => json({ data: notes, nextCursor: null }) },
    {
      method: "POST",
      path: `/api/v1/contacts/${contact.id}/notes`,
      respond: (call) => {
        const note = buildNote({ body: (call.body as { body: string }).body, author: { id: user.id, name: user.name } });
        notes = [note, ...notes];
        return json(note, 201);
      },
    },
    {
      method: "DELETE",
      path: new RegExp(`^/api/v1/contacts/${contact.id}/notes/[^/]+$`),
      respond: (call) => {
        notes = notes.filter((n) => !call.path.endsWith(`/${n.id}`));
        return new Response(null, { status: 204 });
      },
    },
  ];
  const rendered = renderApp(<OpenConversationPanel conversationId={conversation.id} onOpenConversation={onOpenConversation} />, {
    login: buildLogin({ user }),
    routes,
  });
  const calls = (method: string, path: string | RegExp) =>
    rendered.fetch.calls.filter((c: FakeCall) => c.method === method && (typeof path === "string" ? c.path === path : path.test(c.path)));
  return {
    ...rendered,
    conversation,
    onOpenConversation,
    patches: () => calls("PATCH", `/api/v1/contacts/${contact.id}`).map((c) => c.body),
    calls,
  };
}

const panel = () => screen.getByRole("complementary", { name: "Contact" });

describe("ContactPanel", () => {
  it("when the agent edits the name and presses Enter, a PATCH sends it and the panel and cached inbox list show it", async () => {
    const { patches, queryClient, conversation } = renderPanel();
    queryClient.setQueryData<InfiniteData<Page<Conversation>>>(queryKeys.conversations.list({ status: "open" }), {
      pages: [{ data: [conversation], nextCursor: null }],
      pageParams: [null],
    });

    fireEvent.click(await screen.findByRole("button", { name: "Edit name" }));
    const input = screen.getByRole("textbox", { name: "Contact name" });
    fireEvent.change(input, { target: { value: "  Lia Souza Lima " } });
    fireEvent.keyDown(input, { key: "Enter" });

    await waitFor(() => expect(patches()).toEqual([{ name: "Lia Souza Lima" }]));
    expect(await within(panel()).findByText("Lia Souza Lima")).toBeTruthy();
    expect(screen.queryByRole("textbox", { name: "Contact name" })).toBeNull();
    const list = queryClient.getQueryData<InfiniteData<Page<Conversation>>>(queryKeys.conversations.list({ status: "open" }));
    expect(list?.pages[0]?.data[0]?.contact?.name).toBe("Lia Souza Lima");
  });

  it("when the agent presses Escape while editing the name, nothing is sent and the old name stays", async () => {
    const { patches } = renderPanel();

    fireEvent.click(await screen.findByRole("button", { name: "Edit name" }));
    const input = screen.getByRole("textbox", { name: "Contact name" });
    fireEvent.change(input, { target: { value: "Outro nome" } });
    fireEvent.keyDown(input, { key: "Escape" });

    expect(screen.queryByRole("textbox", { name: "Contact name" })).toBeNull();
    expect(within(panel()).getByText("Lia Souza")).toBeTruthy();
    expect(patches()).toEqual([]);
  });

  it("when the phone is shown, it is read-only with a copy button", async () => {
    renderPanel();
    expect(await screen.findByRole("button", { name: "Copy Phone" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Copy WhatsApp ID" })).toBeTruthy();
    expect(screen.queryByRole("textbox", { name: /phone/i })).toBeNull();
  });

  it("when the agent adds a tag with Enter and removes another, each change is PATCHed as the whole list", async () => {
    const { patches } = renderPanel({ contact: buildContact({ tags: ["atacado"] }) });

    const input = await screen.findByRole("textbox", { name: "New tag" });
    fireEvent.change(input, { target: { value: " vip " } });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(patches()).toEqual([{ tags: ["atacado", "vip"] }]));
    expect(await screen.findByRole("button", { name: "Remove tag vip" })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Remove tag atacado" }));

    await waitFor(() => expect(patches()).toEqual([{ tags: ["atacado", "vip"] }, { tags: ["vip"] }]));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Remove tag atacado" })).toBeNull());
  });

  it("when a tag is already there in another case, no PATCH is sent", async () => {
    const { patches } = renderPanel({ contact: buildContact({ tags: ["VIP"] }) });
    const input = await screen.findByRole("textbox", { name: "New tag" });
    fireEvent.change(input, { target: { value: "vip" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(patches()).toEqual([]);
  });

  it("when the agent adds an attribute, the whole set is PATCHed and the new one is listed", async () => {
    const { patches } = renderPanel();

    fireEvent.change(await screen.findByRole("textbox", { name: "Attribute" }), { target: { value: "plano" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Value" }), { target: { value: "ouro" } });
    fireEvent.click(screen.getByRole("button", { name: "Add attribute" }));

    await waitFor(() => expect(patches()).toEqual([{ attributes: { cidade: "Campinas", plano: "ouro" } }]));
    expect(await screen.findByText("ouro")).toBeTruthy();
    await waitFor(() => expect((screen.getByRole("textbox", { name: "Attribute" }) as HTMLInputElement).value).toBe(""));
  });

  it("when the agent edits an attribute with Enter and removes another, each saves the whole set", async () => {
    const { patches } = renderPanel({ contact: buildContact({ attributes: { cidade: "Campinas", plano: "prata" } }) });

    fireEvent.click(await screen.findByRole("button", { name: "Edit plano" }));
    const input = screen.getByRole("textbox", { name: "Value of plano" });
    fireEvent.change(input, { target: { value: "ouro" } });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(patches()).toEqual([{ attributes: { cidade: "Campinas", plano: "ouro" } }]));

    fireEvent.click(await screen.findByRole("button", { name: "Remove cidade" }));

    await waitFor(() =>
      expect(patches()).toEqual([{ attributes: { cidade: "Campinas", plano: "ouro" } }, { attributes: { plano: "ouro" } }]),
    );
    await waitFor(() => expect(screen.queryByText("Campinas")).toBeNull());
  });

  it("when the agent adds a note, it is POSTed and listed with its author; their own note can be deleted", async () => {
    const colleague = buildNote({ body: "Cliente desde 2019.", author: { id: uuid(), name: "Bruno Lima" } });
    const { calls } = renderPanel({ notes: [colleague] });
    expect(await screen.findByText("Cliente desde 2019.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Delete note" })).toBeNull();

    fireEvent.change(screen.getByRole("textbox", { name: "New note" }), { target: { value: "Pediu desconto no frete." } });
    fireEvent.click(screen.getByRole("button", { name: "Add note" }));

    const added = await screen.findByText("Pediu desconto no frete.", { selector: "li p" });
    expect(calls("POST", /\/notes$/).map((c) => c.body)).toEqual([{ body: "Pediu desconto no frete." }]);
    const item = added.closest("li") as HTMLElement;
    expect(within(item).getByText(/Ana Agente/)).toBeTruthy();
    expect((screen.getByRole("textbox", { name: "New note" }) as HTMLTextAreaElement).value).toBe("");

    fireEvent.click(within(item).getByRole("button", { name: "Delete note" }));

    await waitFor(() => expect(screen.queryByText("Pediu desconto no frete.", { selector: "li p" })).toBeNull());
    expect(calls("DELETE", /\/notes\/[^/]+$/)).toHaveLength(1);
    expect(screen.getByText("Cliente desde 2019.")).toBeTruthy();
  });

  it("when the agent is a supervisor, a colleague's note can be deleted too", async () => {
    const supervisor = buildUser({ name: "Sílvia", role: "supervisor" });
    renderPanel({ user: supervisor, notes: [buildNote({ author: { id: uuid(), name: "Bruno Lima" } })] });
    expect(await screen.findByRole("button", { name: "Delete note" })).toBeTruthy();
  });

  it("when the contact has other conversations, they are listed with status and clicking one opens it", async () => {
    const older = buildConversation({ status: "resolved", lastActivityAt: "2026-01-05T10:00:00.000Z" });
    const { onOpenConversation, calls } = renderPanel({ history: [older] });

    const section = await screen.findByRole("region", { name: "Previous conversations" });
    const open = await within(section).findByRole("button", { name: /Resolved/ });
    expect(within(section).getAllByRole("button")).toHaveLength(1);
    expect(calls("GET", "/api/v1/conversations")[0]?.query.get("contactId")).toBeTruthy();

    fireEvent.click(open);

    expect(onOpenConversation).toHaveBeenCalledWith(older.id);
  });

  it("when the server refuses a save, its error is shown and the previous name comes back", async () => {
    renderPanel({ patchError: apiError(500, "internal.error") });

    fireEvent.click(await screen.findByRole("button", { name: "Edit name" }));
    const input = screen.getByRole("textbox", { name: "Contact name" });
    fireEvent.change(input, { target: { value: "Nome novo" } });
    fireEvent.keyDown(input, { key: "Enter" });

    expect((await screen.findByRole("alert")).textContent).toBe("Internal server error. Try again; if it persists, contact support.");
    // The editor stays open with what the agent typed; the saved name is the old one.
    expect((screen.getByRole("textbox", { name: "Contact name" }) as HTMLInputElement).value).toBe("Nome novo");
    fireEvent.keyDown(screen.getByRole("textbox", { name: "Contact name" }), { key: "Escape" });
    expect(within(panel()).getByText("Lia Souza")).toBeTruthy();
  });

  it("when the contact was erased (LGPD), the panel says so and offers no editing, tags, attributes or notes", async () => {
    renderPanel({
      contact: buildContact({ name: "Contato apagado", phone: null, waId: null, tags: [], erasedAt: "2026-03-02T14:05:00.000Z" }),
    });
    expect(await screen.findByText("Erased contact (LGPD): personal data deleted")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Edit name" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Tags" })).toBeNull();
    expect(screen.queryByRole("textbox", { name: /note/i })).toBeNull();
  });

  it("when there is no contact, the panel says so and offers no editing", () => {
    renderApp(<ContactPanel contact={null} />, { login: buildLogin({ user: me }) });
    expect(screen.getByText("No name")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Edit name" })).toBeNull();
  });
});
