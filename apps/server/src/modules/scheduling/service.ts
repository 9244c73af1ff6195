import type { ServiceContext } from "../../context.ts";
import type { ScheduledStatus } from "../../db/schema/scheduled-messages.ts";
import type { Deps } from "../../deps.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { canSeeConversation, conversationScope } from "../access/scope.ts";
import { actorOf } from "../audit/trail.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import type { SendMessageBody } from "../messages/schemas.ts";
import { validateOutbound } from "../messages/send-service.ts";
import { workspaceTimeZone } from "../workspaces/settings-repo.ts";
import { instantToLocal, localToInstant, parseLocal } from "./local-time.ts";
import { createScheduledRepo, type ScheduledCondition, type ScheduledItem, type ScheduledKind } from "./repo.ts";
import type { CreateScheduledBody, ScheduledDto, ScheduledWarning, UpdateScheduledBody } from "./schemas.ts";

/** The earliest a scheduled item may be due: sooner, a person should just send it. */
export const MIN_LEAD_MS = 30_000;
export const MAX_AHEAD_MS = 366 * 24 * 3600_000;
const RECENT_MS = 7 * 24 * 3600_000;

export type SchedulingDeps = Pick<Deps, "database" | "cipher" | "clock" | "events" | "audit">;

const invalid = (field: string, message: string, code = "scheduling.invalid_send_time") =>
  new AppError({ code, status: 422, message: `${field}: ${message}`, details: { field } });

/**
 * The instant asked for: exactly one of `sendAt` (an instant), `sendAtLocal` (the workspace's wall clock) or
 * `afterHours` (from now), at least 30 seconds ahead and at most a year.
 */
export function resolveSendAt(
  input: { sendAt?: string | undefined; sendAtLocal?: string | undefined; afterHours?: number | undefined },
  { now, timeZone }: { now: Date; timeZone: string },
): { at: Date; field: string } | undefined {
  const given = (["sendAt", "sendAtLocal", "afterHours"] as const).filter((k) => input[k] !== undefined);
  if (given.length === 0) return undefined;
  const [field] = given as [(typeof given)[number]];
  if (given.length > 1) throw invalid(given[1] ?? field, `give only one of sendAt, sendAtLocal or afterHours (got ${given.join(", ")})`);
  let at: Date;
  if (input.sendAt !== undefined) at = new Date(input.sendAt);
  else if (input.afterHours !== undefined) at = new Date(now.getTime() + Math.round(input.afterHours * 3600_000));
  else {
    const local = input.sendAtLocal ?? "";
    if (!parseLocal(local)) throw invalid("sendAtLocal", `not a date and time as YYYY-MM-DDTHH:mm: ${local}`);
    at = localToInstant(local, timeZone);
  }
  if (at.getTime() < now.getTime() + MIN_LEAD_MS)
    throw invalid(field, `must be at least 30 seconds from now (it is ${at.toISOString()}, now is ${now.toISOString()})`);
  if (at.getTime() > now.getTime() + MAX_AHEAD_MS) throw invalid(field, "must be within a year from now");
  return { at, field };
}

/** The window warning: a free-form message whose conversation's window (as it stands) is closed at its time. */
function warningsFor(item: { kind: ScheduledKind; message: SendMessageBody | null; sendAt: Date; windowExpiresAt: Date | null }) {
  const warnings: ScheduledWarning[] = [];
  if (item.kind === "message" && item.message && item.message.type !== "template" && !windowOpenAt(item)) {
    const windowExpiresAt = item.windowExpiresAt?.toISOString() ?? null;
    warnings.push({
      code: "scheduling.window_closed_at_send_time",
      message: windowExpiresAt
        ? `The 24-hour window closes at ${windowExpiresAt}, before this is due: unless the customer writes again, it will not be sent — schedule an approved template instead`
        : "The customer has not written in the last 24 hours: unless they write, this will not be sent — schedule an approved template instead",
      details: { windowExpiresAt, use: "template" },
    });
  }
  return warnings;
}

const windowOpenAt = (item: { sendAt: Date; windowExpiresAt: Date | null }) =>
  item.windowExpiresAt !== null && item.windowExpiresAt.getTime() > item.sendAt.getTime();

export function toDto(item: ScheduledItem, timeZone: string): ScheduledDto {
  return {
    id: item.id,
    conversationId: item.conversationId,
    kind: item.kind,
    condition: item.condition,
    messageType: item.messageType,
    message: item.message,
    note: item.note,
    sendAt: item.sendAt.toISOString(),
    sendAtLocal: instantToLocal(item.sendAt, timeZone),
    timeZone,
    status: item.status,
    messageId: item.messageId,
    errorCode: item.errorCode,
    errorMessage: item.errorMessage,
    createdBy: item.createdBy ? { id: item.createdBy.id, name: item.createdBy.name } : null,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    windowOpenAtSendTime: windowOpenAt(item),
  };
}

