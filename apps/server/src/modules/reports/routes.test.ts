import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamMembers, teams } from "../../db/schema/teams.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

/**
 * The reports API as each role sees it: every route answers administrators and supervisors, agents get their own
 * numbers (and nothing else), CSV downloads, bad queries and another workspace's ids.
 */

interface ErrorBody {
  error: { code: string; message: string; details?: { field?: string } };
}
interface Volume {
  range: { from: string; to: string; timeZone: string };
  totals: { conversationsOpened: number; conversationsResolved: number; messagesIn: number | null; messagesOut: number | null };
}
interface Agents {
  agents: Array<{ userId: string; name: string; messagesSent: number | null; firstResponse: { count: number } }>;
}

const ROUTES = ["overview", "volume", "speed", "agents", "teams", "bot", "quality", "delivery", "cost"] as const;
const SELF_SERVICE = ["volume", "speed", "agents"] as const;

describe.each(DATABASE_KINDS)("reports routes (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let workspaceId: string;
  let supervisor: { id: string; token: string };
  let agent: { id: string; token: string };
  let formulaAgent: { id: string; token: string };
  let otherWorkspace: { id: string; adminToken: string; userId: string; teamId: string };
  let teamId: string;

  const login = async (email: string, password: string) => {
    const session = await t.api<{ token: string }>("POST", "/api/v1/auth/login", { email, password });
    if (session.status !== 200) throw new Error(`login of ${email} failed: ${JSON.stringify(session.body)}`);
    return session.body.token;
  };
  const newUser = async (name: string, role: "supervisor" | "agent") => {
    const email = `${role}-${randomUUID().slice(0, 8)}@papo.test`;
    const password = "uma-senha-bem-forte-de-teste";
    const created = await t.api<{ id: string }>("POST", "/api/v1/users", { name, email, role, password });
    if (created.status !== 201) throw new Error(`could not create ${name}: ${JSON.stringify(created.body)}`);
    return { id: created.body.id, token: await login(email, password) };
  };
  const raw = (token: string, path: string) => fetch(`${t.papo.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  /** A customer writes in; the conversation is assigned to `assignee` and answered with that user's token. */
  const answeredConversation = async (from: string, assignee: { id: string; token: string }) => {
    t.sim.sendAsCustomer({ from, name: `Cliente ${from.slice(-4)}`, type: "text", text: "Olá, preciso de ajuda" });
    const conversation = await eventually(async () => {
      const list = await t.api<{ data: Array<{ id: string; contact: { waId: string } | null; contactId: string }> }>(
        "GET",
        "/api/v1/conversations",
      );
      return list.body.data.find((c) => c.contact?.waId === from) ?? undefined;
    }, `the conversation of ${from}`);
    const assigned = await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { assigneeId: assignee.id });
    expect(assigned.status).toBe(200);
    const reply = await t.apiAs(assignee.token, "POST", `/api/v1/conversations/${conversation.id}/messages`, {
      type: "text",
      body: "Claro, como posso ajudar?",
    });
    expect(reply.status).toBe(202);
    return conversation.id;
  };

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const me = await t.api<{ id: string; workspaceId: string }>("GET", "/api/v1/auth/me");
    workspaceId = me.body.workspaceId;
    supervisor = await newUser("Supervisora Sara", "supervisor");
    agent = await newUser("Agente Ana", "agent");
    formulaAgent = await newUser('=HYPERLINK("http://evil")', "agent");
    const channelId = t.papo.sandbox?.channel.id;
    await t.api("PUT", `/api/v1/channels/${channelId}/members`, { userIds: [agent.id, formulaAgent.id] });

    await answeredConversation("5511955551001", agent);
    await answeredConversation("5511955551002", formulaAgent);

    const db = t.papo.deps.database.db;
    teamId = randomUUID();
    await db.insert(teams).values({ id: teamId, workspaceId, name: "Suporte" });
    await db.insert(teamMembers).values({ teamId, userId: agent.id, workspaceId });

    const otherId = randomUUID();
    await db.insert(workspaces).values({ id: otherId, name: "Outra empresa" });
    const otherAdmin = await t.addUser({ workspaceId: otherId, email: `outro-${randomUUID().slice(0, 8)}@outra.test`, role: "admin" });
    const otherTeam = randomUUID();
    await db.insert(teams).values({ id: otherTeam, workspaceId: otherId, name: "Vendas" });
    otherWorkspace = { id: otherId, adminToken: otherAdmin.token, userId: otherAdmin.id, teamId: otherTeam };
  }, 120_000);
  afterAll(async () => t?.close());

  run("every report answers administrators and supervisors with the workspace's numbers", async () => {
    for (const token of [t.token, supervisor.token]) {
      for (const report of ROUTES) {
        const answer = await t.apiAs<Record<string, unknown>>(token, "GET", `/api/v1/reports/${report}`);
        expect([report, answer.status]).toEqual([report, 200]);
      }
      const volume = await t.apiAs<Volume>(token, "GET", "/api/v1/reports/volume");
      expect(volume.body.totals).toEqual({ conversationsOpened: 2, conversationsResolved: 0, messagesIn: 2, messagesOut: 2 });
      const agents = await t.apiAs<Agents>(token, "GET", "/api/v1/reports/agents");
      const byId = new Map(agents.body.agents.map((a) => [a.userId, a]));
      expect(byId.get(agent.id)?.messagesSent).toBe(1);
      expect(byId.get(formulaAgent.id)?.messagesSent).toBe(1);
      expect(byId.get(agent.id)?.firstResponse.count).toBe(1);
      const drill = await t.apiAs<{ items: Array<{ conversationId: string }> }>(
        token,
        "GET",
        "/api/v1/reports/conversations?metric=opened",
      );
      expect(drill.status).toBe(200);
      expect(drill.body.items).toHaveLength(2);
    }
  });

  run("an agent sees their own numbers on the self-service reports: the same as the agent filter", async () => {
    // One explicit range for both requests: the default ("the last 30 days") could move between them at midnight.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const range = `from=${day(-3)}&to=${day(3)}`;
    for (const report of SELF_SERVICE) {
      const own = await t.apiAs<Record<string, unknown>>(agent.token, "GET", `/api/v1/reports/${report}?${range}`);
      const filtered = await t.apiAs<Record<string, unknown>>(t.token, "GET", `/api/v1/reports/${report}?${range}&agentId=${agent.id}`);
      expect([report, own.status]).toEqual([report, 200]);
      expect(own.body).toEqual(filtered.body);
    }
    const agents = await t.apiAs<Agents>(agent.token, "GET", "/api/v1/reports/agents");
    expect(agents.body.agents.map((a) => [a.userId, a.messagesSent])).toEqual([[agent.id, 1]]);
    // Naming oneself is allowed and changes nothing.
    const self = await t.apiAs<Agents>(agent.token, "GET", `/api/v1/reports/agents?agentId=${agent.id}`);
    expect(self.body).toEqual(agents.body);
    const volume = await t.apiAs<Volume>(agent.token, "GET", "/api/v1/reports/volume");
    expect(volume.body.totals.messagesOut).toBe(1);
  });

  run("an agent is refused a team, another agent, and the workspace-wide reports", async () => {
    const team = await t.apiAs<ErrorBody>(agent.token, "GET", `/api/v1/reports/volume?teamId=${teamId}`);
    expect([team.status, team.body.error.code, team.body.error.details?.field]).toEqual([403, "reports.forbidden", "teamId"]);
    const other = await t.apiAs<ErrorBody>(agent.token, "GET", `/api/v1/reports/speed?agentId=${formulaAgent.id}`);
    expect([other.status, other.body.error.code, other.body.error.details?.field]).toEqual([403, "reports.forbidden", "agentId"]);
    const drill = await t.apiAs<ErrorBody>(agent.token, "GET", `/api/v1/reports/conversations?metric=opened&agentId=${formulaAgent.id}`);
    expect([drill.status, drill.body.error.code]).toEqual([403, "reports.forbidden"]);
    for (const report of ["overview", "teams", "bot", "quality", "delivery", "cost"]) {
      const answer = await t.apiAs<ErrorBody>(agent.token, "GET", `/api/v1/reports/${report}`);
      expect([report, answer.status, answer.body.error.code]).toEqual([report, 403, "auth.forbidden"]);
    }
  });

  run("format=csv downloads the report's table with a header row and a defused formula", async () => {
    const volume = await raw(t.token, "/api/v1/reports/volume?from=2026-01-01&to=2026-01-03&timeZone=UTC&format=csv");
    expect(volume.status).toBe(200);
    expect(volume.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(volume.headers.get("content-disposition")).toBe('attachment; filename="papo-volume-2026-01-01-2026-01-03.csv"');
    expect(await volume.text()).toBe(
      "bucket,start,conversationsOpened,conversationsResolved,messagesIn,messagesOut\r\n" +
        "2026-01-01,2026-01-01T00:00:00.000Z,0,0,0,0\r\n" +
        "2026-01-02,2026-01-02T00:00:00.000Z,0,0,0,0\r\n" +
        "2026-01-03,2026-01-03T00:00:00.000Z,0,0,0,0\r\n",
    );

    const agents = await raw(t.token, "/api/v1/reports/agents?format=csv");
    const lines = (await agents.text()).split("\r\n");
    expect(lines[0]?.startsWith("userId,name,role,active,conversationsHandled,")).toBe(true);
    const formulaLine = lines.find((line) => line.startsWith(formulaAgent.id));
    expect(formulaLine?.split(",").slice(0, 4)).toEqual([formulaAgent.id, `"'=HYPERLINK(""http://evil"")"`, "agent", "true"]);
  });

  run("the OpenAPI document tags every report, offers CSV beside JSON, and keeps the drill-down JSON only", async () => {
    const doc = await t.api<{
      paths: Record<
        string,
        { get?: { tags?: string[]; description?: string; responses: Record<string, { content?: Record<string, unknown> }> } }
      >;
    }>("GET", "/api/openapi.json");
    for (const report of ROUTES) {
      const operation = doc.body.paths[`/api/v1/reports/${report}`]?.get;
      expect([report, operation?.tags]).toEqual([report, ["reports"]]);
      expect(Object.keys(operation?.responses["200"]?.content ?? {}).sort()).toEqual(["application/json", "text/csv"]);
      expect(operation?.description).toContain("docs/metrics.md");
    }
    const drill = doc.body.paths["/api/v1/reports/conversations"]?.get;
    expect(Object.keys(drill?.responses["200"]?.content ?? {})).toEqual(["application/json"]);
  });

  run("a bad query answers 400 reports.invalid_query naming the field", async () => {
    const cases: Array<[string, string]> = [
      ["/api/v1/reports/volume?from=2026-02-30", "from"],
      ["/api/v1/reports/volume?from=yesterday", "from"],
      ["/api/v1/reports/speed?from=2026-03-10&to=2026-03-01", "to"],
      ["/api/v1/reports/agents?granularity=year", "granularity"],
      ["/api/v1/reports/delivery?timeZone=Mars/Olympus", "timeZone"],
      ["/api/v1/reports/cost?channelId=not-a-uuid", "channelId"],
      ["/api/v1/reports/volume?format=xlsx", "format"],
      ["/api/v1/reports/volume?granularity=hour&from=2026-01-01&to=2026-03-01", "from"],
      ["/api/v1/reports/conversations", "metric"],
      ["/api/v1/reports/conversations?metric=opened&limit=0", "limit"],
    ];
    for (const [path, field] of cases) {
      const answer = await t.api<ErrorBody>("GET", path);
      expect([path, answer.status, answer.body.error.code, answer.body.error.details?.field]).toEqual([
        path,
        400,
        "reports.invalid_query",
        field,
      ]);
      expect(answer.body.error.message.startsWith(`${field}: `)).toBe(true);
    }
  });

  run("another workspace's ids match nothing, its team is not found, and its administrator sees none of this one", async () => {
    const channel = await t.api<Volume>("GET", `/api/v1/reports/volume?channelId=${randomUUID()}`);
    expect(channel.body.totals).toEqual({ conversationsOpened: 0, conversationsResolved: 0, messagesIn: 0, messagesOut: 0 });
    const foreignAgent = await t.api<Agents>("GET", `/api/v1/reports/agents?agentId=${otherWorkspace.userId}`);
    expect(foreignAgent.body.agents).toEqual([]);
    const foreignTeam = await t.api<ErrorBody>("GET", `/api/v1/reports/volume?teamId=${otherWorkspace.teamId}`);
    expect([foreignTeam.status, foreignTeam.body.error.code]).toEqual([404, "teams.not_found"]);

    const theirs = await t.apiAs<Volume>(otherWorkspace.adminToken, "GET", "/api/v1/reports/volume");
    expect(theirs.body.totals).toEqual({ conversationsOpened: 0, conversationsResolved: 0, messagesIn: 0, messagesOut: 0 });
    const ourTeam = await t.apiAs<ErrorBody>(otherWorkspace.adminToken, "GET", `/api/v1/reports/volume?teamId=${teamId}`);
    expect([ourTeam.status, ourTeam.body.error.code]).toEqual([404, "teams.not_found"]);
    const ourAgent = await t.apiAs<Agents>(otherWorkspace.adminToken, "GET", `/api/v1/reports/agents?agentId=${agent.id}`);
    expect(ourAgent.body.agents).toEqual([]);
    const drill = await t.apiAs<{ items: unknown[] }>(otherWorkspace.adminToken, "GET", "/api/v1/reports/conversations?metric=opened");
    expect(drill.body.items).toEqual([]);
  });
});
