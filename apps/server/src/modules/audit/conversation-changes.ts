import type { AuditAction } from "./actions.ts";
import type { AuditEventInput, AuditTrail } from "./trail.ts";

interface ConversationState {
  id: string;
  status: string;
  assigneeId: string | null;
  handledBy: string;
}

/**
 * The audit records of a conversation change, one per kind: `conversation.status_changed`, `conversation.assigned`
 * (assignee, user ids) and `conversation.transferred` (bot → human), each with `from` and `to`. Unread marks are not
 * recorded (they change nothing anyone is accountable for).
 */
export async function recordConversationChanges({
  audit,
  source,
  before,
  after,
}: {
  audit: AuditTrail;
  source: Pick<AuditEventInput, "workspaceId" | "actor" | "ip">;
  before: ConversationState;
  after: ConversationState;
}): Promise<void> {
  const changes: Array<[AuditAction, string | null, string | null]> = [];
  if (before.status !== after.status) changes.push(["conversation.status_changed", before.status, after.status]);
  if (before.assigneeId !== after.assigneeId) changes.push(["conversation.assigned", before.assigneeId, after.assigneeId]);
  if (before.handledBy !== after.handledBy) changes.push(["conversation.transferred", before.handledBy, after.handledBy]);
  for (const [action, from, to] of changes) {
    await audit.record({ ...source, action, target: { type: "conversation", id: after.id }, details: { from, to } });
  }
}
