import type { FieldCipher } from "../../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../../db/client.ts";
import type { UserRole } from "../../../db/schema/users.ts";
import { AppError } from "../../../http/errors.ts";
import { createSsoRepo } from "./repo.ts";

/**
 * "SSO required": a workspace that turned it on refuses password logins of everyone but its administrators, who keep
 * the password as a way in when the identity provider is down. Checked after a correct password, so the answer tells
 * nothing to someone who does not know it.
 */
export async function assertPasswordLoginAllowed({
  db,
  cipher,
  user,
}: {
  db: DbOrTx;
  cipher: FieldCipher;
  user: { workspaceId: string; role: UserRole };
}): Promise<void> {
  if (user.role === "admin") return;
  if (await createSsoRepo({ db, cipher }).requiresSso(user.workspaceId))
    throw new AppError({
      code: "auth.sso_required",
      status: 403,
      message: "This workspace signs in through single sign-on: use “Sign in with SSO”",
    });
}
