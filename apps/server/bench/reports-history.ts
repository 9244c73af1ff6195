import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FieldCipher } from "../src/crypto/field-cipher.ts";
import type { Db } from "../src/db/client.ts";
import { queryRows } from "../src/db/raw.ts";

/*
 * A generated reports history for bench/reports.ts: one workspace's year of service as the fact tables would hold it
 * after ~1M messages. Everything is set-based SQL (generate_series, random()) except the contacts' names, which are
 * really encrypted because the drill-down decrypts the names of the page it returns.
 *
 * Ids are md5(<prefix>:<kind>:<n>)::uuid, computed the same way in SQL and here, so rows can point at each other
 * without a round trip. The per-conversation shape is drawn once into a scratch table (`bench_conv_<prefix>`: a real
 * table, not a temporary one, because a PostgreSQL pool does not keep one session) and every fact table is derived
 * from it, so the facts agree with each other (a resolution ends when the conversation was resolved, …).
 */

export interface HistoryShape {
  workspaceId: string;
  /** Unique per run: users' e-mails and channels' phone number ids are unique across workspaces. */
  prefix: string;
  conversations: number;
  agents: number;
  teams: number;
  channels: number;
  days: number;
  now: Date;
}

export interface HistoryIds {
  channelIds: string[];
  teamIds: string[];
  agentIds: string[];
  /** Rows per fact table, as inserted. */
  counts: Record<string, number>;
}

export const TEAM_NAMES = ["Vendas", "Suporte", "Financeiro", "Onboarding", "Retenção"];
export const CONTACT_TAGS = ["vip", "lead"];

export const benchUuid = (prefix: string, kind: string, n: number): string => {
  const hex = createHash("md5").update(`${prefix}:${kind}:${n}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Integers of the shape go into the statement as literals: generate_series($1, $2) cannot pick an overload. */
const int = (value: number) => sql.raw(String(Math.trunc(value)));

/** SQL twin of benchUuid for a column expression `n`. */
const idOf = (prefix: string, kind: string, n: string) => sql.raw(`md5('${prefix}:${kind}:' || (${n}))::uuid`);

/** A log-normal draw with the given median (seconds) and spread: response times have a long right tail. */
const logNormal = (median: number, sigma: number): string =>
  `exp(ln(${median}) + ${sigma} * sqrt(-2 * ln(greatest(random(), 1e-9))) * cos(2 * pi() * random()))`;

const CONTACT_CHUNK = 10_000;

async function count(db: Db, table: string, workspaceId: string): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from ${sql.identifier(table)} where workspace_id = ${workspaceId}`,
  );
  return Number(row?.n ?? 0);
}

