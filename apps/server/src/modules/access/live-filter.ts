import type { ServiceContext } from "../../context.ts";
import type { DbOrTx } from "../../db/client.ts";
import type { DomainEvent } from "../../events/bus.ts";
import { loadAccess } from "./load-access.ts";
import { canSeeContact, canSeeConversation, conversationScope } from "./scope.ts";

/** How long a stream trusts the permissions it loaded: a grant or a revocation reaches open streams within this. */
const ACCESS_TTL_MS = 5_000;

/**
 * Decides which of the workspace's events a user's live stream receives: everything with `conversations.see_all`,
 * else only the events of conversations (and contacts) in their scope. Decisions are made in the events' order, so
 * frames never overtake each other: `deliver` chains them.
 */
export function createLiveFilter({
  db,
  workspaceId,
  userId,
  now = Date.now,
}: {
  db: DbOrTx;
  workspaceId: string;
  userId: string;
  now?: () => number;
}) {
  let ctx: ServiceContext | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();

  const current = async (): Promise<ServiceContext | undefined> => {
    if (now() - loadedAt > ACCESS_TTL_MS) {
      const access = await loadAccess(db, workspaceId, userId);
      ctx = access && { workspaceId, actor: { type: "user", userId, role: access.role, permissions: access.permissions } };
      loadedAt = now();
    }
    return ctx;
  };

  const allows = async (event: DomainEvent): Promise<boolean> => {
    if (event.workspaceId !== workspaceId) return false;
    const caller = await current();
    if (!caller) return false;
    // Attention alerts are for supervisors (see_all), not for the agents whose conversations they are about.
    if (event.type === "conversation.needs_attention") return conversationScope(caller).all;
    // A reminder is its author's own note to self.
    if (event.type === "reminder.due") return event.userId === userId;
    // Campaigns are managed by those who may manage them; their progress says nothing about single conversations.
    if (event.type === "campaign.updated")
      return caller.actor.type === "user" && (caller.actor.permissions ?? []).includes("campaigns.manage");
    if (conversationScope(caller).all) return true;
    if ("conversationId" in event) return canSeeConversation(db, caller, event.conversationId);
    if (event.type === "contact.updated") return canSeeContact(db, caller, event.contactId);
    return true;
  };

  return {
    allows,
    /** Calls `send` for the event if the user may see it, after every earlier event was decided. */
    deliver(event: DomainEvent, send: () => void, onError: (error: unknown) => void): void {
      queue = queue.then(
        () =>
          allows(event).then((ok) => {
            if (ok) send();
          }, onError),
        onError,
      );
    },
  };
}
