import { z } from "zod";
import { PERMISSIONS } from "./permissions.ts";

const permission = z.enum(PERMISSIONS);

/** A user's grants as the API takes them: any of the closed list, at most once each (repeats are dropped). */
export const permissionGrants = z
  .array(permission)
  .max(PERMISSIONS.length * 2)
  .describe(`Permissions granted beyond the role's defaults; replaces the previous grants. One of: ${PERMISSIONS.join(", ")}`);

export const userPermissionFields = {
  permissions: z.array(permission).describe("Permissions granted to this user beyond the role's defaults"),
  effectivePermissions: z.array(permission).describe("What the user may do: the role's defaults and the grants"),
};
