import { eventually, type TestPapo } from "../testing/papo.test-utils.ts";

/** Ids of one of everything, for attacks that need a real row behind a path (so the attacked part is the only bad one). */
export interface SeededIds {
  contactId: string;
  conversationId: string;
  messageId: string;
  channelId: string;
  cannedResponseId: string;
  noteId: string;
  userId: string;
}

export const SEED = {
  customerPhone: "5511912340001",
  customerName: "Lia Prado",
  customerText: "Olá, quero saber do meu pedido 4471",
  cannedShortcut: "entrega",
  cannedTitle: "Prazo de entrega",
  cannedBody: "Seu pedido chega em até 3 dias úteis.",
  note: "Prefere entrega pela manhã.",
};

/** A customer writes in (through the simulator), and the admin adds a canned response, a note and an agent. */
export async function seedWorkspace(t: TestPapo): Promise<SeededIds> {
  t.sim.sendAsCustomer({ from: SEED.customerPhone, name: SEED.customerName, type: "text", text: SEED.customerText });
  const conversation = await eventually(async () => {
    const { body } = await t.api<{ data: Array<{ id: string; contactId: string; channelId: string; contact: { waId: string } | null }> }>(
      "GET",
      "/api/v1/conversations",
    );
    return body.data.find((c) => c.contact?.waId === SEED.customerPhone);
  }, "the customer's conversation");
  const messages = await t.api<{ data: Array<{ id: string }> }>("GET", `/api/v1/conversations/${conversation.id}/messages`);
  const canned = await t.api<{ id: string }>("POST", "/api/v1/canned-responses", {
    shortcut: SEED.cannedShortcut,
    title: SEED.cannedTitle,
    body: SEED.cannedBody,
  });
  const note = await t.api<{ id: string }>("POST", `/api/v1/contacts/${conversation.contactId}/notes`, { body: SEED.note });
  const agent = await t.api<{ id: string }>("POST", "/api/v1/users", {
    name: "Bruna Costa",
    email: "bruna.costa@papo.test",
    role: "agent",
    password: "uma-senha-bem-longa-e-rara-1",
  });
  const ids = {
    contactId: conversation.contactId,
    conversationId: conversation.id,
    messageId: messages.body.data[0]?.id,
    channelId: conversation.channelId,
    cannedResponseId: canned.body.id,
    noteId: note.body.id,
    userId: agent.body.id,
  };
  for (const [name, value] of Object.entries(ids)) if (!value) throw new Error(`seeding failed: no ${name}`);
  return ids as SeededIds;
}

/** The real ids for a route's path parameters, chosen by the collection each parameter follows. */
export function idsFor(path: string, ids: SeededIds): Record<string, string> {
  const values: Record<string, string> = {};
  for (const match of path.matchAll(/\/([\w-]+)\/\{(\w+)\}/g)) {
    const [, collection, name] = match;
    const id = (
      {
        contacts: ids.contactId,
        conversations: ids.conversationId,
        messages: ids.messageId,
        channels: ids.channelId,
        "canned-responses": ids.cannedResponseId,
        notes: ids.noteId,
        users: ids.userId,
      } as Record<string, string | undefined>
    )[collection ?? ""];
    if (id && name) values[name] = id;
  }
  return values;
}