export async function generateHistory(db: Db, cipher: FieldCipher, shape: HistoryShape): Promise<HistoryIds> {
  const { workspaceId: ws, prefix: p, conversations: n, now } = shape;
  const nowIso = now.toISOString();
  const wsId = sql`${ws}::uuid`;
  const scratch = sql.identifier(`bench_conv_${p}`);

  await db.execute(sql`insert into workspaces (id, name, time_zone) values (${wsId}, ${`Bench ${p}`}, 'America/Sao_Paulo')`);
  await db.execute(sql`insert into users (id, workspace_id, name, email, password_hash, role)
    select ${idOf(p, "agent", "a")}, ${wsId}, 'Agente ' || a, ${`${p}-agent-`}::text || a || '@bench.papo.test', 'bench:no-login',
           case when a = 0 then 'supervisor' else 'agent' end
      from generate_series(0, ${int(shape.agents - 1)}) a`);
  await db.execute(sql`insert into teams (id, workspace_id, name)
    select ${idOf(p, "team", "t")}, ${wsId}, ${sql.raw(`(array[${TEAM_NAMES.map((name) => `'${name}'`).join(", ")}])`)}[t + 1] from generate_series(0, ${int(shape.teams - 1)}) t`);
  await db.execute(sql`insert into team_members (team_id, user_id, workspace_id)
    select ${idOf(p, "team", `a % ${shape.teams}`)}, ${idOf(p, "agent", "a")}, ${wsId} from generate_series(0, ${int(shape.agents - 1)}) a`);
  await db.execute(sql`insert into channels (id, workspace_id, name, phone_number_id, waba_id, access_token_enc, verify_token, api_url, api_version)
    select ${idOf(p, "channel", "c")}, ${wsId}, 'Número ' || (c + 1), ${`${p}-`}::text || c, ${`${p}-waba`}, 'bench:unused', 'bench', 'http://127.0.0.1:9', 'v23.0'
      from generate_series(0, ${int(shape.channels - 1)}) c`);

  // Contacts: names really encrypted (the drill-down decrypts one page of them); 10% vip, 30% lead, the rest untagged.
  for (let from = 0; from < n; from += CONTACT_CHUNK) {
    const names: string[] = [];
    for (let i = from; i < Math.min(n, from + CONTACT_CHUNK); i++)
      names.push(
        cipher.encrypt({ workspaceId: ws, table: "contacts", column: "name_enc", rowId: benchUuid(p, "contact", i) }, `Cliente ${i}`),
      );
    await db.execute(sql`insert into contacts (id, workspace_id, name_enc, tags, created_at, updated_at)
      select ${idOf(p, "contact", `${from} + t.n - 1`)}, ${wsId}, t.v,
             case when (${int(from)} + t.n - 1) % 10 = 0 then '["vip"]'::jsonb when (${int(from)} + t.n - 1) % 10 < 4 then '["lead"]'::jsonb else '[]'::jsonb end,
             ${nowIso}::timestamptz - interval '400 days', ${nowIso}::timestamptz
        from json_array_elements_text(${JSON.stringify(names)}::json) with ordinality as t(v, n)`);
  }

  // One row per conversation with every draw the fact tables need.
  await db.execute(sql`create table ${scratch} as
    select g, ${idOf(p, "conv", "g")} as id, ${idOf(p, "contact", "g")} as contact_id,
           ${idOf(p, "channel", `g % ${shape.channels}`)} as channel_id,
           case when u_status < 0.02 then 'open' when u_status < 0.05 then 'pending' else 'resolved' end as status,
           ${nowIso}::timestamptz - (case when u_status < 0.05 then u_time * 2 else u_time * ${int(shape.days)} end) * interval '1 day' as opened_at,
           u_bot < 0.30 as bot,
           u_bot < 0.15 as handed_off,
           u_bot >= 0.15 and u_bot < 0.30 as contained,
           case when u_bot >= 0.15 and u_bot < 0.30 then null
                when u_agent < 0.03 then null
                else ${idOf(p, "agent", `floor(u_agent * ${shape.agents})::int`)} end as assignee_id,
           u_status < 0.02 and u_wait < 0.6 as waiting,
           u_open < 0.85 as opened_by_contact,
           least(${sql.raw(logNormal(240, 1.2))}, 86400.0) as first_response_seconds,
           least(${sql.raw(logNormal(4 * 3600, 1.3))}, 20 * 86400.0) as resolution_seconds,
           least(${sql.raw(logNormal(90, 0.8))}, 3600.0) as handoff_seconds,
           1 + g % 8 as messages_in,
           1 + (g * 3) % 10 as messages_out,
           u_sentiment
      from (select g, random() as u_status, random() as u_time, random() as u_bot, random() as u_agent, random() as u_wait,
                   random() as u_open, random() as u_sentiment
              from generate_series(0, ${int(n - 1)}) g) draws`);

  await db.execute(sql`insert into conversations (id, workspace_id, channel_id, contact_id, status, assignee_id, handled_by,
      last_activity_at, last_inbound_at, created_at, resolved_at)
    select id, ${wsId}, channel_id, contact_id, status, assignee_id,
           case when contained and status <> 'resolved' then 'bot' else 'human' end,
           least(opened_at + resolution_seconds * interval '1 second', ${nowIso}::timestamptz),
           opened_at, opened_at,
           case when status = 'resolved' then least(opened_at + resolution_seconds * interval '1 second', ${nowIso}::timestamptz) end
      from ${scratch} order by opened_at`);

  await db.execute(sql`insert into report_conversations (conversation_id, workspace_id, channel_id, contact_id, opened_at, opened_by,
      assignee_id, waiting_since, first_response_at, first_responder_id, resolved_at, resolved_by_id, resolutions, bot_handled,
      handed_off_at, handoff_reason, agent_messages, updated_at)
    select id, ${wsId}, channel_id, contact_id, opened_at, case when opened_by_contact then 'contact' else 'business' end,
           assignee_id,
           case when waiting then opened_at end,
           case when not waiting then opened_at + first_response_seconds * interval '1 second' end,
           case when not waiting then assignee_id end,
           case when status = 'resolved' then least(opened_at + resolution_seconds * interval '1 second', ${nowIso}::timestamptz) end,
           case when status = 'resolved' then assignee_id end,
           case when status = 'resolved' then 1 + (g % 20 = 0)::int else (g % 20 = 0)::int end,
           bot,
           case when handed_off then opened_at + handoff_seconds * interval '1 second' end,
           case when handed_off then (array['customer_request', 'negative_sentiment', 'unsure'])[1 + g % 3] end,
           case when contained then 0 else messages_out end,
           ${nowIso}::timestamptz
      from ${scratch} order by opened_at`);

  // Durations: first responses, ~3.5 replies per human-handled conversation, resolutions, handoffs. Facts are inserted
  // in time order, as they are written live: the heap then holds a range's rows together, as in production.
  const duration = (kind: string, at: string, seconds: string, agent: string, from: string) =>
    `select '${kind}' as kind, ${at} as at, id, channel_id, ${agent} as agent_id, ${seconds} as seconds from ${from}`;
  const conv = `bench_conv_${p}`;
  const durations = [
    duration(
      "first_response",
      "opened_at + first_response_seconds * interval '1 second'",
      "first_response_seconds",
      "assignee_id",
      `${conv} where not waiting`,
    ),
    duration(
      "reply",
      `least(opened_at + (first_response_seconds + r * 600) * interval '1 second', '${nowIso}'::timestamptz)`,
      `least(${logNormal(120, 1.1)}, 43200.0)`,
      "assignee_id",
      `${conv} cross join lateral generate_series(1, 1 + g % 6) r where not contained and not waiting`,
    ),
    duration(
      "resolution",
      `least(opened_at + resolution_seconds * interval '1 second', '${nowIso}'::timestamptz)`,
      "resolution_seconds",
      "assignee_id",
      `${conv} where status = 'resolved'`,
    ),
    duration("handoff", "opened_at + handoff_seconds * interval '1 second'", "handoff_seconds", "null::uuid", `${conv} where handed_off`),
  ];
  await db.execute(sql`insert into report_durations (workspace_id, kind, at, conversation_id, channel_id, agent_id, seconds, business_seconds)
    select ${wsId}, kind, at, id, channel_id, agent_id, seconds, seconds * (0.25 + 0.75 * random())
      from (${sql.raw(durations.join(" union all "))}) d order by at`);
  // What facts.ts recordHandled keeps beside them: each agent's first and last handling duration per conversation.
  await db.execute(sql`insert into report_handled (workspace_id, agent_id, conversation_id, channel_id, first_at, last_at)
    select workspace_id, agent_id, conversation_id, channel_id, min(at), max(at) from report_durations
      where workspace_id = ${wsId} and agent_id is not null and kind in ('first_response', 'reply', 'resolution')
      group by workspace_id, agent_id, conversation_id, channel_id`);

  await db.execute(sql`insert into conversation_insights (conversation_id, workspace_id, language, sentiment_score, sentiment_label,
      sentiment_trend, negative_streak, needs_attention, updated_at)
    select id, ${wsId}, 'pt', (u_sentiment / 0.6) * 2 - 1,
           case when u_sentiment < 0.12 then 'negative' when u_sentiment < 0.42 then 'neutral' else 'positive' end,
           (array['improving', 'worsening', 'steady'])[1 + g % 3],
           case when u_sentiment < 0.12 then 1 + g % 3 else 0 end,
           u_sentiment < 0.12 and status = 'open' and waiting,
           opened_at
      from ${scratch} where u_sentiment < 0.6`);

  await db.execute(sql`insert into csat_responses (id, workspace_id, conversation_id, channel_id, agent_id, score, source, at)
    select ${idOf(p, "csat", "g")}, ${wsId}, id, channel_id, assignee_id,
           (array[1, 2, 3, 4, 4, 5, 5, 5, 5, 5])[1 + (g / 10) % 10], 'api',
           least(opened_at + (resolution_seconds + 600) * interval '1 second', ${nowIso}::timestamptz)
      from ${scratch} where status = 'resolved' and g % 10 = 0`);

  // Presence: most agents work up to three sessions a day (~100 rows a day at 40 agents); a quarter are online now.
  await db.execute(sql`insert into agent_presence (id, workspace_id, user_id, started_at, last_seen_at, ended_at)
    select gen_random_uuid(), ${wsId}, ${idOf(p, "agent", "a")}, s.started, s.started + s.length, s.started + s.length
      from generate_series(1, ${int(shape.days)}) d cross join generate_series(0, ${int(shape.agents - 1)}) a cross join generate_series(1, 3) shift
      cross join lateral (select date_trunc('day', ${nowIso}::timestamptz) - d * interval '1 day' + interval '11 hours'
                                 + (shift - 1) * interval '4 hours' + random() * interval '1 hour' as started,
                                 interval '2 hours' + random() * interval '3 hours' as length) s
     where random() < 0.85`);
  await db.execute(sql`insert into agent_presence (id, workspace_id, user_id, started_at, last_seen_at, ended_at)
    select gen_random_uuid(), ${wsId}, ${idOf(p, "agent", "a")}, ${nowIso}::timestamptz - interval '2 hours', ${nowIso}::timestamptz, null
      from generate_series(0, ${int(shape.agents - 1)}) a where a % 4 = 0`);

  const ids: HistoryIds = {
    channelIds: Array.from({ length: shape.channels }, (_, c) => benchUuid(p, "channel", c)),
    teamIds: Array.from({ length: shape.teams }, (_, t) => benchUuid(p, "team", t)),
    agentIds: Array.from({ length: shape.agents }, (_, a) => benchUuid(p, "agent", a)),
    counts: {},
  };
  for (const table of [
    "contacts",
    "conversations",
    "report_conversations",
    "report_durations",
    "report_handled",
    "conversation_insights",
    "csat_responses",
    "agent_presence",
  ])
    ids.counts[table] = await count(db, table, ws);
  return ids;
}

