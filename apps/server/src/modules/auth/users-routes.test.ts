import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../../context.ts";
import type { UserRole } from "../../db/schema/users.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { AppError } from "../../http/errors.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { hashPassword } from "./passwords.ts";
import { createUsersRepo } from "./repo.ts";
import { tokenFor } from "./sessions.test-utils.ts";
import { updateUser } from "./users-service.ts";

type ErrorBody = { error: { code: string; message: string; details?: { field?: string } } };
type User = { id: string; workspaceId: string; name: string; email: string; role: UserRole; active: boolean };
type Page<T> = { data: T[]; nextCursor: string | null };

const PASSWORD = "uma-senha-bem-forte";

describe.each(DATABASE_KINDS)("user management (%s)", (kind) => {
  let t: TestPapo;
  let workspaceId: string;
  let adminId: string;
  let agentToken: string;
  let supervisorToken: string;
  const run = it.skipIf(!isAvailable(kind));

  const as = async <T>(token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${t.papo.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  /** Creates a user through the API (as the harness admin) and signs a token for them without spending a login. */
  const newUser = async (role: UserRole, email = `${role}-${randomUUID().slice(0, 8)}@papo.test`) => {
    const created = await t.api<User>("POST", "/api/v1/users", { name: `Pessoa ${role}`, email, role, password: PASSWORD });
    expect(created.status).toBe(201);
    const token = await tokenFor(t.papo.deps, { userId: created.body.id, workspaceId });
    return { user: created.body, token };
  };
  /** A second workspace, with users inserted directly (a workspace has no API). */
  const otherWorkspace = async (roles: UserRole[]) => {
    const id = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id, name: "Outra empresa" });
    const repo = createUsersRepo({ db: t.papo.deps.database.db });
    const passwordHash = await hashPassword(PASSWORD);
    const members = [];
    for (const role of roles) {
      const user = await repo.insert({
        id: randomUUID(),
        workspaceId: id,
        name: role,
        email: `${randomUUID()}@outra.test`,
        passwordHash,
        role,
      });
      members.push({ user, token: await tokenFor(t.papo.deps, { userId: user.id, workspaceId: id }) });
    }
    return { id, members };
  };
  const login = (email: string, password: string) =>
    t.api<{ token: string; user: User } & ErrorBody>("POST", "/api/v1/auth/login", { email, password });

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const me = await t.api<User>("GET", "/api/v1/auth/me");
    workspaceId = me.body.workspaceId;
    adminId = me.body.id;
    agentToken = (await newUser("agent")).token;
    supervisorToken = (await newUser("supervisor")).token;
  });
  afterAll(async () => t?.close());

  run("when an admin creates a user, the e-mail is normalised, the user is listed and can log in", async () => {
    const created = await t.api<User>("POST", "/api/v1/users", {
      name: "  Bia Souza ",
      email: "  Bia.Souza@Papo.TEST ",
      role: "agent",
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      workspaceId,
      name: "Bia Souza",
      email: "bia.souza@papo.test",
      role: "agent",
      active: true,
      permissions: [],
      effectivePermissions: [],
    });
    const list = await as<Page<User>>(agentToken, "GET", "/api/v1/users");
    expect(list.status).toBe(200);
    expect(list.body.data.find((u) => u.id === created.body.id)).toEqual(created.body);
    const names = list.body.data.map((u) => u.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const session = await login("BIA.souza@papo.test", PASSWORD);
    expect(session.status).toBe(200);
    expect(session.body.user.id).toBe(created.body.id);
  });

  run("when the password is shorter than 12 characters, the answer is users.weak_password naming the field", async () => {
    const weak = await t.api<ErrorBody>("POST", "/api/v1/users", {
      name: "Curta",
      email: "curta@papo.test",
      role: "agent",
      password: "onze-caract",
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("users.weak_password");
    expect(weak.body.error.message).toMatch(/^password: /);
    expect(weak.body.error.details?.field).toBe("password");
    const list = await t.api<Page<User>>("GET", "/api/v1/users");
    expect(list.body.data.some((u) => u.email === "curta@papo.test")).toBe(false);
    // Twelve characters are enough, counted as characters: "ção" is three, not more.
    const ok = await t.api<User>("POST", "/api/v1/users", {
      name: "Doze",
      email: "doze@papo.test",
      role: "agent",
      password: "coração-ção!",
    });
    expect(ok.status).toBe(201);
  });

  run("when the input is malformed, the answer names the field", async () => {
    const badEmail = await t.api<ErrorBody>("POST", "/api/v1/users", {
      name: "X",
      email: "não-é-email",
      role: "agent",
      password: PASSWORD,
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.code).toBe("request.invalid");
    expect(badEmail.body.error.message).toMatch(/^body\.email: /);
    const badRole = await t.api<ErrorBody>("POST", "/api/v1/users", { name: "X", email: "x@papo.test", role: "owner", password: PASSWORD });
    expect(badRole.body.error.message).toMatch(/^body\.role: /);
    const noName = await t.api<ErrorBody>("POST", "/api/v1/users", { name: "  ", email: "x@papo.test", role: "agent", password: PASSWORD });
    expect(noName.body.error.message).toMatch(/^body\.name: /);
    const empty = await t.api<ErrorBody>("PATCH", `/api/v1/users/${adminId}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("request.invalid");
    const badActive = await t.api<ErrorBody>("PATCH", `/api/v1/users/${adminId}`, { active: "no" });
    expect(badActive.body.error.message).toMatch(/^body\.active: /);
    const badId = await t.api<ErrorBody>("PATCH", "/api/v1/users/not-a-uuid", { name: "X" });
    expect(badId.body.error.message).toMatch(/^params\.id: /);
    const weakReset = await t.api<ErrorBody>("PATCH", `/api/v1/users/${adminId}`, { password: "curta" });
    expect(weakReset.status).toBe(400);
    expect(weakReset.body.error.code).toBe("users.weak_password");
  });

  run("when the e-mail is already used (in any case or spacing), the answer is 409 users.email_taken", async () => {
    await newUser("agent", "repetido@papo.test");
    const again = await t.api<ErrorBody>("POST", "/api/v1/users", {
      name: "Outra",
      email: " REPETIDO@papo.test",
      role: "agent",
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("users.email_taken");
    expect(again.body.error.message).toMatch(/^email: /);
  });

  run("when an agent or a supervisor tries to create or change a user, the answer is 403 auth.forbidden and nothing changes", async () => {
    const target = await newUser("agent");
    for (const token of [agentToken, supervisorToken]) {
      const create = await as<ErrorBody>(token, "POST", "/api/v1/users", {
        name: "N",
        email: `${randomUUID()}@papo.test`,
        role: "admin",
        password: PASSWORD,
      });
      expect(create.status).toBe(403);
      expect(create.body.error.code).toBe("auth.forbidden");
      const update = await as<ErrorBody>(token, "PATCH", `/api/v1/users/${target.user.id}`, { role: "admin" });
      expect(update.status).toBe(403);
      expect(update.body.error.code).toBe("auth.forbidden");
      expect((await as<Page<User>>(token, "GET", "/api/v1/users")).status).toBe(200);
    }
    const list = await t.api<Page<User>>("GET", "/api/v1/users");
    expect(list.body.data.find((u) => u.id === target.user.id)?.role).toBe("agent");
  });

  run("when an admin renames, promotes and resets a password, the user logs in only with the new password", async () => {
    const { user } = await newUser("agent");
    const updated = await t.api<User>("PATCH", `/api/v1/users/${user.id}`, { name: "Nome Novo", role: "supervisor" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: user.id, name: "Nome Novo", role: "supervisor", active: true, email: user.email });

    const reset = await t.api<User>("PATCH", `/api/v1/users/${user.id}`, { password: "uma-senha-totalmente-nova" });
    expect(reset.status).toBe(200);
    expect(reset.body).not.toHaveProperty("password");
    expect((await login(user.email, PASSWORD)).status).toBe(401);
    const fresh = await login(user.email, "uma-senha-totalmente-nova");
    expect(fresh.status).toBe(200);
    expect(fresh.body.user.role).toBe("supervisor");
  });

  run(
    "when a user is deactivated, their token is refused at once, the stream closes 4401 and login fails like a wrong password; reactivating lets them log in again (old sessions stay ended)",
    async () => {
      const { user, token } = await newUser("agent");
      expect((await as(token, "GET", "/api/v1/conversations")).status).toBe(200);

      const off = await t.api<User>("PATCH", `/api/v1/users/${user.id}`, { active: false });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      const refused = await as<ErrorBody>(token, "GET", "/api/v1/conversations");
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe("auth.invalid_token");
      expect((await as(token, "GET", "/api/v1/users")).status).toBe(401);

      expect(await t.openStream(token).closed).toBe(4401);

      const deactivatedLogin = await login(user.email, PASSWORD);
      const wrongPassword = await login(user.email, "não-é-a-senha-certa");
      expect(deactivatedLogin.status).toBe(401);
      expect(deactivatedLogin.body).toEqual(wrongPassword.body);
      expect(deactivatedLogin.body.error.code).toBe("auth.invalid_credentials");
      expect((await t.api<Page<User>>("GET", "/api/v1/users")).body.data.find((u) => u.id === user.id)?.active).toBe(false);

      const on = await t.api<User>("PATCH", `/api/v1/users/${user.id}`, { active: true });
      expect(on.body.active).toBe(true);
      // Deactivation ended the user's sessions: a token from before stays refused, a new login works.
      expect((await as(token, "GET", "/api/v1/conversations")).status).toBe(401);
      const again = await login(user.email, PASSWORD);
      expect(again.status).toBe(200);
      expect((await as(again.body.token, "GET", "/api/v1/conversations")).status).toBe(200);
    },
  );

  run("when an admin is demoted, their old token (still saying admin) is refused for admin routes", async () => {
    const other = await newUser("admin");
    expect((await as<User>(other.token, "PATCH", `/api/v1/users/${other.user.id}`, { name: "Ainda admin" })).status).toBe(200);
    expect((await t.api<User>("PATCH", `/api/v1/users/${other.user.id}`, { role: "agent" })).body.role).toBe("agent");

    const create = await as<ErrorBody>(other.token, "POST", "/api/v1/users", {
      name: "N",
      email: "n@papo.test",
      role: "agent",
      password: PASSWORD,
    });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe("auth.forbidden");
    const me = await as<User>(other.token, "GET", "/api/v1/auth/me");
    expect(me.body.role).toBe("agent");
  });

  run("when an admin tries to deactivate or demote themselves, the answer is 409 users.cannot_change_self; renaming is fine", async () => {
    for (const change of [{ active: false }, { role: "supervisor" }, { role: "agent", name: "Eu" }]) {
      const refused = await t.api<ErrorBody>("PATCH", `/api/v1/users/${adminId}`, change);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("users.cannot_change_self");
    }
    const renamed = await t.api<User>("PATCH", `/api/v1/users/${adminId}`, { name: "Admin Renomeado", role: "admin", active: true });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Admin Renomeado", role: "admin", active: true });
  });

  run("when a change would leave the workspace without an active admin, it is refused with users.last_admin", async () => {
    const ws = await otherWorkspace(["admin", "agent"]);
    const [admin] = ws.members;
    if (!admin) throw new Error("no admin");
    const deps = { db: t.papo.deps.database.db, clock: t.papo.deps.clock };
    // A caller other than the admin (a system task) is the path where the self rule does not apply.
    for (const update of [{ active: false }, { role: "agent" as const }]) {
      const error = await updateUser({ ...deps, ctx: systemContext(ws.id, "test"), id: admin.user.id, update }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("users.last_admin");
      expect((error as AppError).status).toBe(409);
    }
    // With a second active admin, the first may go.
    const agent = ws.members[1];
    if (!agent) throw new Error("no agent");
    await updateUser({ ...deps, ctx: systemContext(ws.id, "test"), id: agent.user.id, update: { role: "admin" } });
    const demoted = await updateUser({ ...deps, ctx: systemContext(ws.id, "test"), id: admin.user.id, update: { role: "agent" } });
    expect(demoted.role).toBe("agent");
  });

  run("when two admins demote each other at the same moment, exactly one succeeds and one active admin remains", async () => {
    const ws = await otherWorkspace(["admin", "admin"]);
    const [a, b] = ws.members;
    if (!a || !b) throw new Error("no admins");
    const results = await Promise.all([
      as<ErrorBody>(a.token, "PATCH", `/api/v1/users/${b.user.id}`, { role: "agent" }),
      as<ErrorBody>(b.token, "PATCH", `/api/v1/users/${a.user.id}`, { role: "agent" }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    // The loser either saw the winner's commit at its token check (403) or waited on the lock (409 users.last_admin).
    expect([403, 409]).toContain(statuses[1]);
    const list = await as<Page<User>>(results[0]?.status === 200 ? a.token : b.token, "GET", "/api/v1/users");
    expect(list.body.data.filter((u) => u.role === "admin" && u.active)).toHaveLength(1);
  });

  run("when an admin names a user of another workspace, the answer is 404 and that user is untouched", async () => {
    const ws = await otherWorkspace(["agent"]);
    const [stranger] = ws.members;
    if (!stranger) throw new Error("no user");
    const patch = await t.api<ErrorBody>("PATCH", `/api/v1/users/${stranger.user.id}`, { active: false });
    expect(patch.status).toBe(404);
    expect(patch.body.error.code).toBe("users.not_found");
    expect((await t.api<Page<User>>("GET", "/api/v1/users")).body.data.some((u) => u.id === stranger.user.id)).toBe(false);
    expect((await as(stranger.token, "GET", "/api/v1/conversations")).status).toBe(200);
  });

  run("when the OpenAPI document is fetched, it describes the user routes with their bodies", async () => {
    const doc = (await (await fetch(`${t.papo.url}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { tags?: string[]; requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>
      >;
    };
    const create = doc.paths["/api/v1/users"]?.post;
    const update = doc.paths["/api/v1/users/{id}"]?.patch;
    expect(create?.tags).toEqual(["users"]);
    expect(Object.keys(create?.requestBody?.content["application/json"]?.schema.properties ?? {}).sort()).toEqual([
      "email",
      "name",
      "password",
      "permissions",
      "role",
    ]);
    expect(Object.keys(update?.requestBody?.content["application/json"]?.schema.properties ?? {}).sort()).toEqual([
      "active",
      "name",
      "password",
      "permissions",
      "role",
    ]);
  });

  run("when a token's workspace claim does not match its user's workspace, it is refused", async () => {
    const forged = await t.papo.deps.tokens.sign({ userId: adminId, workspaceId: randomUUID(), role: "admin", sessionId: randomUUID() });
    expect((await as<ErrorBody>(forged, "GET", "/api/v1/users")).status).toBe(401);
  });
});
