import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/** One WhatsApp business number. Credentials are ciphertexts (see crypto/field-cipher.ts). */
export const channels = pgTable(
  "channels",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    phoneNumberId: text("phone_number_id").notNull(),
    wabaId: text("waba_id").notNull(),
    displayPhoneNumber: text("display_phone_number"),
    accessTokenEnc: text("access_token_enc").notNull(),
    appSecretEnc: text("app_secret_enc"),
    verifyToken: text("verify_token").notNull(),
    /** Graph API base URL; the simulator's URL for sandbox channels. */
    apiUrl: text("api_url").notNull(),
    apiVersion: text("api_version").notNull(),
    sendRatePerSecond: integer("send_rate_per_second").notNull().default(80),
    /**
     * Meta's messaging-limit tier of the number (`TIER_250`, `TIER_2K`, `TIER_10K`, `TIER_100K`, `TIER_UNLIMITED`): how many
     * unique customers it may reach outside a service window in 24 h. Read from the Graph API; null until known.
     */
    messagingLimitTier: text("messaging_limit_tier"),
    sandbox: boolean("sandbox").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Inbound webhooks are routed by metadata.phone_number_id: one channel per number across all workspaces.
  (t) => [uniqueIndex("channels_phone_number_id_key").on(t.phoneNumberId)],
);
