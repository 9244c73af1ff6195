import type { AuditJson } from "./chain.ts";
import type { AuditEventInput, AuditTrail } from "./trail.ts";

/** The parts of a user the audit log follows. */
interface UserState {
  id: string;
  name: string;
  email: string;
  role: string;
  disabledAt: Date | null;
  permissions: readonly unknown[] | null;
  passwordHash?: string;
}

type Source = Pick<AuditEventInput, "workspaceId" | "actor" | "ip">;

const grants = (u: UserState): string[] => [...(u.permissions ?? [])].map(String).sort();

/** `user.created`: role and grants in clear, name and e-mail in the encrypted part. */
export function recordUserCreated({ audit, source, user }: { audit: AuditTrail; source: Source; user: UserState }) {
  return audit.record({
    ...source,
    action: "user.created",
    target: { type: "user", id: user.id },
    details: { role: user.role, permissions: grants(user) },
    personal: { name: user.name, email: user.email },
  });
}

/**
 * `user.updated` with what changed: role, active and permissions as `{ from, to }` (clear), the name's before and after
 * in the encrypted part, and `password` named without any value. Nothing changed, nothing recorded.
 */
export async function recordUserUpdated({
  audit,
  source,
  before,
  after,
  passwordReset,
}: {
  audit: AuditTrail;
  source: Source;
  before: UserState;
  after: UserState;
  passwordReset: boolean;
}): Promise<void> {
  const changes: Record<string, AuditJson> = {};
  if (before.role !== after.role) changes.role = { from: before.role, to: after.role };
  if ((before.disabledAt === null) !== (after.disabledAt === null))
    changes.active = { from: before.disabledAt === null, to: after.disabledAt === null };
  const [was, is] = [grants(before), grants(after)];
  if (was.join() !== is.join()) changes.permissions = { from: was, to: is };
  const personal: Record<string, AuditJson> = {};
  if (before.name !== after.name) personal.name = { from: before.name, to: after.name };
  const fields = [...Object.keys(changes), ...(personal.name ? ["name"] : []), ...(passwordReset ? ["password"] : [])].sort();
  if (fields.length === 0) return;
  await audit.record({
    ...source,
    action: "user.updated",
    target: { type: "user", id: after.id },
    details: { fields, ...changes },
    personal,
  });
}
