import type { ScheduledMessage } from "../api/types.ts";

/** A scheduled text for 2 December 2026, 09:00 in São Paulo; override what the test is about. */
export function buildScheduled(overrides: Partial<ScheduledMessage> = {}): ScheduledMessage {
  return {
    id: "s-1",
    conversationId: "c-1",
    kind: "message",
    condition: "always",
    messageType: "text",
    message: { type: "text", body: "Seu pedido saiu." },
    note: null,
    sendAt: "2026-12-02T12:00:00.000Z",
    sendAtLocal: "2026-12-02T09:00",
    timeZone: "America/Sao_Paulo",
    status: "scheduled",
    messageId: null,
    errorCode: null,
    errorMessage: null,
    createdBy: { id: "u-1", name: "Ana Agente" },
    createdAt: "2026-12-01T15:00:00.000Z",
    updatedAt: "2026-12-01T15:00:00.000Z",
    windowOpenAtSendTime: true,
    ...overrides,
  };
}
