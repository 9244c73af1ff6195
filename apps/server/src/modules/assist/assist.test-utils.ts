import { eventually, type TestPapo } from "../../testing/papo.test-utils.ts";
import { invalidateKnowledgeIndex } from "../knowledge-base/index-cache.ts";
import { createKnowledgeBaseRepo } from "../knowledge-base/repo.ts";

type Page<T> = { data: T[]; nextCursor: string | null };
type MessageDto = { id: string; direction: string; text: string | null };

/** A customer's text message through the Meta simulator, once stored: its conversation and message ids. */
export async function customerSays(
  t: TestPapo,
  from: string,
  text: string,
): Promise<{ conversationId: string; messageId: string; contactId: string }> {
  t.sim.sendAsCustomer({ from, name: `Cliente ${from.slice(-4)}`, type: "text", text });
  return eventually(async () => {
    const contact = (await t.api<Page<{ id: string }>>("GET", `/api/v1/contacts?phone=${from}`)).body.data[0];
    if (!contact) return undefined;
    const conversation = (await t.api<Page<{ id: string }>>("GET", `/api/v1/conversations?contactId=${contact.id}`)).body.data[0];
    if (!conversation) return undefined;
    const messages = await t.api<Page<MessageDto>>("GET", `/api/v1/conversations/${conversation.id}/messages`);
    const message = messages.body.data.find((m) => m.direction === "inbound" && m.text === text);
    return message && { conversationId: conversation.id, messageId: message.id, contactId: contact.id };
  }, `the customer's message "${text}"`);
}

/** An agent's text reply in the conversation (queued for sending; stored at once). */
export async function agentReplies(t: TestPapo, conversationId: string, body: string): Promise<string> {
  const sent = await t.api<{ id: string }>("POST", `/api/v1/conversations/${conversationId}/messages`, { type: "text", body });
  if (sent.status !== 202) throw new Error(`reply not sent: ${JSON.stringify(sent.body)}`);
  return sent.body.id;
}

/** A knowledge-base article of the admin's workspace, straight through the repository (the KB routes have their own tests). */
export async function addArticle(
  t: TestPapo,
  workspaceId: string,
  article: { title: string; body: string; phrasings?: string[]; tags?: string[] },
): Promise<string> {
  const created = await createKnowledgeBaseRepo({ db: t.papo.deps.database.db }).insert(
    workspaceId,
    { tags: [], phrasings: [], language: null, enabled: true, ...article },
    new Date(),
  );
  invalidateKnowledgeIndex(t.papo.deps, workspaceId);
  return created.id;
}

export interface StreamedEvent {
  event: string;
  data: unknown;
}

/** Reads a Server-Sent Events answer to its end, event by event, in the order they arrived. */
export async function readEventStream(response: Response): Promise<StreamedEvent[]> {
  if (!response.body) throw new Error("no body");
  const events: StreamedEvent[] = [];
  const decoder = new TextDecoder();
  let buffered = "";
  const take = () => {
    for (let end = buffered.indexOf("\n\n"); end >= 0; end = buffered.indexOf("\n\n")) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data !== undefined) events.push({ event, data: JSON.parse(data) });
    }
  };
  for await (const chunk of response.body) {
    buffered += decoder.decode(chunk as Uint8Array, { stream: true });
    take();
  }
  return events;
}

/** POSTs with `Accept: text/event-stream` to a real listening Papo. */
export function postForEvents(t: TestPapo, path: string, body: unknown, token = t.token): Promise<Response> {
  return fetch(`${t.papo.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, accept: "text/event-stream", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
