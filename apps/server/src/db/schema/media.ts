import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { workspaces } from "./workspaces.ts";

export const mediaStatuses = ["pending", "stored", "failed"] as const;

/** A media file; its bytes live encrypted under DATA_DIR/media (an S3-compatible store can come later). */
export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "set null" }),
    direction: text("direction", { enum: ["inbound", "outbound"] }).notNull(),
    /** Meta's media id: the inbound id to download, or the id of our upload (valid 30 days). */
    waMediaId: text("wa_media_id"),
    waMediaUploadedAt: timestamp("wa_media_uploaded_at", { withTimezone: true }),
    mimeType: text("mime_type"),
    size: bigint("size", { mode: "number" }),
    sha256: text("sha256"),
    filenameEnc: text("filename_enc"),
    storageKey: text("storage_key"),
    status: text("status", { enum: mediaStatuses }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The media worker's queue: inbound files still to download.
  (t) => [index("media_download_queue_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`)],
);
