import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { type BotMode, type BotReplies, type BusinessHours, botSettings } from "../../db/schema/bot-settings.ts";
import {
  DEFAULT_CONFIDENCE_THRESHOLD,
  DEFAULT_HANDOFF_REPLY,
  DEFAULT_NEGATIVE_SENTIMENT_THRESHOLD,
  DEFAULT_OUTSIDE_HOURS_REPLY,
} from "./defaults.ts";

export interface BotSettings {
  mode: BotMode;
  confidenceThreshold: number;
  negativeSentimentThreshold: number;
  humanOnlyTopics: string[];
  businessHours: BusinessHours | null;
  outsideHoursReply: BotReplies;
  handoffReply: BotReplies;
}

export const DEFAULT_BOT_SETTINGS: BotSettings = {
  mode: "off",
  confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
  negativeSentimentThreshold: DEFAULT_NEGATIVE_SENTIMENT_THRESHOLD,
  humanOnlyTopics: [],
  businessHours: null,
  outsideHoursReply: DEFAULT_OUTSIDE_HOURS_REPLY,
  handoffReply: DEFAULT_HANDOFF_REPLY,
};

/** One row per channel; a channel without one has the defaults (the bot off). */
export function createBotSettingsRepo({ db }: { db: DbOrTx }) {
  return {
    async get(channelId: string): Promise<BotSettings> {
      const [row] = await db.select().from(botSettings).where(eq(botSettings.channelId, channelId));
      if (!row) return DEFAULT_BOT_SETTINGS;
      return {
        mode: row.mode,
        confidenceThreshold: row.confidenceThreshold,
        negativeSentimentThreshold: row.negativeSentimentThreshold,
        humanOnlyTopics: row.humanOnlyTopics,
        businessHours: row.businessHours ?? null,
        outsideHoursReply: row.outsideHoursReply,
        handoffReply: row.handoffReply,
      };
    },
    async put(workspaceId: string, channelId: string, settings: BotSettings, at: Date): Promise<void> {
      const values = { ...settings, updatedAt: at };
      await db
        .insert(botSettings)
        .values({ channelId, workspaceId, ...values })
        .onConflictDoUpdate({ target: botSettings.channelId, set: values });
    },
  };
}