const viewerOf = (ctx: ServiceContext) => (ctx.actor.type === "user" ? ctx.actor.userId : null);

/** The message is checked now as a send would be (media, quoted message, Meta's limits); window and consent at its time. */
async function checkMessage(deps: SchedulingDeps, ctx: ServiceContext, conversationId: string, message: SendMessageBody) {
  await validateOutbound({
    ctx,
    conversationId,
    body: message,
    deps: { db: deps.database.db, cipher: deps.cipher, clock: deps.clock },
    checks: { window: false, consent: false },
  });
}

function contentOf(kind: ScheduledKind, message: SendMessageBody | undefined, note: string | null) {
  if (kind === "message" && !message)
    throw invalid("message", "a scheduled message needs the message to send (or kind: reminder)", "scheduling.invalid");
  if (kind === "reminder" && message)
    throw invalid("message", "a reminder sends nothing: give its text as note, or kind: message", "scheduling.invalid");
  return { message: message ?? null, note };
}

/** An item of the workspace the caller may reach (its conversation in scope; a reminder only for its author). */
async function reachable(deps: SchedulingDeps, ctx: ServiceContext, id: string): Promise<ScheduledItem> {
  const { db } = deps.database;
  const item = await createScheduledRepo({ db, cipher: deps.cipher }).get(ctx.workspaceId, id);
  const viewer = viewerOf(ctx);
  if (
    !item ||
    (item.kind === "reminder" && viewer !== null && item.createdBy?.id !== viewer) ||
    !(await canSeeConversation(db, ctx, item.conversationId))
  )
    throw notFound("scheduled_messages", id);
  return item;
}

const notEditable = (item: ScheduledItem) =>
  new AppError({
    code: "scheduling.not_editable",
    status: 409,
    message: `This ${item.kind} is ${item.status}: only a scheduled one can be changed or cancelled`,
    details: { status: item.status },
  });

export async function scheduleItem({
  deps,
  ctx,
  conversationId,
  input,
  ip,
}: {
  deps: SchedulingDeps;
  ctx: ServiceContext;
  conversationId: string;
  input: CreateScheduledBody;
  ip?: string | undefined;
}): Promise<{ scheduled: ScheduledDto; warnings: ScheduledWarning[] }> {
  const { db } = deps.database;
  if (!(await canSeeConversation(db, ctx, conversationId))) throw notFound("conversations", conversationId);
  const kind = input.kind ?? "message";
  const content = contentOf(kind, input.message, input.note ?? null);
  const now = deps.clock.now();
  const timeZone = await workspaceTimeZone(db, ctx.workspaceId);
  const when = resolveSendAt(input, { now, timeZone });
  if (!when) throw invalid("sendAt", "say when: sendAt, sendAtLocal or afterHours");
  if (content.message) await checkMessage(deps, ctx, conversationId, content.message);

  const item = await db.transaction(async (tx) => {
    const repo = createScheduledRepo({ db: tx, cipher: deps.cipher });
    const conversation = await createConversationsRepo({ db: tx }).get(ctx.workspaceId, conversationId);
    if (!conversation) throw notFound("conversations", conversationId);
    const inserted = await repo.insert({
      workspaceId: ctx.workspaceId,
      conversationId,
      channelId: conversation.channelId,
      contactId: conversation.contactId,
      createdByUserId: viewerOf(ctx),
      kind,
      condition: input.condition ?? "always",
      message: content.message,
      note: content.note,
      sendAt: when.at,
      now,
    });
    await deps.audit.record(
      {
        workspaceId: ctx.workspaceId,
        actor: actorOf(ctx),
        action: "scheduled_message.created",
        target: { type: "scheduled_message", id: inserted.id },
        details: {
          conversationId,
          kind,
          condition: inserted.condition,
          messageType: inserted.messageType,
          sendAt: inserted.sendAt.toISOString(),
        },
        ...(ip ? { ip } : {}),
      },
      { tx },
    );
    return inserted;
  });
  changed(deps, item);
  return { scheduled: toDto(item, timeZone), warnings: warningsFor(item) };
}

