import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.ts";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { conversationScope } from "../access/scope.ts";
import { type ReportName, reportAccessOf } from "./access.ts";
import { type ReportContext, resolveReportContext } from "./context.ts";
import { type CsvReportName, type CsvReports, reportCsv, reportCsvFilename } from "./csv.ts";
import { agentsReport } from "./queries/agents.ts";
import { botReport } from "./queries/bot.ts";
import { costReport } from "./queries/cost.ts";
import { deliveryReport } from "./queries/delivery.ts";
import { drillReport } from "./queries/drill.ts";
import { overviewReport } from "./queries/overview.ts";
import { qualityReport } from "./queries/quality.ts";
import { speedReport } from "./queries/speed.ts";
import { teamsReport } from "./queries/teams.ts";
import { volumeReport } from "./queries/volume.ts";
import * as schemas from "./schemas.ts";

const BASE = "/api/v1/reports";
const DEFINITIONS = "Every number is defined in docs/metrics.md";

/**
 * The query, checked here rather than by Fastify (the routes attach validation errors) so a bad one answers the
 * reports' own 400 `reports.invalid_query` naming the field, like the range checks of `resolveReportContext`.
 */
function parseQuery<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join(".") || "query";
  throw new AppError({
    code: "reports.invalid_query",
    status: 400,
    message: `${field}: ${issue?.message ?? "invalid"}`,
    details: { field, issues: parsed.error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })) },
  });
}

