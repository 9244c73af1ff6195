import { randomBytes, randomUUID } from "node:crypto";
import { asc } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { hashPassword } from "../auth/passwords.ts";
import { createUsersRepo } from "../auth/repo.ts";

export interface BootstrapResult {
  workspaceId: string;
  admin: { email: string; created: boolean; generatedPassword?: string };
}

/**
 * Makes sure a first workspace and its admin exist. The admin comes from ADMIN_EMAIL/ADMIN_PASSWORD; without a
 * password one is generated and returned so start-up can print it once.
 */
export async function bootstrapWorkspace({
  db,
  adminEmail,
  adminPassword,
}: {
  db: Db;
  adminEmail: string;
  adminPassword?: string;
}): Promise<BootstrapResult> {
  let [workspace] = await db.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
  if (!workspace) {
    const id = randomUUID();
    await db.insert(workspaces).values({ id, name: "Papo" });
    workspace = { id, name: "Papo", timeZone: "America/Sao_Paulo", businessHours: null, createdAt: new Date() };
  }
  const repo = createUsersRepo({ db });
  if (await repo.findByEmailForLogin(adminEmail)) return { workspaceId: workspace.id, admin: { email: adminEmail, created: false } };
  const [anyUser] = await db.select({ id: users.id }).from(users).limit(1);
  if (anyUser && !adminPassword) return { workspaceId: workspace.id, admin: { email: adminEmail, created: false } };
  const password = adminPassword ?? randomBytes(12).toString("base64url");
  await repo.insert({
    id: randomUUID(),
    workspaceId: workspace.id,
    name: "Admin",
    email: adminEmail,
    passwordHash: await hashPassword(password),
    role: "admin",
  });
  return {
    workspaceId: workspace.id,
    admin: { email: adminEmail, created: true, ...(adminPassword ? {} : { generatedPassword: password }) },
  };
}
