import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { consentSettings } from "../../db/schema/consent-settings.ts";
import { type ConsentSettings, DEFAULT_CONSENT_SETTINGS } from "./defaults.ts";

/** A workspace's keyword policy; a workspace that never saved one has the defaults. */
export function createConsentSettingsRepo({ db }: { db: DbOrTx }) {
  return {
    async get(workspaceId: string): Promise<ConsentSettings> {
      const [row] = await db.select().from(consentSettings).where(eq(consentSettings.workspaceId, workspaceId));
      if (!row) return DEFAULT_CONSENT_SETTINGS;
      return {
        enabled: row.enabled,
        defaultLanguage: row.defaultLanguage,
        optOutKeywords: row.optOutKeywords,
        optInKeywords: row.optInKeywords,
        optOutReply: row.optOutReply,
        optInReply: row.optInReply,
      };
    },
    async put(workspaceId: string, settings: ConsentSettings, at: Date): Promise<ConsentSettings> {
      const values = { ...settings, updatedAt: at };
      await db
        .insert(consentSettings)
        .values({ workspaceId, ...values })
        .onConflictDoUpdate({ target: consentSettings.workspaceId, set: values });
      return settings;
    },
  };
}
