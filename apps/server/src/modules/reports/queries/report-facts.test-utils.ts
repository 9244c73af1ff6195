import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, it } from "vitest";
import { type Database, openDatabase } from "../../../db/client.ts";
import type { handoffReasonValues } from "../../../db/schema/bot-handoffs.ts";
import { campaigns } from "../../../db/schema/campaigns.ts";
import { channels } from "../../../db/schema/channels.ts";
import { contacts } from "../../../db/schema/contacts.ts";
import { conversationInsights } from "../../../db/schema/conversation-insights.ts";
import { conversations } from "../../../db/schema/conversations.ts";
import { type DurationKind, type ReportMetric, reportConversations, reportDurations, reportEvents } from "../../../db/schema/reports.ts";
import { users } from "../../../db/schema/users.ts";
import { workspaces } from "../../../db/schema/workspaces.ts";
import { createTestDatabase, type DatabaseKind, isAvailable } from "../../../testing/databases.test-utils.ts";
import { type ReportContext, resolveReportContext } from "../context.ts";
import { recordHandled } from "../facts.ts";
import { foldReportEvents } from "../fold.ts";
import type { ReportQuery } from "../schemas.ts";

/**
 * A migrated database of one kind for the report tests, and helpers that write facts straight into the fact tables
 * (report_events, report_rollups, report_conversations, report_durations) of a fresh workspace, so each test owns
 * every number it asserts.
 */
export interface ReportsTestDb {
  database: Database;
  close(): Promise<void>;
}

