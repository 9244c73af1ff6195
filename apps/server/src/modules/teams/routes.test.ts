import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "../../db/schema/users.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type ErrorBody = { error: { code: string; message: string; details?: { field?: string; id?: string } } };
type Team = { id: string; name: string; memberIds: string[]; createdAt: string };
type AuditPage = { data: Array<{ action: string; target: { type: string; id: string } | null; details: Record<string, unknown> }> };

describe.each(DATABASE_KINDS)("teams (%s)", (kind) => {
  let t: TestPapo;
  let workspaceId: string;
  let ana: { id: string; token: string };
  let bruno: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let outsider: { id: string; token: string };
  const run = it.skipIf(!isAvailable(kind));

  const addUser = (ws: string, email: string, role: UserRole) => t.addUser({ workspaceId: ws, email, role, name: email.split("@")[0] });
  const create = (body: unknown, token = t.token) => t.apiAs<Team & ErrorBody>(token, "POST", "/api/v1/teams", body);
  const list = async (token = t.token) => (await t.apiAs<Team[]>(token, "GET", "/api/v1/teams")).body;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    workspaceId = (await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me")).body.workspaceId;
    ana = await addUser(workspaceId, "ana@papo.test", "agent");
    bruno = await addUser(workspaceId, "bruno@papo.test", "agent");
    supervisor = await addUser(workspaceId, "sara@papo.test", "supervisor");
    const otherWorkspace = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWorkspace, name: "Outra empresa" });
    outsider = await addUser(otherWorkspace, "admin@outra.test", "admin");
  });
  afterAll(async () => t?.close());

  run("when an admin creates teams, they are listed by name with their members sorted and duplicates once", async () => {
    const vendas = await create({ name: "  Vendas  ", memberIds: [bruno.id, ana.id, ana.id] });
    expect(vendas.status).toBe(201);
    expect(vendas.body).toMatchObject({ name: "Vendas", memberIds: [ana.id, bruno.id].sort() });
    const suporte = await create({ name: "Atendimento" });
    expect(suporte.status).toBe(201);
    expect(suporte.body.memberIds).toEqual([]);

    const listed = await list(ana.token);
    expect(listed.map((team) => [team.name, team.memberIds])).toEqual([
      ["Atendimento", []],
      ["Vendas", [ana.id, bruno.id].sort()],
    ]);
    expect(listed[1]).toEqual(vendas.body);
  });

  run("when a name is taken, create and rename are 409 teams.name_taken", async () => {
    const again = await create({ name: "Vendas" });
    expect([again.status, again.body.error.code]).toEqual([409, "teams.name_taken"]);
    expect(again.body.error.message).toContain("name");
    const other = await create({ name: "Pós-venda" });
    const rename = await t.api<ErrorBody>("PATCH", `/api/v1/teams/${other.body.id}`, { name: "Vendas" });
    expect([rename.status, rename.body.error.code]).toEqual([409, "teams.name_taken"]);
    // Another workspace may use the same name.
    expect((await create({ name: "Vendas" }, outsider.token)).status).toBe(201);
  });

  run("when a member is not a user of the workspace, the 400 teams.invalid_member names the id", async () => {
    const stranger = randomUUID();
    const unknown = await create({ name: "Fantasma", memberIds: [ana.id, stranger] });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, "teams.invalid_member"]);
    expect(unknown.body.error.message).toContain(stranger);
    expect(unknown.body.error.details).toEqual({ field: "memberIds", id: stranger });
    const foreign = await create({ name: "Fantasma", memberIds: [outsider.id] });
    expect([foreign.status, foreign.body.error.details?.id]).toEqual([400, outsider.id]);
    expect((await list()).map((team) => team.name)).not.toContain("Fantasma");
  });

  run("when a field is invalid, the 400 request.invalid names it", async () => {
    for (const [body, field] of [
      [{ name: "   " }, "body.name"],
      [{ name: "x".repeat(61) }, "body.name"],
      [{ name: "Ok", memberIds: ["nao-e-uuid"] }, "body.memberIds"],
      [{}, "body.name"],
    ] as const) {
      const response = await create(body);
      expect([response.status, response.body.error.code], field).toEqual([400, "request.invalid"]);
      expect(response.body.error.message).toContain(field);
    }
  });

  run("when a team is patched, the name changes and the member list is replaced; delete removes it", async () => {
    const created = await create({ name: "Cobrança", memberIds: [ana.id] });
    const renamed = await t.api<Team>("PATCH", `/api/v1/teams/${created.body.id}`, { name: "Financeiro" });
    expect(renamed.body).toMatchObject({ id: created.body.id, name: "Financeiro", memberIds: [ana.id], createdAt: created.body.createdAt });
    const replaced = await t.api<Team>("PATCH", `/api/v1/teams/${created.body.id}`, { memberIds: [bruno.id, supervisor.id] });
    expect(replaced.body.memberIds).toEqual([bruno.id, supervisor.id].sort());
    const emptied = await t.api<Team>("PATCH", `/api/v1/teams/${created.body.id}`, { memberIds: [] });
    expect(emptied.body).toMatchObject({ name: "Financeiro", memberIds: [] });

    expect((await t.api("DELETE", `/api/v1/teams/${created.body.id}`)).status).toBe(204);
    expect((await list()).map((team) => team.id)).not.toContain(created.body.id);
    for (const [method, body] of [
      ["PATCH", { name: "X" }],
      ["DELETE", undefined],
    ] as const) {
      const gone = await t.api<ErrorBody>(method, `/api/v1/teams/${created.body.id}`, body);
      expect([gone.status, gone.body.error.code]).toEqual([404, "teams.not_found"]);
    }
  });

  run("when an agent or a supervisor writes, it is 403 auth.forbidden; another workspace's team is 404", async () => {
    const [first] = await list();
    if (!first) throw new Error("no team");
    for (const token of [ana.token, supervisor.token]) {
      const denied = await create({ name: "Agentes" }, token);
      expect([denied.status, denied.body.error.code]).toEqual([403, "auth.forbidden"]);
      expect((await t.apiAs(token, "PATCH", `/api/v1/teams/${first.id}`, { name: "X" })).status).toBe(403);
      expect((await t.apiAs(token, "DELETE", `/api/v1/teams/${first.id}`)).status).toBe(403);
    }
    const foreign = await t.apiAs<ErrorBody>(outsider.token, "PATCH", `/api/v1/teams/${first.id}`, { name: "Invasão" });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "teams.not_found"]);
    expect((await t.apiAs(outsider.token, "DELETE", `/api/v1/teams/${first.id}`)).status).toBe(404);
    expect((await list(outsider.token)).map((team) => team.name)).toEqual(["Vendas"]);
    expect((await list()).find((team) => team.id === first.id)?.name).toBe(first.name);
  });

  run("when teams change, the audit log records team.created, team.updated and team.deleted", async () => {
    const created = await create({ name: "Auditada", memberIds: [ana.id] });
    await t.api("PATCH", `/api/v1/teams/${created.body.id}`, { name: "Auditada 2", memberIds: [bruno.id] });
    await t.api("DELETE", `/api/v1/teams/${created.body.id}`);
    const audit = await t.api<AuditPage>("GET", "/api/v1/audit-events?limit=100");
    const mine = audit.body.data.filter((e) => e.target?.type === "team" && e.target.id === created.body.id);
    expect(mine.map((e) => e.action).sort()).toEqual(["team.created", "team.deleted", "team.updated"]);
    expect(mine.find((e) => e.action === "team.updated")?.details).toEqual({
      name: { from: "Auditada", to: "Auditada 2" },
      memberIds: { from: [ana.id], to: [bruno.id] },
    });
  });
});
