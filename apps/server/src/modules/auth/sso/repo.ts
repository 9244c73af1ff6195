import { and, asc, eq, inArray, lte, ne } from "drizzle-orm";
import type { FieldCipher } from "../../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../../db/client.ts";
import { ssoConfigs } from "../../../db/schema/sso-configs.ts";
import { ssoDomains } from "../../../db/schema/sso-domains.ts";
import { ssoLogins } from "../../../db/schema/sso-logins.ts";
import type { UserRole } from "../../../db/schema/users.ts";

/** A workspace's SSO configuration with its client secret decrypted: for the login flow only, never for a response. */
export interface SsoConfig {
  workspaceId: string;
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
  roleClaim: string | null;
  roleMap: Record<string, UserRole>;
  defaultRole: UserRole;
  jitProvisioning: boolean;
  ssoRequired: boolean;
  updatedAt: Date;
}

export type SsoConfigWrite = Omit<SsoConfig, "workspaceId" | "updatedAt">;

/** What the callback needs to finish a login, as the start stored it. */
export interface PendingSsoLogin {
  id: string;
  workspaceId: string;
  browserHash: string;
  issuer: string;
  codeVerifier: string;
  nonce: string;
  expiresAt: Date;
}

type ConfigRow = typeof ssoConfigs.$inferSelect;

/** SSO configuration, its domains, and logins under way. Owns the SQL and the encryption of the secrets. */
export function createSsoRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const secretPlace = (workspaceId: string) => ({ workspaceId, table: "sso_configs", column: "client_secret", rowId: workspaceId });
  const loginPlace = (workspaceId: string, id: string) => ({ workspaceId, table: "sso_logins", column: "secrets", rowId: id });
  const domainsOf = async (workspaceId: string) =>
    (
      await db
        .select({ domain: ssoDomains.domain })
        .from(ssoDomains)
        .where(eq(ssoDomains.workspaceId, workspaceId))
        .orderBy(asc(ssoDomains.domain))
    ).map((d) => d.domain);
  const fromRow = (row: ConfigRow, allowedDomains: string[]): SsoConfig => ({
    workspaceId: row.workspaceId,
    enabled: row.enabled,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: cipher.decrypt(secretPlace(row.workspaceId), row.clientSecretEnc),
    allowedDomains,
    roleClaim: row.roleClaim,
    roleMap: row.roleMap,
    defaultRole: row.defaultRole,
    jitProvisioning: row.jitProvisioning,
    ssoRequired: row.ssoRequired,
    updatedAt: row.updatedAt,
  });

  return {
    async get(workspaceId: string): Promise<SsoConfig | undefined> {
      const [row] = await db.select().from(ssoConfigs).where(eq(ssoConfigs.workspaceId, workspaceId));
      return row && fromRow(row, await domainsOf(workspaceId));
    },
    /** The password-login check: whether the workspace has SSO on and requires it. */
    async requiresSso(workspaceId: string): Promise<boolean> {
      const [row] = await db
        .select({ required: ssoConfigs.ssoRequired })
        .from(ssoConfigs)
        .where(and(eq(ssoConfigs.workspaceId, workspaceId), eq(ssoConfigs.enabled, true)));
      return row?.required ?? false;
    },
    /** Discovery before any workspace is known: the workspace a domain belongs to. Deliberately unscoped. */
    async workspaceOfDomain(domain: string): Promise<string | undefined> {
      const [row] = await db.select({ workspaceId: ssoDomains.workspaceId }).from(ssoDomains).where(eq(ssoDomains.domain, domain));
      return row?.workspaceId;
    },
    /** Domains of `domains` already claimed by another workspace. */
    async domainsTakenElsewhere(workspaceId: string, domains: string[]): Promise<string[]> {
      if (domains.length === 0) return [];
      const rows = await db
        .select({ domain: ssoDomains.domain })
        .from(ssoDomains)
        .where(and(ne(ssoDomains.workspaceId, workspaceId), inArray(ssoDomains.domain, domains)));
      return rows.map((r) => r.domain);
    },
    /** Inserts or replaces the configuration and its domains (call inside a transaction). */
    async put(workspaceId: string, config: SsoConfigWrite, at: Date): Promise<void> {
      const values = {
        enabled: config.enabled,
        issuer: config.issuer,
        clientId: config.clientId,
        clientSecretEnc: cipher.encrypt(secretPlace(workspaceId), config.clientSecret),
        roleClaim: config.roleClaim,
        roleMap: config.roleMap,
        defaultRole: config.defaultRole,
        jitProvisioning: config.jitProvisioning,
        ssoRequired: config.ssoRequired,
        updatedAt: at,
      };
      await db
        .insert(ssoConfigs)
        .values({ workspaceId, ...values })
        .onConflictDoUpdate({ target: ssoConfigs.workspaceId, set: values });
      await db.delete(ssoDomains).where(eq(ssoDomains.workspaceId, workspaceId));
      if (config.allowedDomains.length > 0)
        await db.insert(ssoDomains).values(config.allowedDomains.map((domain) => ({ domain, workspaceId })));
    },
    async insertLogin(login: PendingSsoLogin & { stateHash: string; createdAt: Date }): Promise<void> {
      await db.insert(ssoLogins).values({
        id: login.id,
        workspaceId: login.workspaceId,
        stateHash: login.stateHash,
        browserHash: login.browserHash,
        issuer: login.issuer,
        secretsEnc: cipher.encryptJson(loginPlace(login.workspaceId, login.id), { codeVerifier: login.codeVerifier, nonce: login.nonce }),
        createdAt: login.createdAt,
        expiresAt: login.expiresAt,
      });
    },
    /** Takes a login under way by its state hash, once: the row is deleted in the same statement (a replay finds nothing). */
    async takeLogin(stateHash: string): Promise<PendingSsoLogin | undefined> {
      const [row] = await db.delete(ssoLogins).where(eq(ssoLogins.stateHash, stateHash)).returning();
      if (!row) return undefined;
      const secrets = cipher.decryptJson<{ codeVerifier: string; nonce: string }>(loginPlace(row.workspaceId, row.id), row.secretsEnc);
      return {
        id: row.id,
        workspaceId: row.workspaceId,
        browserHash: row.browserHash,
        issuer: row.issuer,
        codeVerifier: secrets.codeVerifier,
        nonce: secrets.nonce,
        expiresAt: row.expiresAt,
      };
    },
    async deleteExpiredLogins(now: Date): Promise<void> {
      await db.delete(ssoLogins).where(lte(ssoLogins.expiresAt, now));
    },
  };
}

export type SsoRepo = ReturnType<typeof createSsoRepo>;
