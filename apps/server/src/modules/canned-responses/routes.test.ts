import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/raw.ts";
import type { UserRole } from "../../db/schema/users.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type ErrorBody = { error: { code: string; message: string } };
type CannedResponse = { id: string; shortcut: string; title: string; body: string; createdAt: string; updatedAt: string };
type Page<T> = { data: T[]; nextCursor: string | null };

describe.each(DATABASE_KINDS)("canned responses (%s)", (kind) => {
  let t: TestPapo;
  let agentToken: string;
  let supervisorToken: string;
  let otherToken: string;
  const run = it.skipIf(!isAvailable(kind));

  const userToken = async (workspaceId: string, email: string, role: UserRole) => (await t.addUser({ workspaceId, email, role })).token;
  const as = <T>(token: string, method: string, path: string, body?: unknown) => t.apiAs<T>(token, method, path, body);
  const create = (body: { shortcut: string; title: string; body: string }) =>
    t.api<CannedResponse>("POST", "/api/v1/canned-responses", body);
  const list = async (q?: string) =>
    (await t.api<Page<CannedResponse>>("GET", `/api/v1/canned-responses${q === undefined ? "" : `?q=${encodeURIComponent(q)}`}`)).body.data;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const me = await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me");
    agentToken = await userToken(me.body.workspaceId, "agente@papo.test", "agent");
    supervisorToken = await userToken(me.body.workspaceId, "supervisora@papo.test", "supervisor");
    const otherWorkspace = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: otherWorkspace, name: "Outra empresa" });
    otherToken = await userToken(otherWorkspace, "admin@outra.test", "admin");
  });
  afterAll(async () => t?.close());

  run("when an admin creates a response, it is listed by shortcut with its body", async () => {
    const created = await create({ shortcut: "entrega", title: "Prazo de entrega", body: "Seu pedido chega em até 3 dias úteis." });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ shortcut: "entrega", title: "Prazo de entrega", body: "Seu pedido chega em até 3 dias úteis." });
    await create({ shortcut: "boas-vindas", title: "Saudação", body: "Olá! Como posso ajudar?" });

    expect((await list()).map((r) => r.shortcut)).toEqual(["boas-vindas", "entrega"]);
  });

  run("when the body is stored, the raw column holds ciphertext, not the text", async () => {
    const created = await create({ shortcut: "segredo", title: "Cupom", body: "Use o cupom PAPO10 na próxima compra" });
    const [row] = await queryRows<{ body_enc: string }>(
      t.papo.deps.database.db,
      sql`select body_enc from canned_responses where id = ${created.body.id}`,
    );
    expect(row?.body_enc.startsWith("pe1:")).toBe(true);
    expect(row?.body_enc).not.toContain("PAPO10");
  });

  run("when searching, shortcut, title and body match ignoring case and accents", async () => {
    await create({ shortcut: "promo", title: "Promoção de Natal", body: "Descontos de até 50%." });
    expect((await list("PROMOCAO")).map((r) => r.shortcut)).toEqual(["promo"]);
    expect((await list("uteis")).map((r) => r.shortcut)).toEqual(["entrega"]);
    expect((await list("/entr")).map((r) => r.shortcut)).toEqual(["entrega"]);
    expect((await list("saudacao")).map((r) => r.shortcut)).toEqual(["boas-vindas"]);
    expect(await list("nada-disso")).toEqual([]);
  });

  run("when a shortcut is already used, create and rename are 409 canned_responses.shortcut_taken", async () => {
    const again = await t.api<ErrorBody>("POST", "/api/v1/canned-responses", { shortcut: "entrega", title: "Outra", body: "x" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("canned_responses.shortcut_taken");
    expect(again.body.error.message).toContain("shortcut");

    const other = await create({ shortcut: "troca", title: "Troca", body: "Trocas em 7 dias." });
    const rename = await t.api<ErrorBody>("PATCH", `/api/v1/canned-responses/${other.body.id}`, { shortcut: "entrega" });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe("canned_responses.shortcut_taken");
  });

  run("when a field is invalid, the 400 names it", async () => {
    for (const [body, field] of [
      [{ shortcut: "Entrega Já", title: "t", body: "b" }, "body.shortcut"],
      [{ shortcut: "x".repeat(33), title: "t", body: "b" }, "body.shortcut"],
      [{ shortcut: "ok", title: "", body: "b" }, "body.title"],
      [{ shortcut: "ok", title: "t" }, "body.body"],
    ] as const) {
      const response = await t.api<ErrorBody>("POST", "/api/v1/canned-responses", body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("request.invalid");
      expect(response.body.error.message).toContain(field);
    }
  });

  run("when a response is patched and deleted, the change shows and then it is gone", async () => {
    const created = await create({ shortcut: "horario", title: "Horário", body: "Das 9h às 18h." });
    const patched = await t.api<CannedResponse>("PATCH", `/api/v1/canned-responses/${created.body.id}`, { body: "Das 8h às 20h." });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ shortcut: "horario", title: "Horário", body: "Das 8h às 20h." });
    expect((await list("horario"))[0]?.body).toBe("Das 8h às 20h.");

    expect((await t.api("DELETE", `/api/v1/canned-responses/${created.body.id}`)).status).toBe(204);
    expect(await list("horario")).toEqual([]);
    const gone = await t.api<ErrorBody>("DELETE", `/api/v1/canned-responses/${created.body.id}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, "canned_responses.not_found"]);
  });

  run("when an agent reads, it may; when an agent writes, it is 403 auth.forbidden; a supervisor may write", async () => {
    expect((await as<Page<CannedResponse>>(agentToken, "GET", "/api/v1/canned-responses")).body.data.length).toBeGreaterThan(0);
    const denied = await as<ErrorBody>(agentToken, "POST", "/api/v1/canned-responses", { shortcut: "agente", title: "t", body: "b" });
    expect([denied.status, denied.body.error.code]).toEqual([403, "auth.forbidden"]);
    const [first] = await list();
    if (!first) throw new Error("no canned response");
    expect((await as<ErrorBody>(agentToken, "PATCH", `/api/v1/canned-responses/${first.id}`, { title: "x" })).status).toBe(403);
    expect((await as<ErrorBody>(agentToken, "DELETE", `/api/v1/canned-responses/${first.id}`)).status).toBe(403);

    const bySupervisor = await as<CannedResponse>(supervisorToken, "POST", "/api/v1/canned-responses", {
      shortcut: "supervisao",
      title: "t",
      body: "b",
    });
    expect(bySupervisor.status).toBe(201);
  });

  run("when another workspace lists, patches or deletes, it sees and touches none of this workspace's", async () => {
    const [first] = await list();
    if (!first) throw new Error("no canned response");
    expect((await as<Page<CannedResponse>>(otherToken, "GET", "/api/v1/canned-responses")).body.data).toEqual([]);
    expect((await as<ErrorBody>(otherToken, "PATCH", `/api/v1/canned-responses/${first.id}`, { title: "intruso" })).status).toBe(404);
    expect((await as<ErrorBody>(otherToken, "DELETE", `/api/v1/canned-responses/${first.id}`)).status).toBe(404);
    // The same shortcut is free in another workspace.
    expect((await as(otherToken, "POST", "/api/v1/canned-responses", { shortcut: first.shortcut, title: "t", body: "b" })).status).toBe(
      201,
    );
    expect((await list()).find((r) => r.id === first.id)?.title).toBe(first.title);
  });
  run("when a response is created, edited or deleted, live consoles of the workspace are told which one, and others are not", async () => {
    const connect = (token: string) => t.openStream<{ type: string; cannedResponseId?: string }>(token);
    const mine = connect(agentToken);
    const theirs = connect(otherToken);
    await eventually(() => mine.frames.some((f) => f.type === "ready") && theirs.frames.some((f) => f.type === "ready"), "ready frames");
    const changes = () => mine.frames.filter((f) => f.type === "canned_response.changed");

    const created = await create({ shortcut: "ao-vivo", title: "Ao vivo", body: "Oi!" });
    await eventually(() => changes().length === 1, "the change after create");
    await t.api("PATCH", `/api/v1/canned-responses/${created.body.id}`, { title: "Ao vivo!" });
    await eventually(() => changes().length === 2, "the change after update");
    await t.api("DELETE", `/api/v1/canned-responses/${created.body.id}`);
    await eventually(() => changes().length === 3, "the change after delete");

    expect(changes()).toEqual([0, 1, 2].map(() => ({ type: "canned_response.changed", cannedResponseId: created.body.id })));
    expect(theirs.frames.filter((f) => f.type === "canned_response.changed")).toEqual([]);
    mine.ws.close();
    theirs.ws.close();
  });
});