/**
 * The message-level counters ~1M messages leave behind (messages in and out, statuses, templates, campaigns, billing,
 * sentiment, CSAT), as report_events to be folded. `unfolded` more land in the last two hours after the fold.
 */
export async function generateEvents(db: Db, shape: HistoryShape): Promise<number> {
  const { workspaceId: ws, prefix: p, now } = shape;
  const nowIso = now.toISOString();
  const wsId = sql`${ws}::uuid`;
  const scratch = sql.identifier(`bench_conv_${p}`);
  const before = await count(db, "report_events", ws);
  const cap = (at: string) => sql.raw(`least(${at}, '${nowIso}'::timestamptz - interval '1 minute')`);
  // Drawn into a scratch table first, then appended in time order: ids follow time, as when written live, so the fold
  // (oldest id first) fills each hour's rollups together.
  const drawn = sql.identifier(`bench_events_${p}`);
  await db.execute(sql`create table ${drawn} (workspace_id uuid, at timestamptz, metric text, channel_id uuid, agent_id uuid,
    dim text, count integer, total float8)`);
  const insert = (select: ReturnType<typeof sql>) =>
    db.execute(sql`insert into ${drawn} (workspace_id, at, metric, channel_id, agent_id, dim, count, total) ${select}`);

  await insert(sql`select ${wsId}, ${cap("opened_at + m * interval '7 minutes'")}, 'message.in', channel_id, null,
      case when m % 14 = 0 then 'image' when m % 31 = 0 then 'audio' else 'text' end, 1, 0
    from ${scratch} cross join lateral generate_series(1, messages_in) m`);
  await insert(sql`select ${wsId}, ${cap("opened_at + (first_response_seconds + m * 420) * interval '1 second'")}, k.metric, channel_id,
      case when k.metric = 'message.out' and not contained then assignee_id end,
      case when k.metric = 'message.out' then 'text'
           when contained then 'bot' when m % 25 = 0 then 'system' when g % 10 = 2 and m = 1 then 'campaign' else 'agent' end,
      1, 0
    from ${scratch} cross join lateral generate_series(1, messages_out) m
    cross join (values ('message.out'), ('message.out_by')) k(metric)`);
  // Statuses arrive per message; one event per conversation and state carries the conversation's count.
  await insert(sql`select ${wsId}, ${cap("opened_at + resolution_seconds * interval '1 second'")}, k.metric, channel_id,
      case when not contained then assignee_id end, '',
      case when k.metric = 'status.read' then greatest(1, messages_out * 4 / 5) else messages_out end, 0
    from ${scratch} cross join (values ('status.sent'), ('status.delivered'), ('status.read')) k(metric)`);
  await insert(sql`select ${wsId}, ${cap("opened_at + interval '1 minute'")}, 'status.failed', channel_id, assignee_id,
      case when g % 100 = 0 then '131026' else '131047' end, 1, 0
    from ${scratch} where g % 50 = 0`);
  await insert(sql`select ${wsId}, ${cap("opened_at")}, k.metric, channel_id, null,
      case when g % 10 = 1 then (array['pedido_enviado', 'boleto_vencendo', 'boas_vindas'])[1 + g % 3]
           else ${idOf(p, "campaign", "g % 4")}::text end, 1, 0
    from ${scratch}
    cross join (values ('sent'), ('delivered'), ('read')) k0(state)
    cross join lateral (select case when g % 10 = 1 then 'template.' else 'campaign.' end || k0.state as metric) k
    where g % 10 in (1, 2)`);
  await insert(sql`select ${wsId}, ${cap("opened_at + interval '1 minute'")}, 'billable', channel_id, null,
      case when g % 10 = 2 then 'marketing' when g % 10 = 1 then 'utility' else 'service' end || ':' ||
      case when g % 17 = 0 then 'PT' when g % 29 = 0 then 'ZZ' else 'BR' end,
      1, case when g % 10 = 2 then 0.0625 when g % 10 = 1 then 0.0068 else 0 end
    from ${scratch}`);
  await insert(sql`select ${wsId}, ${cap("opened_at + interval '1 minute'")}, 'campaign.billable', channel_id, null,
      ${idOf(p, "campaign", "g % 4")}::text, 1, 0.0625
    from ${scratch} where g % 10 = 2`);
  await insert(sql`select ${wsId}, ${cap("opened_at + s * interval '5 minutes'")}, 'sentiment', channel_id, null,
      case when u_sentiment < 0.12 then 'negative' when u_sentiment < 0.42 then 'neutral' else 'positive' end, 1, (u_sentiment / 0.6) * 2 - 1
    from ${scratch} cross join generate_series(1, 2) s where u_sentiment < 0.6`);
  await insert(sql`select ${wsId}, at, 'csat', channel_id, agent_id, score::text, 1, score
    from csat_responses where workspace_id = ${ws}`);
  await db.execute(sql`insert into report_events (workspace_id, at, metric, channel_id, agent_id, dim, count, total)
    select workspace_id, at, metric, channel_id, agent_id, dim, count, total from ${drawn} order by at`);
  await db.execute(sql`drop table ${drawn}`);
  return (await count(db, "report_events", ws)) - before;
}

/** Events of the last two hours that arrive after the fold: reports read them through the union with the rollups. */
export async function generateUnfoldedEvents(db: Db, shape: HistoryShape, events: number): Promise<void> {
  const { workspaceId: ws, prefix: p, now } = shape;
  const wsId = sql`${ws}::uuid`;
  await db.execute(sql`insert into report_events (workspace_id, at, metric, channel_id, agent_id, dim, count, total)
    select ${wsId}, ${now.toISOString()}::timestamptz - random() * interval '2 hours',
           (array['message.in', 'message.out', 'message.out_by', 'status.delivered'])[1 + e % 4],
           ${idOf(p, "channel", `e % ${shape.channels}`)},
           case when e % 4 = 1 then ${idOf(p, "agent", `e % ${shape.agents}`)} end,
           (array['text', 'text', 'agent', ''])[1 + e % 4], 1, 0
      from generate_series(0, ${int(events - 1)}) e`);
}

export async function dropScratch(db: Db, prefix: string): Promise<void> {
  await db.execute(sql`drop table if exists ${sql.identifier(`bench_conv_${prefix}`)}`);
}
