import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { MessageTemplate } from "@papo/whatsapp";
import { and, asc, eq, ilike, isNull, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { type MessageTemplateRow, messageTemplates } from "../../db/schema/message-templates.ts";

export type StoredTemplate = MessageTemplateRow;

export interface TemplateFilters {
  wabaId?: string | undefined;
  status?: string | undefined;
  category?: string | undefined;
  language?: string | undefined;
  /** Part of the name, any case. */
  q?: string | undefined;
}

/** What a status / quality / category webhook changes. */
export interface TemplatePatch {
  status?: string;
  statusReason?: string | null;
  quality?: string;
  category?: string;
  /** A DELETED status: the template is no longer offered. */
  deletedAt?: Date;
}

/** `%`, `_` and `\` are wildcards in LIKE; template names are full of underscores. */
const likeEscape = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const parameterFormatOf = (value: string | undefined): "POSITIONAL" | "NAMED" => (value === "NAMED" ? "NAMED" : "POSITIONAL");

/** Whether Meta's copy differs from ours in anything a sync writes. */
function differs(row: StoredTemplate, template: MessageTemplate): boolean {
  return (
    row.deletedAt !== null ||
    row.name !== template.name ||
    row.language !== template.language ||
    row.status !== template.status ||
    row.category !== template.category ||
    row.parameterFormat !== parameterFormatOf(template.parameterFormat) ||
    // jsonb stores object keys in its own order: compare values, not text.
    !isDeepStrictEqual(row.components, template.components)
  );
}

/**
 * Papo's copy of the WABAs' templates (`message_templates`). Every query is scoped by workspace; a template is keyed
 * by (workspace, WABA, Meta's id) because templates belong to the WABA, not to one number.
 */
export function createTemplatesRepo({ db }: { db: DbOrTx }) {
  const scope = (workspaceId: string, id: string) => and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, id));

  return {
    /** A template that was not deleted. */
    async get(workspaceId: string, id: string): Promise<StoredTemplate | undefined> {
      const [row] = await db
        .select()
        .from(messageTemplates)
        .where(and(scope(workspaceId, id), isNull(messageTemplates.deletedAt)));
      return row;
    },

    async findByMetaId(workspaceId: string, wabaId: string, metaId: string): Promise<StoredTemplate | undefined> {
      const [row] = await db
        .select()
        .from(messageTemplates)
        .where(
          and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.wabaId, wabaId), eq(messageTemplates.metaId, metaId)),
        );
      return row;
    },

    /** The live template of a WABA with this name and language (what a send names). */
    async findByName(workspaceId: string, wabaId: string, name: string, language: string): Promise<StoredTemplate | undefined> {
      const [row] = await db
        .select()
        .from(messageTemplates)
        .where(
          and(
            eq(messageTemplates.workspaceId, workspaceId),
            eq(messageTemplates.wabaId, wabaId),
            eq(messageTemplates.name, name),
            eq(messageTemplates.language, language),
            isNull(messageTemplates.deletedAt),
          ),
        );
      return row;
    },

    /** Live templates by name then language. */
    async list(workspaceId: string, filters: TemplateFilters = {}): Promise<StoredTemplate[]> {
      const conditions: SQL[] = [eq(messageTemplates.workspaceId, workspaceId)];
      if (filters.wabaId !== undefined) conditions.push(eq(messageTemplates.wabaId, filters.wabaId));
      if (filters.status !== undefined) conditions.push(eq(messageTemplates.status, filters.status));
      if (filters.category !== undefined) conditions.push(eq(messageTemplates.category, filters.category));
      if (filters.language !== undefined) conditions.push(eq(messageTemplates.language, filters.language));
      const q = filters.q?.trim();
      if (q) conditions.push(ilike(messageTemplates.name, `%${likeEscape(q)}%`));
      return db
        .select()
        .from(messageTemplates)
        .where(and(...conditions, isNull(messageTemplates.deletedAt)))
        .orderBy(asc(messageTemplates.name), asc(messageTemplates.language));
    },

    /**
     * Writes Meta's copy of one template read through `channelId`: inserted when new, updated when it differs (and
     * revived if a sync had marked it deleted). A status change clears the old reason; an unchanged status keeps it.
     * Returns the row and whether anything changed.
     */
    async upsertFromMeta(
      workspaceId: string,
      { channelId, wabaId, template, at }: { channelId: string; wabaId: string; template: MessageTemplate; at: Date },
    ): Promise<{ row: StoredTemplate; changed: boolean }> {
      const existing = await this.findByMetaId(workspaceId, wabaId, template.id);
      const fields = {
        name: template.name,
        language: template.language,
        category: template.category,
        status: template.status,
        parameterFormat: parameterFormatOf(template.parameterFormat),
        components: template.components as unknown[],
        syncedAt: at,
      };
      // Papo heard about it after this read began (a status webhook, a creation): the read is older news.
      if (existing && existing.syncedAt.getTime() > at.getTime()) return { row: existing, changed: false };
      if (!existing) {
        const [row] = await db
          .insert(messageTemplates)
          .values({ id: randomUUID(), workspaceId, channelId, wabaId, metaId: template.id, ...fields, createdAt: at, updatedAt: at })
          .onConflictDoUpdate({
            target: [messageTemplates.workspaceId, messageTemplates.wabaId, messageTemplates.metaId],
            set: { ...fields, deletedAt: null, updatedAt: at },
          })
          .returning();
        if (!row) throw new Error("template upsert returned no row");
        return { row, changed: true };
      }
      if (!differs(existing, template)) {
        const [row] = await db.update(messageTemplates).set({ syncedAt: at }).where(eq(messageTemplates.id, existing.id)).returning();
        return { row: row ?? existing, changed: false };
      }
      const [row] = await db
        .update(messageTemplates)
        .set({
          ...fields,
          ...(existing.status === template.status ? {} : { statusReason: null }),
          deletedAt: null,
          updatedAt: at,
        })
        .where(eq(messageTemplates.id, existing.id))
        .returning();
      return { row: row ?? existing, changed: true };
    },

    /** After a full sync of a WABA: templates Meta no longer lists were deleted elsewhere. Returns their ids. */
    async markMissingDeleted(workspaceId: string, wabaId: string, seenMetaIds: ReadonlySet<string>, at: Date): Promise<string[]> {
      const live = await db
        .select({ id: messageTemplates.id, metaId: messageTemplates.metaId, syncedAt: messageTemplates.syncedAt })
        .from(messageTemplates)
        .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.wabaId, wabaId), isNull(messageTemplates.deletedAt)));
      // One created or updated after the read began may simply not be in it yet.
      const gone = live.filter((t) => !seenMetaIds.has(t.metaId) && t.syncedAt.getTime() <= at.getTime()).map((t) => t.id);
      for (const id of gone) await this.markDeleted(workspaceId, id, at);
      return gone;
    },

    async markDeleted(workspaceId: string, id: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(messageTemplates)
        .set({ deletedAt: at, updatedAt: at })
        .where(and(scope(workspaceId, id), isNull(messageTemplates.deletedAt)))
        .returning({ id: messageTemplates.id });
      return rows.length > 0;
    },

    /** Applies a webhook's change; `syncedAt` is when Meta told us. */
    async patch(
      workspaceId: string,
      id: string,
      patch: TemplatePatch,
      { syncedAt, now }: { syncedAt: Date; now: Date },
    ): Promise<StoredTemplate | undefined> {
      const [row] = await db
        .update(messageTemplates)
        .set({ ...patch, updatedAt: now, syncedAt })
        .where(scope(workspaceId, id))
        .returning();
      return row;
    },

    /** A template just submitted through Papo (Meta answered PENDING with its id). */
    async insertCreated(
      workspaceId: string,
      input: {
        channelId: string;
        wabaId: string;
        metaId: string;
        name: string;
        language: string;
        category: string;
        status: string;
        parameterFormat: "POSITIONAL" | "NAMED";
        components: unknown[];
        at: Date;
      },
    ): Promise<StoredTemplate> {
      const { at, ...fields } = input;
      const [row] = await db
        .insert(messageTemplates)
        .values({ id: randomUUID(), workspaceId, ...fields, syncedAt: at, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: [messageTemplates.workspaceId, messageTemplates.wabaId, messageTemplates.metaId],
          set: { ...fields, deletedAt: null, syncedAt: at, updatedAt: at },
        })
        .returning();
      if (!row) throw new Error("template insert returned no row");
      return row;
    },
  };
}

export type TemplatesRepo = ReturnType<typeof createTemplatesRepo>;
