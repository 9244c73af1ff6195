import { apiPaths } from "../../../config/paths.ts";
import type { User } from "../../../lib/api-types.ts";

export const userRoles = ["admin", "supervisor", "agent"] as const;
export type UserRole = (typeof userRoles)[number];

/** The closed list of permissions, in the server's order (apps/server/src/modules/access/permissions.ts). */
export const permissions = [
  "channels.manage",
  "channels.check",
  "users.manage",
  "conversations.see_all",
  "data.export",
  "data.erase",
  "reports.view",
  "templates.manage",
  "campaigns.manage",
  "canned_responses.manage",
  "knowledge_base.manage",
  "audit.view",
  "settings.manage",
] as const;
export type Permission = (typeof permissions)[number];

/** What each role has without any grant (the server's `ROLE_PERMISSIONS`): shown checked and fixed in the editor. */
export const rolePermissions: Record<UserRole, readonly Permission[]> = {
  admin: permissions,
  supervisor: [
    "channels.check",
    "conversations.see_all",
    "data.export",
    "reports.view",
    "templates.manage",
    "campaigns.manage",
    "canned_responses.manage",
    "knowledge_base.manage",
  ],
  agent: [],
};

/** A user as `GET/POST/PATCH /api/v1/users` return them (apps/server/src/modules/auth/users-schemas.ts). */
export interface ManagedUser extends User {
  role: UserRole;
  active: boolean;
  /** Granted beyond the role's defaults. */
  permissions?: Permission[];
  /** The role's defaults and the grants: what the user may do. */
  effectivePermissions?: Permission[];
}

/** What a user may do: the server's answer when it has one, else the role's defaults. */
export const effectivePermissionsOf = (user: Pick<ManagedUser, "role" | "permissions" | "effectivePermissions">): readonly Permission[] =>
  user.effectivePermissions ?? [...(rolePermissions[user.role] ?? []), ...(user.permissions ?? [])];

export interface CreateUserBody {
  name: string;
  email: string;
  role: UserRole;
  password: string;
}

export interface UpdateUserBody {
  name?: string;
  role?: UserRole;
  /** false deactivates (login and open sessions refused at once); true reactivates. */
  active?: boolean;
  /** A new password (reset). */
  password?: string;
  /** Replaces the grants beyond the role's defaults. */
  permissions?: Permission[];
}

/** The server's rule (`users.weak_password`), counted in characters. */
export const MIN_PASSWORD_LENGTH = 12;

export const isStrongEnough = (password: string) => [...password].length >= MIN_PASSWORD_LENGTH;

export const userPath = (userId: string) => `${apiPaths.users}/${encodeURIComponent(userId)}`;
