import { randomBytes } from "node:crypto";
import { AppError } from "../../http/errors.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import type { createUsersRepo } from "./repo.ts";
import type { TokenService } from "./tokens.ts";

export interface PublicUser {
  id: string;
  workspaceId: string;
  name: string;
  email: string;
  role: string;
}

// Verifying against a real hash when the user does not exist keeps the response time from revealing which e-mails exist.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
};

export async function login({
  email,
  password,
  usersRepo,
  tokens,
}: {
  email: string;
  password: string;
  usersRepo: ReturnType<typeof createUsersRepo>;
  tokens: TokenService;
}): Promise<{ token: string; expiresIn: number; user: PublicUser }> {
  const user = await usersRepo.findByEmailForLogin(email);
  const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !ok || user.disabledAt) {
    throw new AppError({ code: "auth.invalid_credentials", status: 401, message: "E-mail or password is incorrect" });
  }
  const token = await tokens.sign({ userId: user.id, workspaceId: user.workspaceId, role: user.role });
  return {
    token,
    expiresIn: tokens.ttlSeconds,
    user: { id: user.id, workspaceId: user.workspaceId, name: user.name, email: user.email, role: user.role },
  };
}
