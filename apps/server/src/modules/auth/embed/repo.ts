import { and, eq, lt } from "drizzle-orm";
import type { FieldCipher } from "../../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../../db/client.ts";
import { embedIdentities } from "../../../db/schema/embed-identities.ts";
import { embedReplays } from "../../../db/schema/embed-replays.ts";
import { type EmbedVerification, embedSettings } from "../../../db/schema/embed-settings.ts";
import type { UserRole } from "../../../db/schema/users.ts";

/** A workspace's embed configuration, with the shared secret decrypted (only the service sees it). */
export interface EmbedSettings {
  workspaceId: string;
  enabled: boolean;
  verification: EmbedVerification;
  secret: string | null;
  secretUpdatedAt: Date | null;
  jwksUrl: string | null;
  issuer: string;
  audience: string;
  maxLifetimeSeconds: number;
  roleClaim: string;
  roleMap: Record<string, UserRole>;
  defaultRole: UserRole;
  syncRoles: boolean;
  jitProvisioning: boolean;
  frameOrigins: string[];
  updatedAt: Date;
}

/** What a `PUT` stores; `secret: undefined` keeps the stored secret. */
export type EmbedSettingsWrite = Omit<EmbedSettings, "workspaceId" | "secret" | "secretUpdatedAt"> & {
  secret?: { value: string; at: Date } | undefined;
};

/** Embedding: the workspace's settings (secret encrypted), CRM identities (blind index + encrypted id), used jtis. */
export function createEmbedRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const secretPlace = (workspaceId: string) => ({ workspaceId, table: "embed_settings", column: "secret", rowId: workspaceId });
  const externalIdHash = (workspaceId: string, externalId: string) =>
    cipher.blindIndex({ workspaceId, purpose: "embed-external-id", value: externalId });

  return {
    async get(workspaceId: string): Promise<EmbedSettings | undefined> {
      const [row] = await db.select().from(embedSettings).where(eq(embedSettings.workspaceId, workspaceId));
      if (!row) return undefined;
      const { secretEnc, ...rest } = row;
      return { ...rest, secret: secretEnc === null ? null : cipher.decrypt(secretPlace(workspaceId), secretEnc) };
    },

    async put(workspaceId: string, write: EmbedSettingsWrite): Promise<void> {
      const { secret, ...values } = write;
      const secretColumns = secret ? { secretEnc: cipher.encrypt(secretPlace(workspaceId), secret.value), secretUpdatedAt: secret.at } : {};
      await db
        .insert(embedSettings)
        .values({ workspaceId, ...values, ...secretColumns })
        .onConflictDoUpdate({ target: embedSettings.workspaceId, set: { ...values, ...secretColumns } });
    },

    /** The Papo user the CRM knows as `externalId`, if linked. */
    async userIdByExternalId(workspaceId: string, externalId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ userId: embedIdentities.userId })
        .from(embedIdentities)
        .where(
          and(eq(embedIdentities.workspaceId, workspaceId), eq(embedIdentities.externalIdHash, externalIdHash(workspaceId, externalId))),
        );
      return row?.userId;
    },

    /** Links (or re-links) a CRM user id to a Papo user: one identity per user, one user per identity. */
    async link(workspaceId: string, userId: string, externalId: string, at: Date): Promise<void> {
      await db.delete(embedIdentities).where(and(eq(embedIdentities.workspaceId, workspaceId), eq(embedIdentities.userId, userId)));
      await db
        .insert(embedIdentities)
        .values({
          workspaceId,
          userId,
          externalIdHash: externalIdHash(workspaceId, externalId),
          externalIdEnc: cipher.encrypt({ workspaceId, table: "embed_identities", column: "external_id", rowId: userId }, externalId),
          createdAt: at,
        })
        .onConflictDoUpdate({
          target: [embedIdentities.workspaceId, embedIdentities.externalIdHash],
          set: {
            userId,
            externalIdEnc: cipher.encrypt({ workspaceId, table: "embed_identities", column: "external_id", rowId: userId }, externalId),
            createdAt: at,
          },
        });
    },

    /** The CRM user id linked to a Papo user (decrypted). */
    async externalIdOf(workspaceId: string, userId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ enc: embedIdentities.externalIdEnc })
        .from(embedIdentities)
        .where(and(eq(embedIdentities.workspaceId, workspaceId), eq(embedIdentities.userId, userId)));
      return row ? cipher.decrypt({ workspaceId, table: "embed_identities", column: "external_id", rowId: userId }, row.enc) : undefined;
    },

    /**
     * Claims a token id: true the first time, false if it was used before (a replay). Atomic (primary key), so two
     * simultaneous uses of one token cannot both pass. Rows past their expiry are swept first.
     */
    async claimJti(workspaceId: string, jti: string, expiresAt: Date, now: Date): Promise<boolean> {
      await db.delete(embedReplays).where(and(eq(embedReplays.workspaceId, workspaceId), lt(embedReplays.expiresAt, now)));
      const rows = await db
        .insert(embedReplays)
        .values({ workspaceId, jtiHash: cipher.blindIndex({ workspaceId, purpose: "embed-jti", value: jti }), expiresAt })
        .onConflictDoNothing()
        .returning({ workspaceId: embedReplays.workspaceId });
      return rows.length > 0;
    },
  };
}

export type EmbedRepo = ReturnType<typeof createEmbedRepo>;