export async function updateItem({
  deps,
  ctx,
  id,
  input,
  ip,
}: {
  deps: SchedulingDeps;
  ctx: ServiceContext;
  id: string;
  input: UpdateScheduledBody;
  ip?: string | undefined;
}): Promise<{ scheduled: ScheduledDto; warnings: ScheduledWarning[] }> {
  const { db } = deps.database;
  const item = await reachable(deps, ctx, id);
  if (item.status !== "scheduled") throw notEditable(item);
  const now = deps.clock.now();
  const timeZone = await workspaceTimeZone(db, ctx.workspaceId);
  const when = resolveSendAt(input, { now, timeZone });
  const note = input.note === undefined ? item.note : input.note;
  const content = contentOf(item.kind, input.message ?? item.message ?? undefined, note);
  if (input.message) await checkMessage(deps, ctx, item.conversationId, input.message);
  const condition: ScheduledCondition = input.condition ?? item.condition;

  const updated = await db.transaction(async (tx) => {
    const next = await createScheduledRepo({ db: tx, cipher: deps.cipher }).updateIfScheduled(
      ctx.workspaceId,
      id,
      { content, kind: item.kind, condition, sendAt: when?.at ?? item.sendAt },
      now,
    );
    // The scheduler claimed it (or someone cancelled it) between the read and this write.
    if (!next) throw notEditable({ ...item, status: "processing" });
    await deps.audit.record(
      {
        workspaceId: ctx.workspaceId,
        actor: actorOf(ctx),
        action: "scheduled_message.updated",
        target: { type: "scheduled_message", id },
        details: {
          conversationId: item.conversationId,
          fields: Object.keys(input)
            .filter((k) => (input as Record<string, unknown>)[k] !== undefined)
            .sort(),
          sendAt: next.sendAt.toISOString(),
        },
        ...(ip ? { ip } : {}),
      },
      { tx },
    );
    return next;
  });
  changed(deps, updated);
  return { scheduled: toDto(updated, timeZone), warnings: warningsFor(updated) };
}

export async function cancelItem({
  deps,
  ctx,
  id,
  ip,
}: {
  deps: SchedulingDeps;
  ctx: ServiceContext;
  id: string;
  ip?: string | undefined;
}): Promise<ScheduledDto> {
  const { db } = deps.database;
  const item = await reachable(deps, ctx, id);
  if (item.status !== "scheduled") throw notEditable(item);
  const now = deps.clock.now();
  const cancelled = await db.transaction(async (tx) => {
    const next = await createScheduledRepo({ db: tx, cipher: deps.cipher }).cancelIfScheduled(ctx.workspaceId, id, now);
    if (!next) throw notEditable({ ...item, status: "processing" });
    await deps.audit.record(
      {
        workspaceId: ctx.workspaceId,
        actor: actorOf(ctx),
        action: "scheduled_message.cancelled",
        target: { type: "scheduled_message", id },
        details: { conversationId: item.conversationId, kind: item.kind },
        ...(ip ? { ip } : {}),
      },
      { tx },
    );
    return next;
  });
  changed(deps, cancelled);
  return toDto(cancelled, await workspaceTimeZone(db, ctx.workspaceId));
}

export async function listForConversation({
  deps,
  ctx,
  conversationId,
  status,
}: {
  deps: SchedulingDeps;
  ctx: ServiceContext;
  conversationId: string;
  status?: ScheduledStatus | undefined;
}): Promise<ScheduledDto[]> {
  const { db } = deps.database;
  if (!(await canSeeConversation(db, ctx, conversationId))) throw notFound("conversations", conversationId);
  const items = await createScheduledRepo({ db, cipher: deps.cipher }).listByConversation(ctx.workspaceId, conversationId, {
    status,
    recentSince: new Date(deps.clock.now().getTime() - RECENT_MS),
    viewerId: viewerOf(ctx),
  });
  const timeZone = await workspaceTimeZone(db, ctx.workspaceId);
  return items.map((item) => toDto(item, timeZone));
}

export async function listForWorkspace({
  deps,
  ctx,
  status,
  mine,
  after,
  limit,
}: {
  deps: SchedulingDeps;
  ctx: ServiceContext;
  status?: ScheduledStatus | undefined;
  mine: boolean;
  after?: { at: Date; id: string } | undefined;
  limit: number;
}): Promise<ScheduledItem[]> {
  const viewer = viewerOf(ctx);
  return createScheduledRepo({ db: deps.database.db, cipher: deps.cipher }).listWorkspace(ctx.workspaceId, {
    status,
    createdBy: mine && viewer ? viewer : undefined,
    scope: conversationScope(ctx),
    viewerId: viewer,
    after,
    limit,
  });
}

/** Tells live streams (and the scheduler, which wakes up for items due soon) that an item changed. */
export function changed(deps: Pick<Deps, "events">, item: { workspaceId: string; conversationId: string; id: string }): void {
  deps.events.emit({
    type: "scheduled_message.changed",
    workspaceId: item.workspaceId,
    conversationId: item.conversationId,
    scheduledId: item.id,
  });
}
