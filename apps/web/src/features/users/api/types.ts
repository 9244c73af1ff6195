import { apiPaths } from "../../../config/paths.ts";
import type { User } from "../../../lib/api-types.ts";

export const userRoles = ["admin", "supervisor", "agent"] as const;
export type UserRole = (typeof userRoles)[number];

/** A user as `GET/POST/PATCH /api/v1/users` return them (apps/server/src/modules/auth/users-schemas.ts). */
export interface ManagedUser extends User {
  role: UserRole;
  active: boolean;
}

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
}

/** The server's rule (`users.weak_password`), counted in characters. */
export const MIN_PASSWORD_LENGTH = 12;

export const isStrongEnough = (password: string) => [...password].length >= MIN_PASSWORD_LENGTH;

export const userPath = (userId: string) => `${apiPaths.users}/${encodeURIComponent(userId)}`;