export async function openReportsTestDb(kind: DatabaseKind): Promise<ReportsTestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), "papo-reports-"));
  const target = await createTestDatabase(kind, dataDir);
  const database = await openDatabase(target.target);
  return {
    database,
    async close() {
      await database.close();
      await target.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For a `describe` block of one database kind: opens the test database before its tests and closes it after. `run` is
 * `it`, skipped when that kind is not available here; `database()` is valid inside the tests.
 */
export function useReportsTestDb(kind: DatabaseKind): { run: ReturnType<typeof it.skipIf>; database: () => Database } {
  let testDb: ReportsTestDb | undefined;
  beforeAll(async () => {
    if (isAvailable(kind)) testDb = await openReportsTestDb(kind);
  });
  afterAll(async () => {
    await testDb?.close();
  });
  return {
    run: it.skipIf(!isAvailable(kind)),
    database: () => {
      if (!testDb) throw new Error(`the ${kind} reports test database is not open`);
      return testDb.database;
    },
  };
}

/** One conversation as the tests tell it; every field but the channel is optional. */
export interface ConversationFixture {
  channelId: string;
  /** Defaults to "resolved" when resolvedAt is given, else "open". */
  status?: "open" | "pending" | "resolved";
  handledBy?: "bot" | "human";
  assigneeId?: string | null;
  /** The new contact's tags (ignored with contactId). */
  tags?: string[];
  /** The new contact's name, sealed like the contacts repo does (ignored with contactId). */
  contactNameEnc?: string | null;
  /** An existing contact of the workspace; without it a contact is made for this conversation. */
  contactId?: string;
  /** Defaults to 2026-03-10T12:00:00Z. */
  openedAt?: string;
  /** The last resolution (report_conversations.resolved_at, one resolution counted). */
  resolvedAt?: string | null;
  resolvedById?: string | null;
  waitingSince?: string | null;
  botHandled?: boolean;
  handedOffAt?: string | null;
  handoffReason?: (typeof handoffReasonValues)[number] | null;
  agentMessages?: number;
  /** false: no report_conversations row (a conversation from before the reports). */
  reported?: boolean;
  /** A conversation_insights row with this sentiment. */
  sentiment?: { label: "negative" | "neutral" | "positive"; score: number; needsAttention?: boolean };
}

/** One report_durations row. */
export interface DurationFact {
  kind: DurationKind;
  at: string;
  conversationId: string;
  channelId: string;
  agentId?: string | null;
  seconds: number;
  /** Defaults to seconds. */
  businessSeconds?: number;
}

export interface Fact {
  metric: ReportMetric;
  at: string;
  channelId: string;
  agentId?: string | null;
  dim?: string;
  count?: number;
  total?: number;
}

/** A workspace of its own (zone America/Sao_Paulo unless told), with two channels and the helpers to fill it. */
export async function newReportsWorkspace(database: Database, { timeZone = "America/Sao_Paulo" }: { timeZone?: string } = {}) {
  const db = database.db;
  const workspaceId = randomUUID();
  await db.insert(workspaces).values({ id: workspaceId, name: `reports ${workspaceId.slice(0, 8)}`, timeZone });
  const addChannel = async (name: string) => {
    const id = randomUUID();
    await db.insert(channels).values({
      id,
      workspaceId,
      name,
      phoneNumberId: `pn-${id}`,
      wabaId: "waba",
      accessTokenEnc: "x",
      verifyToken: "v",
      apiUrl: "http://127.0.0.1:1",
      apiVersion: "v21.0",
    });
    return id;
  };
  const salesChannel = await addChannel("Vendas");
  const supportChannel = await addChannel("Suporte");
  return {
    workspaceId,
    salesChannel,
    supportChannel,
    async addUser(name: string) {
      const id = randomUUID();
      await db.insert(users).values({ id, workspaceId, name, email: `${id}@papo.test`, passwordHash: "x", role: "agent" });
      return id;
    },
    async addContact(tags: string[] = []) {
      const id = randomUUID();
      await db.insert(contacts).values({ id, workspaceId, tags });
      return id;
    },
    async addCampaign(name: string, status: "running" | "completed" = "completed") {
      const id = randomUUID();
      await db.insert(campaigns).values({
        id,
        workspaceId,
        channelId: salesChannel,
        name,
        status,
        templateName: "promo",
        templateLanguage: "pt_BR",
        templateCategory: "marketing",
        mappingEnc: "x",
        audienceKind: "filter",
        audienceEnc: "x",
        ratePerSecond: 10,
      });
      return id;
    },
    /**
     * A conversation of this workspace. Writes its contact (unless contactId names one; a channel holds one
     * unresolved conversation per contact, so each gets its own), the conversations row (resolved_at = resolvedAt,
     * or openedAt, when resolved), its report_conversations row (unless reported is false) and, with a sentiment,
     * its conversation_insights row.
     */
    async addConversation(c: ConversationFixture): Promise<{ id: string; contactId: string }> {
      const id = randomUUID();
      const contactId = c.contactId ?? randomUUID();
      const openedAt = new Date(c.openedAt ?? "2026-03-10T12:00:00Z");
      const resolvedAt = c.resolvedAt ? new Date(c.resolvedAt) : null;
      const status = c.status ?? (resolvedAt ? "resolved" : "open");
      if (!c.contactId)
        await db.insert(contacts).values({ id: contactId, workspaceId, tags: c.tags ?? [], nameEnc: c.contactNameEnc ?? null });
      await db.insert(conversations).values({
        id,
        workspaceId,
        channelId: c.channelId,
        contactId,
        status,
        handledBy: c.handledBy ?? "human",
        assigneeId: c.assigneeId ?? null,
        createdAt: openedAt,
        resolvedAt: status === "resolved" ? (resolvedAt ?? openedAt) : null,
      });
      if (c.reported !== false) {
        await db.insert(reportConversations).values({
          conversationId: id,
          workspaceId,
          channelId: c.channelId,
          contactId,
          openedAt,
          openedBy: "contact",
          assigneeId: c.assigneeId ?? null,
          waitingSince: c.waitingSince ? new Date(c.waitingSince) : null,
          resolvedAt,
          resolvedById: c.resolvedById ?? null,
          resolutions: resolvedAt ? 1 : 0,
          botHandled: c.botHandled ?? false,
          handedOffAt: c.handedOffAt ? new Date(c.handedOffAt) : null,
          handoffReason: c.handoffReason ?? null,
          agentMessages: c.agentMessages ?? 0,
          updatedAt: openedAt,
        });
      }
      if (c.sentiment) {
        await db.insert(conversationInsights).values({
          conversationId: id,
          workspaceId,
          sentimentScore: c.sentiment.score,
          sentimentLabel: c.sentiment.label,
          needsAttention: c.sentiment.needsAttention ?? false,
          updatedAt: openedAt,
        });
      }
      return { id, contactId };
    },
    /** report_durations rows of this workspace. */
    async durations(rows: DurationFact[]) {
      if (rows.length === 0) return;
      await db.insert(reportDurations).values(
        rows.map((r) => ({
          workspaceId,
          kind: r.kind,
          at: new Date(r.at),
          conversationId: r.conversationId,
          channelId: r.channelId,
          agentId: r.agentId ?? null,
          seconds: r.seconds,
          businessSeconds: r.businessSeconds ?? r.seconds,
        })),
      );
      await recordHandled(
        db,
        workspaceId,
        rows.map((r) => ({ ...r, at: new Date(r.at) })),
      );
    },
    /** Unfolded events, one row per fact. */
    async events(facts: Fact[]) {
      if (facts.length === 0) return;
      await db.insert(reportEvents).values(
        facts.map((f) => ({
          workspaceId,
          metric: f.metric,
          at: new Date(f.at),
          channelId: f.channelId,
          agentId: f.agentId ?? null,
          dim: f.dim ?? "",
          count: f.count ?? 1,
          total: f.total ?? 0,
        })),
      );
    },
    /** Folded facts: written as events, then folded into the rollups the way the fold worker does it. */
    async rollups(facts: Fact[]) {
      if (facts.length === 0) return;
      await this.events(facts);
      while ((await foldReportEvents(db)) > 0) {
        // drain: the fold takes every unfolded event of the database (the suite's own), which changes no sum
      }
    },
    /** The context the routes would build for this query (zone defaults to the workspace's). */
    context(query: Omit<ReportQuery, "format">, now = new Date("2026-03-20T12:00:00Z")): Promise<ReportContext> {
      return resolveReportContext({ db, workspaceId, query, now });
    },
  };
}
