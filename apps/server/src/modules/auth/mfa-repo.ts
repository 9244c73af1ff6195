import { randomUUID } from "node:crypto";
import { and, count, eq, isNull, lt, or } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { authRecoveryCodes } from "../../db/schema/auth-recovery-codes.ts";
import { authWorkspaceSettings } from "../../db/schema/auth-workspace-settings.ts";
import { users } from "../../db/schema/users.ts";
import { normaliseRecoveryCode } from "./totp.ts";

/** A user's two-factor state. `secret` is the pending one while `enabledAt` is null. */
export interface MfaState {
  secret: string | null;
  enabledAt: Date | null;
  lastCounter: number | null;
}

/** Two-factor data: the TOTP secret (encrypted), the replay guard, recovery codes (keyed HMACs), the workspace policy. */
export function createMfaRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const secretPlace = (workspaceId: string, userId: string) => ({ workspaceId, table: "users", column: "totp_secret", rowId: userId });
  const codeHash = (workspaceId: string, userId: string, code: string) =>
    cipher.blindIndex({ workspaceId, purpose: "recovery-code", value: `${userId}:${normaliseRecoveryCode(code)}` });
  const byUser = (workspaceId: string, userId: string) => and(eq(users.workspaceId, workspaceId), eq(users.id, userId));

  return {
    async state(workspaceId: string, userId: string): Promise<MfaState | undefined> {
      const [row] = await db
        .select({ secretEnc: users.totpSecretEnc, enabledAt: users.totpEnabledAt, lastCounter: users.totpLastCounter })
        .from(users)
        .where(byUser(workspaceId, userId));
      if (!row) return undefined;
      return {
        secret: row.secretEnc === null ? null : cipher.decrypt(secretPlace(workspaceId, userId), row.secretEnc),
        enabledAt: row.enabledAt,
        lastCounter: row.lastCounter,
      };
    },
    /** Stores a new pending secret (replacing an earlier unfinished setup). */
    async setPendingSecret(workspaceId: string, userId: string, secret: string): Promise<void> {
      await db
        .update(users)
        .set({ totpSecretEnc: cipher.encrypt(secretPlace(workspaceId, userId), secret), totpEnabledAt: null, totpLastCounter: null })
        .where(and(byUser(workspaceId, userId), isNull(users.totpEnabledAt)));
    },
    /**
     * Accepts a TOTP time step once: true only if it is newer than the last accepted one (the same code, or an older
     * one still inside the drift window, is refused). Atomic, so two simultaneous uses of one code cannot both pass.
     */
    async consumeCounter(workspaceId: string, userId: string, counter: number): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ totpLastCounter: counter })
        .where(and(byUser(workspaceId, userId), or(isNull(users.totpLastCounter), lt(users.totpLastCounter, counter))))
        .returning({ id: users.id });
      return rows.length > 0;
    },
    async markEnabled(workspaceId: string, userId: string, at: Date): Promise<void> {
      await db.update(users).set({ totpEnabledAt: at }).where(byUser(workspaceId, userId));
    },
    async disable(workspaceId: string, userId: string): Promise<void> {
      await db.update(users).set({ totpSecretEnc: null, totpEnabledAt: null, totpLastCounter: null }).where(byUser(workspaceId, userId));
      await db.delete(authRecoveryCodes).where(and(eq(authRecoveryCodes.workspaceId, workspaceId), eq(authRecoveryCodes.userId, userId)));
    },
    /** Replaces the user's recovery codes. */
    async replaceRecoveryCodes(workspaceId: string, userId: string, codes: string[], at: Date): Promise<void> {
      await db.delete(authRecoveryCodes).where(and(eq(authRecoveryCodes.workspaceId, workspaceId), eq(authRecoveryCodes.userId, userId)));
      await db
        .insert(authRecoveryCodes)
        .values(
          codes.map((code) => ({ id: randomUUID(), workspaceId, userId, codeHash: codeHash(workspaceId, userId, code), createdAt: at })),
        );
    },
    /** Uses a recovery code: true once per code (atomic). */
    async consumeRecoveryCode(workspaceId: string, userId: string, code: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(authRecoveryCodes)
        .set({ usedAt: at })
        .where(
          and(
            eq(authRecoveryCodes.workspaceId, workspaceId),
            eq(authRecoveryCodes.userId, userId),
            eq(authRecoveryCodes.codeHash, codeHash(workspaceId, userId, code)),
            isNull(authRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: authRecoveryCodes.id });
      return rows.length > 0;
    },
    async recoveryCodesLeft(workspaceId: string, userId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(authRecoveryCodes)
        .where(and(eq(authRecoveryCodes.workspaceId, workspaceId), eq(authRecoveryCodes.userId, userId), isNull(authRecoveryCodes.usedAt)));
      return row?.n ?? 0;
    },
    async workspaceRequiresMfa(workspaceId: string): Promise<boolean> {
      const [row] = await db
        .select({ required: authWorkspaceSettings.mfaRequired })
        .from(authWorkspaceSettings)
        .where(eq(authWorkspaceSettings.workspaceId, workspaceId));
      return row?.required ?? false;
    },
    async setWorkspaceRequiresMfa(workspaceId: string, required: boolean, at: Date): Promise<void> {
      await db
        .insert(authWorkspaceSettings)
        .values({ workspaceId, mfaRequired: required, updatedAt: at })
        .onConflictDoUpdate({ target: authWorkspaceSettings.workspaceId, set: { mfaRequired: required, updatedAt: at } });
    },
  };
}

export type MfaRepo = ReturnType<typeof createMfaRepo>;
