import { eq } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { aiSettings, type CopilotFeature, copilotFeatures, type StoredProviderConfig } from "../../db/schema/ai-settings.ts";

export interface AiProviderSettings extends StoredProviderConfig {
  /** Empty when the provider needs none (local servers) or it was cleared. */
  apiKey: string;
}

export interface AiSettings {
  provider: AiProviderSettings | null;
  features: Record<CopilotFeature, boolean>;
  maskPersonalData: boolean;
  /** Tokens per calendar month (UTC); null = unlimited. */
  monthlyTokenBudget: number | null;
  /** Null while the workspace never saved its settings. */
  updatedAt: Date | null;
}

/** Every feature on: a workspace gets the built-in engine's help without configuring anything. */
export const allFeaturesOn = (): Record<CopilotFeature, boolean> =>
  Object.fromEntries(copilotFeatures.map((f) => [f, true])) as Record<CopilotFeature, boolean>;

export const DEFAULT_AI_SETTINGS: AiSettings = {
  provider: null,
  features: allFeaturesOn(),
  maskPersonalData: true,
  monthlyTokenBudget: null,
  updatedAt: null,
};

export function createAiSettingsRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const keyPlace = (workspaceId: string) => ({ workspaceId, table: "ai_settings", column: "api_key_enc", rowId: workspaceId });
  return {
    async get(workspaceId: string): Promise<AiSettings> {
      const [row] = await db.select().from(aiSettings).where(eq(aiSettings.workspaceId, workspaceId));
      if (!row) return { ...DEFAULT_AI_SETTINGS, features: allFeaturesOn() };
      const apiKey = row.apiKeyEnc ? cipher.decrypt(keyPlace(workspaceId), row.apiKeyEnc) : "";
      return {
        provider: row.provider ? { ...row.provider, apiKey } : null,
        features: { ...allFeaturesOn(), ...row.features },
        maskPersonalData: row.maskPersonalData,
        monthlyTokenBudget: row.monthlyTokenBudget,
        updatedAt: row.updatedAt,
      };
    },
    async put(workspaceId: string, settings: Omit<AiSettings, "updatedAt">, at: Date): Promise<void> {
      const { apiKey, ...provider } = settings.provider ?? { apiKey: "" };
      const values = {
        provider: settings.provider ? (provider as StoredProviderConfig) : null,
        apiKeyEnc: settings.provider && apiKey ? cipher.encrypt(keyPlace(workspaceId), apiKey) : null,
        features: settings.features,
        maskPersonalData: settings.maskPersonalData,
        monthlyTokenBudget: settings.monthlyTokenBudget,
        updatedAt: at,
      };
      await db
        .insert(aiSettings)
        .values({ workspaceId, ...values })
        .onConflictDoUpdate({ target: aiSettings.workspaceId, set: values });
    },
  };
}
