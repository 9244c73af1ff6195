import { eq, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { queryRows } from "../../db/raw.ts";
import { retentionPolicies } from "../../db/schema/retention-policies.ts";

export interface RetentionPolicy {
  /** Message content (and media) older than this many days is erased; null keeps it forever. */
  messageDays: number | null;
  /** Media files older than this many days are deleted even when the text is kept; null: as `messageDays`. */
  mediaDays: number | null;
  updatedAt: Date | null;
  lastApplied: { at: Date; messages: number; media: number } | null;
}

export interface RetentionCutoffs {
  /** Content of messages created before this is erased (null: kept). */
  messages: Date | null;
  /** Media of messages created before this (and uploads never sent, made before it) are deleted (null: kept). */
  media: Date | null;
}

const DAY_MS = 86_400_000;

/** The instants a policy erases before, at `now`. Media go at the earlier of their own window and the messages'. */
export function cutoffsOf(policy: Pick<RetentionPolicy, "messageDays" | "mediaDays">, now: Date): RetentionCutoffs {
  const before = (days: number | null) => (days === null ? null : new Date(now.getTime() - days * DAY_MS));
  const mediaDays = [policy.mediaDays, policy.messageDays].filter((d): d is number => d !== null);
  return { messages: before(policy.messageDays), media: before(mediaDays.length ? Math.min(...mediaDays) : null) };
}

const iso = (d: Date) => d.toISOString();

/** Messages whose content the policy erases: older than the cutoff, not erased yet, not waiting to be sent. */
const dueMessages = (workspaceId: string, cutoff: Date): SQL =>
  sql`m.workspace_id = ${workspaceId} and m.content_erased_at is null and m.status not in ('queued', 'sending')
      and m.created_at < ${iso(cutoff)}::timestamptz`;

/**
 * Media rows the policy deletes: no message newer than the cutoff (or still to be sent) shows them, and either an
 * older message does or the file itself (an upload never sent) is older than the cutoff.
 */
const dueMedia = (workspaceId: string, cutoff: Date): SQL =>
  sql`md.workspace_id = ${workspaceId}
      and not exists (select 1 from messages k where k.workspace_id = ${workspaceId} and k.media_id = md.id
                      and (k.created_at >= ${iso(cutoff)}::timestamptz or k.status in ('queued', 'sending')))
      and (md.created_at < ${iso(cutoff)}::timestamptz
           or exists (select 1 from messages o where o.workspace_id = ${workspaceId} and o.media_id = md.id))`;

export interface RetentionPreview {
  messages: { count: number; oldest: Date | null };
  media: { files: number; bytes: number; oldest: Date | null };
  channels: Array<{ channelId: string | null; name: string | null; messages: number; mediaFiles: number; mediaBytes: number }>;
}

export function createRetentionRepo({ db }: { db: DbOrTx }) {
  return {
    async get(workspaceId: string): Promise<RetentionPolicy> {
      const [row] = await db.select().from(retentionPolicies).where(eq(retentionPolicies.workspaceId, workspaceId));
      if (!row) return { messageDays: null, mediaDays: null, updatedAt: null, lastApplied: null };
      return {
        messageDays: row.messageDays,
        mediaDays: row.mediaDays,
        updatedAt: row.updatedAt,
        lastApplied: row.lastAppliedAt
          ? { at: row.lastAppliedAt, messages: row.lastAppliedMessages ?? 0, media: row.lastAppliedMedia ?? 0 }
          : null,
      };
    },
    async put(workspaceId: string, policy: { messageDays: number | null; mediaDays: number | null }, at: Date): Promise<void> {
      await db
        .insert(retentionPolicies)
        .values({ workspaceId, ...policy, updatedAt: at })
        .onConflictDoUpdate({ target: retentionPolicies.workspaceId, set: { ...policy, updatedAt: at } });
    },
    /** Workspaces with something to erase. */
    async listActive(): Promise<Array<{ workspaceId: string; messageDays: number | null; mediaDays: number | null }>> {
      return db
        .select({
          workspaceId: retentionPolicies.workspaceId,
          messageDays: retentionPolicies.messageDays,
          mediaDays: retentionPolicies.mediaDays,
        })
        .from(retentionPolicies)
        .where(or(sql`${retentionPolicies.messageDays} is not null`, sql`${retentionPolicies.mediaDays} is not null`));
    },
    async markApplied(workspaceId: string, at: Date, counts: { messages: number; media: number }): Promise<void> {
      await db
        .update(retentionPolicies)
        .set({ lastAppliedAt: at, lastAppliedMessages: counts.messages, lastAppliedMedia: counts.media })
        .where(eq(retentionPolicies.workspaceId, workspaceId));
    },

    /** A batch of messages the policy erases now, oldest first (index `messages_retention_idx`). */
    async dueMessageIds(workspaceId: string, cutoff: Date, limit: number): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select m.id from messages m where ${dueMessages(workspaceId, cutoff)} order by m.created_at limit ${limit}`,
      );
      return rows.map((r) => r.id);
    },
    /** A batch of media rows the policy deletes now. */
    async dueMediaIds(workspaceId: string, cutoff: Date, limit: number): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select md.id from media md where ${dueMedia(workspaceId, cutoff)} order by md.created_at limit ${limit}`,
      );
      return rows.map((r) => r.id);
    },

    /** The dry run: what applying the policy now would erase, in total and per number. */
    async preview(workspaceId: string, cutoffs: RetentionCutoffs): Promise<RetentionPreview> {
      const messageRows = cutoffs.messages
        ? await queryRows<{ channel_id: string; count: string | number; oldest: string | Date | null }>(
            db,
            sql`select m.channel_id, count(*) as count, min(m.created_at) as oldest from messages m
                where ${dueMessages(workspaceId, cutoffs.messages)} group by m.channel_id`,
          )
        : [];
      const mediaRows = cutoffs.media
        ? await queryRows<{
            channel_id: string | null;
            files: string | number;
            bytes: string | number | null;
            oldest: string | Date | null;
          }>(
            db,
            sql`select md.channel_id, count(*) as files, coalesce(sum(md.size), 0) as bytes, min(md.created_at) as oldest
                from media md where ${dueMedia(workspaceId, cutoffs.media)} group by md.channel_id`,
          )
        : [];
      const channelNames = new Map(
        (await queryRows<{ id: string; name: string }>(db, sql`select id, name from channels where workspace_id = ${workspaceId}`)).map(
          (c) => [c.id, c.name],
        ),
      );
      const toDate = (value: string | Date | null) => (value === null ? null : new Date(value));
      const earliest = (values: Array<string | Date | null>) =>
        values
          .map(toDate)
          .filter((d): d is Date => d !== null)
          .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      const perChannel = new Map<string | null, RetentionPreview["channels"][number]>();
      const entry = (channelId: string | null) => {
        let found = perChannel.get(channelId);
        if (!found) {
          found = { channelId, name: channelId ? (channelNames.get(channelId) ?? null) : null, messages: 0, mediaFiles: 0, mediaBytes: 0 };
          perChannel.set(channelId, found);
        }
        return found;
      };
      for (const row of messageRows) entry(row.channel_id).messages += Number(row.count);
      for (const row of mediaRows) {
        const e = entry(row.channel_id);
        e.mediaFiles += Number(row.files);
        e.mediaBytes += Number(row.bytes ?? 0);
      }
      return {
        messages: { count: messageRows.reduce((n, r) => n + Number(r.count), 0), oldest: earliest(messageRows.map((r) => r.oldest)) },
        media: {
          files: mediaRows.reduce((n, r) => n + Number(r.files), 0),
          bytes: mediaRows.reduce((n, r) => n + Number(r.bytes ?? 0), 0),
          oldest: earliest(mediaRows.map((r) => r.oldest)),
        },
        channels: [...perChannel.values()].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "")),
      };
    },
  };
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