const sendCsv = (reply: FastifyReply, csv: string, filename: string) =>
  reply
    .header("content-type", "text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "no-store")
    .send(csv);

/** A 200 that is JSON, or with `format=csv` the report's table (OpenAPI lists both content types). */
const jsonOrCsv = <S extends z.ZodType>(schema: S, table: string) => ({
  content: {
    "application/json": { schema },
    "text/csv": { schema: z.string().describe(`format=csv: ${table}`) },
  },
});

const errors = { 400: errorResponse, 403: errorResponse, 404: errorResponse };

type RangeReports = Exclude<CsvReportName, "overview">;

interface RangeReportDefinition<K extends RangeReports> {
  name: K;
  summary: string;
  description: string;
  /** What `format=csv` exports: the columns, for the OpenAPI description. */
  csvTable: string;
  response: z.ZodType<CsvReports[K]>;
  run: (db: DbOrTx, ctx: ReportContext) => Promise<CsvReports[K]>;
}

/**
 * The reports API (`GET /api/v1/reports/...`): the live overview, the range reports (JSON, or `format=csv`) and the
 * drill-down to the conversations behind a number. `reports.view` sees the workspace; without it (agents) volume,
 * speed, agents and the drill-down answer for the caller only (modules/reports/access.ts).
 */
export async function reportRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["reports"];
  const db = deps.database.db;

  const contextFor = async (request: FastifyRequest, name: ReportName, query: Omit<schemas.ReportQuery, "format">) => {
    const caller = authOf(request);
    const { onlyAgent } = reportAccessOf(caller, name, query);
    return resolveReportContext({ db, workspaceId: caller.workspaceId, query, onlyAgent, now: deps.clock.now() });
  };

  // The untyped `app.get`: the answer's type depends on K, which Fastify's type provider cannot follow; the zod
  // compilers still validate the query and the JSON answer at run time.
  const rangeReport = <K extends RangeReports>(definition: RangeReportDefinition<K>) => {
    app.get(
      `${BASE}/${definition.name}`,
      {
        attachValidation: true,
        schema: {
          tags,
          summary: definition.summary,
          description: `${definition.description} ${DEFINITIONS}. \`format=csv\`: ${definition.csvTable}.`,
          querystring: schemas.reportQuery,
          produces: ["application/json", "text/csv"],
          response: { 200: jsonOrCsv(definition.response, definition.csvTable), ...errors },
        },
      },
      async (request, reply) => {
        const { format, ...query } = parseQuery(schemas.reportQuery, request.query);
        const ctx = await contextFor(request, definition.name, query);
        const answer = await definition.run(db, ctx);
        if (format === "csv") return sendCsv(reply, reportCsv(definition.name, answer), reportCsvFilename(definition.name, answer.range));
        return reply.send(answer);
      },
    );
  };

  app.get(
    `${BASE}/overview`,
    {
      attachValidation: true,
      schema: {
        tags,
        summary: "Now: open, pending, unassigned and waiting conversations, the longest wait, the agents online",
        description: `A live picture, not a range (date and filter parameters do not apply). ${DEFINITIONS} (Overview). \`format=csv\`: the agents online (userId, name, since, openAssigned).`,
        querystring: schemas.reportQuery.pick({ format: true }),
        produces: ["application/json", "text/csv"],
        response: { 200: jsonOrCsv(schemas.overviewReport, "the agents online: userId, name, since, openAssigned"), ...errors },
      },
    },
    async (request, reply) => {
      const { format } = parseQuery(schemas.reportQuery.pick({ format: true }), request.query);
      const caller = authOf(request);
      reportAccessOf(caller, "overview", {});
      const answer = await overviewReport(db, { workspaceId: caller.workspaceId, now: deps.clock.now() });
      if (format === "csv") return sendCsv(reply, reportCsv("overview", answer), reportCsvFilename("overview", answer));
      return reply.send(answer);
    },
  );

  rangeReport({
    name: "volume",
    summary: "Conversations opened and resolved, messages in and out (by type, by sender), per bucket and per number",
    description:
      "Counts in the range and filters; messages are null with a tag filter (a tag belongs to a contact, not to a message). Without reports.view: the caller's own numbers.",
    csvTable: "the series — bucket, start, conversationsOpened, conversationsResolved, messagesIn, messagesOut",
    response: schemas.volumeReport,
    run: volumeReport,
  });
  rangeReport({
    name: "speed",
    summary: "First response, reply and resolution times: median, p90, average (seconds), optionally in business hours",
    description:
      "Durations that ended in the range; businessHours=true counts only the time inside the workspace's business hours. Without reports.view: the caller's own answers.",
    csvTable: "the series — bucket, start, then count, median, p90 and average seconds of firstResponse, reply and resolution",
    response: schemas.speedReport,
    run: speedReport,
  });
  rangeReport({
    name: "agents",
    summary: "Per agent: conversations handled and resolved, messages sent, response and resolution times, open now, online time",
    description: "One row per user of the workspace (or of the team/agent filter). Without reports.view: the caller's own row.",
    csvTable:
      "one row per agent — userId, name, role, active, conversationsHandled, conversationsResolved, messagesSent, the count/median/p90/average seconds of firstResponse, reply and resolution, openNow, onlineSeconds, csatAverage, percentiles (exact or approximate)",
    response: schemas.agentsReport,
    run: agentsReport,
  });
  rangeReport({
    name: "teams",
    summary: "Per team: the agents report summed over each team's current members",
    description: "One row per team of the workspace (teamId narrows to one team).",
    csvTable: "one row per team — teamId, name, members, then the agents report's performance columns and percentiles",
    response: schemas.teamsReport,
    run: teamsReport,
  });
  rangeReport({
    name: "bot",
    summary: "The bot: conversations handled, contained (resolved without a human), handed off by reason, time to handoff",
    description: "Conversations the bot answered, by the day they opened.",
    csvTable: "the series — bucket, start, handled, contained, handedOff",
    response: schemas.botReport,
    run: botReport,
  });
  rangeReport({
    name: "quality",
    summary: "Sentiment distribution and trend (from the copilot), CSAT, negative conversations not yet answered",
    description: "The trend is null with a tag filter (it counts messages).",
    csvTable:
      "the sentiment trend — bucket, start, averageScore, negative, neutral, positive (with a tag filter, the distribution: label, conversations)",
    response: schemas.qualityReport,
    run: qualityReport,
  });
  rangeReport({
    name: "delivery",
    summary: "Outbound messages sent, delivered, read and failed: rates, failures by Meta's error code, per number, template, campaign",
    description: "Status changes in the range (a message read without a delivered status counts as delivered too).",
    csvTable: "the series — bucket, start, sent, delivered, read, failed",
    response: schemas.deliveryReport,
    run: deliveryReport,
  });
  rangeReport({
    name: "cost",
    summary: "Billable messages by category and country and their estimated spend (USD) under per-message pricing",
    description: "From Meta's status pricing data and the workspace's price table; per bucket and per campaign.",
    csvTable: "the series — bucket, start, billable, estimatedCostUsd",
    response: schemas.costReport,
    run: costReport,
  });

  r.get(
    `${BASE}/conversations`,
    {
      attachValidation: true,
      schema: {
        tags,
        summary: "Drill-down: the conversations behind a report's number (JSON only)",
        description: `The same range and filters as the report the number came from, the metric, and optionally one bucket (bucketStart, bucketEnd). Without reports.view: the caller's own conversations. ${DEFINITIONS}.`,
        querystring: schemas.drillQuery,
        response: { 200: schemas.drillReport, ...errors },
      },
    },
    async (request) => {
      const { metric, bucketStart, bucketEnd, handoffReason, cursor, limit, ...query } = parseQuery(schemas.drillQuery, request.query);
      // No series here: the longest range any report allows (a monthly one), so every number can be drilled into.
      const ctx = await contextFor(request, "conversations", { ...query, granularity: "month" });
      const scope = conversationScope(authOf(request));
      return drillReport(db, deps.cipher, ctx, { metric, bucketStart, bucketEnd, handoffReason, cursor, limit, scope });
    },
  );
}
