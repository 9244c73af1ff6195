import { z } from "zod";
import { userRoles } from "../../db/schema/users.ts";
import { permissionGrants, userPermissionFields } from "../access/schemas.ts";
import { MIN_PASSWORD_LENGTH } from "./users-service.ts";

export const userSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(userRoles),
  active: z.boolean().describe("false once deactivated: login and existing tokens are refused"),
  ...userPermissionFields,
});

const name = z.string().trim().min(1).max(120);
const role = z.enum(userRoles);
// The length rule is checked by the service (`users.weak_password`), so the console can say what a strong password is.
const password = z.string().max(1024).describe(`At least ${MIN_PASSWORD_LENGTH} characters; write-only`);

export const createUserBody = z.object({
  name,
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()).describe("The login; trimmed and lower-cased, unique across the server"),
  role,
  password,
  permissions: permissionGrants.optional(),
});

export const updateUserBody = z
  .object({
    name,
    role,
    active: z.boolean().describe("false deactivates the user (login and tokens refused at once); true reactivates"),
    password: password.describe(`A new password (reset); at least ${MIN_PASSWORD_LENGTH} characters`),
    permissions: permissionGrants,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "send at least one of name, role, active, password, permissions");
