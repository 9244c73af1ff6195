import { EventEmitter } from "node:events";

/**
 * Domain events, named `<entity>.<past-tense verb>`. They carry ids, not content, so they can later cross processes
 * (PostgreSQL NOTIFY) without moving personal data.
 */
export type DomainEvent =
  | { type: "message.received"; workspaceId: string; conversationId: string; messageId: string }
  | { type: "message.created"; workspaceId: string; conversationId: string; messageId: string }
  | { type: "message.updated"; workspaceId: string; conversationId: string; messageId: string }
  | { type: "conversation.updated"; workspaceId: string; conversationId: string }
  /** A human-handled conversation turned strongly negative and waits for an answer: supervisors see it (modules/copilot). */
  | { type: "conversation.needs_attention"; workspaceId: string; conversationId: string }
  | { type: "contact.updated"; workspaceId: string; contactId: string }
  /** A canned response was created, edited or deleted: composers refetch the workspace's list. */
  | { type: "canned_response.changed"; workspaceId: string; cannedResponseId: string }
  /** A synced template changed (sync, webhook, creation, deletion): pickers and the templates page refetch (modules/templates). */
  | { type: "template.changed"; workspaceId: string; templateId: string }
  /** A scheduled message or reminder was created, edited, cancelled or processed (modules/scheduling). */
  | { type: "scheduled_message.changed"; workspaceId: string; conversationId: string; scheduledId: string }
  /** A reminder came due: only its author is told (modules/scheduling). */
  | { type: "reminder.due"; workspaceId: string; conversationId: string; scheduledId: string; userId: string }
  /** A campaign changed state or made progress (at most about once a second while sending) (modules/campaigns). */
  | { type: "campaign.updated"; workspaceId: string; campaignId: string };

export interface EventBus {
  emit(event: DomainEvent): void;
  on(listener: (event: DomainEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit: (event) => {
      emitter.emit("event", event);
    },
    on(listener) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
  };
}
