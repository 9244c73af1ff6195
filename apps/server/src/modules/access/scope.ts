import { and, eq, type SQL, sql } from "drizzle-orm";
import type { ServiceContext } from "../../context.ts";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { channelMembers } from "../../db/schema/channel-members.ts";
import { contacts } from "../../db/schema/contacts.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS } from "./permissions.ts";

/**
 * Which conversations a caller reaches: all of the workspace's, or — for a user without `conversations.see_all` — those
 * of the numbers they are a member of (`channel_members`) plus those assigned to them. A contact is reachable when one
 * of its conversations is, or when it has none yet. Anything out of reach answers 404, as if it did not exist.
 */
export type ConversationScope = { all: true } | { all: false; userId: string };

/** The caller's effective permissions: Papo itself (workers, system tasks) has all of them. */
export function permissionsOf(ctx: ServiceContext): readonly Permission[] {
  if (ctx.actor.type !== "user") return PERMISSIONS;
  return ctx.actor.permissions ?? ROLE_PERMISSIONS[ctx.actor.role];
}

export const can = (ctx: ServiceContext, permission: Permission): boolean => permissionsOf(ctx).includes(permission);

export function conversationScope(ctx: ServiceContext): ConversationScope {
  if (ctx.actor.type !== "user" || can(ctx, "conversations.see_all")) return { all: true };
  return { all: false, userId: ctx.actor.userId };
}

/** The numbers `userId` is a member of, as a sub-select. */
const memberChannels = (workspaceId: string, userId: string): SQL =>
  sql`select ${channelMembers.channelId} from ${channelMembers} where ${channelMembers.workspaceId} = ${workspaceId} and ${channelMembers.userId} = ${userId}`;

/** A `where` condition on `conversations` keeping the rows in scope (`undefined`: no restriction). */
export function conversationsInScope(workspaceId: string, scope: ConversationScope): SQL | undefined {
  if (scope.all) return undefined;
  return sql`(${conversations.assigneeId} = ${scope.userId} or ${conversations.channelId} in (${memberChannels(workspaceId, scope.userId)}))`;
}

/**
 * A `where` condition on `contacts` keeping those with at least one conversation in scope, and those with no
 * conversation at all: a contact a CRM or an agent has just created belongs to no number yet, so whoever may start a
 * conversation with it must be able to read it back.
 */
export function contactsInScope(workspaceId: string, scope: ConversationScope): SQL | undefined {
  if (scope.all) return undefined;
  return sql`(not exists (select 1 from conversations nc where nc.workspace_id = ${workspaceId} and nc.contact_id = ${contacts.id})
    or exists (select 1 from conversations sc where sc.workspace_id = ${workspaceId} and sc.contact_id = ${contacts.id} and (sc.assignee_id = ${scope.userId} or sc.channel_id in (${memberChannels(workspaceId, scope.userId)}))))`;
}

/** Whether the conversation exists in the caller's workspace and is in their scope. */
export async function canSeeConversation(db: DbOrTx, ctx: ServiceContext, conversationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, ctx.workspaceId),
        eq(conversations.id, conversationId),
        conversationsInScope(ctx.workspaceId, conversationScope(ctx)),
      ),
    );
  return Boolean(row);
}

/** Whether the contact exists in the caller's workspace and one of its conversations is in their scope. */
export async function canSeeContact(db: DbOrTx, ctx: ServiceContext, contactId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contactId), contactsInScope(ctx.workspaceId, conversationScope(ctx))),
    );
  return Boolean(row);
}

/**
 * A media file is reachable through a message of a conversation in scope. A file no message refers to yet is an
 * upload waiting to be sent: reachable by anyone of the workspace who knows its (random) id, like before.
 */
export async function canSeeMedia(
  db: DbOrTx,
  ctx: ServiceContext,
  media: { id: string; direction: "inbound" | "outbound" },
): Promise<boolean> {
  const scope = conversationScope(ctx);
  if (scope.all) return true;
  const [row] = await queryRows<{ visible: boolean; referenced: boolean }>(
    db,
    sql`select
      exists (
        select 1 from messages m join conversations c on c.id = m.conversation_id
        where m.workspace_id = ${ctx.workspaceId} and m.media_id = ${media.id}
          and (c.assignee_id = ${scope.userId} or c.channel_id in (${memberChannels(ctx.workspaceId, scope.userId)}))
      ) as visible,
      exists (select 1 from messages m where m.workspace_id = ${ctx.workspaceId} and m.media_id = ${media.id}) as referenced`,
  );
  if (row?.visible) return true;
  return media.direction === "outbound" && row?.referenced === false;
}
