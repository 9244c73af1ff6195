import type { Contact, Conversation, LoginResponse, Message, MessageTemplate, User } from "../lib/api-types.ts";

let sequence = 0;
/** A valid UUID, different on each call. */
export function uuid(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, "0")}`;
}

export function buildUser(overrides: Partial<User> = {}): User {
  return { id: uuid(), workspaceId: uuid(), name: "Ana Agente", email: "ana@papo.test", role: "agent", ...overrides };
}

export function buildLogin(overrides: Partial<LoginResponse> = {}): LoginResponse {
  return { token: "test-token", expiresIn: 3600, user: buildUser(), ...overrides };
}

export function buildContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: uuid(),
    name: "Lia Souza",
    phone: "+5511912345678",
    waId: "5511912345678",
    userId: null,
    username: null,
    tags: [],
    attributes: {},
    externalId: null,
    createdAt: "2026-01-10T12:00:00.000Z",
    updatedAt: "2026-01-10T12:00:00.000Z",
    ...overrides,
  };
}

export function buildConversation(overrides: Partial<Conversation> = {}): Conversation {
  const contact = overrides.contact === undefined ? buildContact() : overrides.contact;
  const now = Date.now();
  return {
    id: uuid(),
    channelId: uuid(),
    contactId: contact?.id ?? uuid(),
    contact,
    status: "open",
    assigneeId: null,
    handledBy: "human",
    unreadCount: 0,
    lastActivityAt: new Date(now - 5 * 60_000).toISOString(),
    lastInboundAt: new Date(now - 5 * 60_000).toISOString(),
    windowExpiresAt: new Date(now + 20 * 3_600_000).toISOString(),
    windowOpen: true,
    lastMessage: null,
    createdAt: new Date(now - 3_600_000).toISOString(),
    ...overrides,
  };
}

export function buildMessage(overrides: Partial<Message> = {}): Message {
  const direction = overrides.direction ?? "inbound";
  return {
    id: uuid(),
    conversationId: uuid(),
    contactId: uuid(),
    channelId: uuid(),
    direction,
    type: "text",
    senderKind: direction === "inbound" ? "contact" : "agent",
    senderUserId: null,
    text: "Olá!",
    status: direction === "inbound" ? "received" : "sent",
    waMessageId: `wamid.${uuid()}`,
    createdAt: "2026-03-02T14:30:00.000Z",
    statusTimestamps: { sentAt: null, deliveredAt: null, readAt: null, playedAt: null, failedAt: null },
    reactions: [],
    forwarded: false,
    frequentlyForwarded: false,
    content: {},
    ...overrides,
  };
}

export function buildTemplate(overrides: Partial<MessageTemplate> = {}): MessageTemplate {
  return {
    name: "lembrete_consulta",
    language: "pt_BR",
    status: "APPROVED",
    category: "UTILITY",
    components: [
      { type: "HEADER", format: "TEXT", text: "Lembrete" },
      { type: "BODY", text: "Olá {{1}}, sua consulta na {{2}} está confirmada." },
      { type: "FOOTER", text: "Responda SAIR para não receber" },
    ],
    ...overrides,
  };
}
