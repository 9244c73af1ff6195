import { and, eq, inArray } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { messageReactions, messages } from "../../db/schema/messages.ts";

/*
 * Every encrypted column, with the place (`table:column:rowId` and the workspace its data key is derived for) its
 * repository binds each ciphertext to. The re-encryption job must rebuild exactly that place or nothing decrypts; the
 * repositories do not all use the database column's name, nor always the primary key, so each entry names its source.
 * `registry.test.ts` fails when a schema column ending in `_enc` is missing here.
 */

export interface EncryptedColumn {
  table: string;
  /** The database column. */
  column: string;
  /** A unique column of the row, walked in order (keyset) and targeted by the optimistic update. */
  key: string;
  keyType: "uuid" | "text";
  /** SQL over the row: the workspace part of the place (`'system'` for data stored before routing). */
  workspaceSql: string;
  /** The column name the repository puts in the place. */
  placeColumn: string;
  /** SQL over the row: the place's row id. Absent when it must be resolved (see `resolveRowIds`). */
  rowIdSql?: string;
  /**
   * For places built from something the row does not hold in clear: the row id of each key, or null when it cannot be
   * known now (see `orphanAfterMs`).
   */
  resolveRowIds?: (args: { db: DbOrTx; cipher: FieldCipher; keys: string[] }) => Promise<Map<string, string | null>>;
  /**
   * Rows whose place cannot be resolved are unreadable by Papo too; after this long (by `orphanAgeSql`) they are deleted
   * instead of blocking the rotation for ever.
   */
  orphanAfterMs?: number;
  orphanAgeSql?: string;
  /** Where the repository builds the place. */
  source: string;
}

const ws = "workspace_id::text";
const byId = (table: string, column: string, source: string, placeColumn = column): EncryptedColumn => ({
  table,
  column,
  key: "id",
  keyType: "uuid",
  workspaceSql: ws,
  placeColumn,
  rowIdSql: "id::text",
  source,
});

/**
 * A reaction's place is `<channelId>:<target wamid>:<actor>`, and the row only holds the target's blind index: the wamid
 * is read (decrypted) from the target message of the same channel. A reaction whose target Papo never stored is never
 * shown (reactions are looked up from the messages on screen), so after a day it is deleted rather than kept for ever
 * under a key that is being retired; a younger one is left for a later pass (its target may still be arriving).
 */
async function reactionRowIds({ db, cipher, keys }: { db: DbOrTx; cipher: FieldCipher; keys: string[] }) {
  const out = new Map<string, string | null>(keys.map((k) => [k, null]));
  if (keys.length === 0) return out;
  const rows = await db
    .select({
      id: messageReactions.id,
      channelId: messageReactions.channelId,
      actor: messageReactions.actor,
      messageId: messages.id,
      workspaceId: messages.workspaceId,
      wamidEnc: messages.waMessageIdEnc,
    })
    .from(messageReactions)
    .innerJoin(
      messages,
      and(eq(messages.channelId, messageReactions.channelId), eq(messages.waMessageIdBidx, messageReactions.targetWamidBidx)),
    )
    .where(inArray(messageReactions.id, keys));
  for (const row of rows) {
    if (!row.wamidEnc) continue;
    try {
      const wamid = cipher.decrypt(
        { workspaceId: row.workspaceId, table: "messages", column: "wa_message_id_enc", rowId: row.messageId },
        row.wamidEnc,
      );
      out.set(row.id, `${row.channelId}:${wamid}:${row.actor}`);
    } catch {
      // The target's wamid does not decrypt: the reaction stays unresolved and is reported.
    }
  }
  return out;
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  // First: the blind-index key itself (its place is fixed).
  {
    table: "system_keys",
    column: "key_enc",
    key: "purpose",
    keyType: "text",
    workspaceSql: "'system'",
    placeColumn: "key_enc",
    rowIdSql: "purpose",
    source: "crypto/index-key.ts",
  },
  // Copilot (modules/copilot): the provider key per workspace, cached provider answers, voice-note transcripts.
  {
    table: "ai_cache",
    column: "value_enc",
    key: "key_hash",
    keyType: "text",
    workspaceSql: ws,
    placeColumn: "value_enc",
    rowIdSql: "key_hash",
    source: "modules/copilot/cache.ts",
  },
  {
    table: "ai_settings",
    column: "api_key_enc",
    key: "workspace_id",
    keyType: "uuid",
    workspaceSql: ws,
    placeColumn: "api_key_enc",
    rowIdSql: "workspace_id::text",
    source: "modules/copilot/settings-repo.ts",
  },
  {
    table: "message_insights",
    column: "transcript_enc",
    key: "message_id",
    keyType: "uuid",
    workspaceSql: ws,
    placeColumn: "transcript_enc",
    rowIdSql: "message_id::text",
    source: "modules/copilot/insights-repo.ts",
  },
  byId("audit_events", "details_enc", "modules/audit/repo.ts"),
  byId("audit_events", "ip_enc", "modules/audit/repo.ts"),
  byId("bot_handoffs", "detail_enc", "modules/bot/handoffs-repo.ts"),
  byId("bot_handoffs", "summary_enc", "modules/bot/handoffs-repo.ts"),
  byId("canned_responses", "body_enc", "modules/canned-responses/repo.ts"),
  byId("campaigns", "mapping_enc", "modules/campaigns/repo.ts"),
  byId("campaigns", "audience_enc", "modules/campaigns/repo.ts"),
  byId("campaign_recipients", "phone_enc", "modules/campaigns/repo.ts"),
  byId("campaign_recipients", "variables_enc", "modules/campaigns/repo.ts"),
  byId("channels", "access_token_enc", "modules/channels/repo.ts"),
  byId("channels", "app_secret_enc", "modules/channels/repo.ts"),
  byId("contact_consent_events", "evidence_enc", "modules/consent/repo.ts"),
  byId("contact_notes", "body_enc", "modules/contact-notes/repo.ts", "body"),
  byId("csat_responses", "comment_enc", "modules/csat/repo.ts"),
  byId("contacts", "name_enc", "modules/contacts/repo.ts"),
  byId("contacts", "phone_enc", "modules/contacts/repo.ts"),
  byId("contacts", "wa_id_enc", "modules/contacts/repo.ts"),
  byId("contacts", "user_id_enc", "modules/contacts/repo.ts"),
  byId("contacts", "username_enc", "modules/contacts/repo.ts"),
  byId("contacts", "attributes_enc", "modules/contacts/repo.ts"),
  {
    table: "embed_identities",
    column: "external_id_enc",
    // Primary key (workspace_id, external_id_hash); the place uses the user id, unique too.
    key: "user_id",
    keyType: "uuid",
    workspaceSql: ws,
    placeColumn: "external_id",
    rowIdSql: "user_id::text",
    source: "modules/auth/embed/repo.ts",
  },
  {
    table: "embed_settings",
    column: "secret_enc",
    key: "workspace_id",
    keyType: "uuid",
    workspaceSql: ws,
    placeColumn: "secret",
    rowIdSql: "workspace_id::text",
    source: "modules/auth/embed/repo.ts",
  },
  byId("media", "filename_enc", "modules/media/repo.ts"),
  byId("messages", "text_enc", "modules/messages/repo.ts"),
  byId("messages", "content_enc", "modules/messages/repo.ts (and modules/privacy/erasure-repo.ts)"),
  byId("message_translations", "text_enc", "modules/assist/translations-repo.ts"),
  byId("messages", "wa_message_id_enc", "modules/messages/repo.ts"),
  byId("messages", "reply_to_wamid_enc", "modules/messages/repo.ts"),
  byId("messages", "referral_enc", "modules/messages/repo.ts"),
  {
    table: "message_reactions",
    column: "emoji_enc",
    key: "id",
    keyType: "uuid",
    workspaceSql: ws,
    placeColumn: "emoji_enc",
    resolveRowIds: reactionRowIds,
    orphanAfterMs: 24 * 3600_000,
    orphanAgeSql: "reacted_at",
    source: "modules/messages/repo.ts (upsertReaction, reactionsFor)",
  },
  byId("pending_statuses", "wa_message_id_enc", "modules/messages/repo.ts"),
  byId("scheduled_messages", "content_enc", "modules/scheduling/repo.ts"),
  {
    ...byId("platform_events", "payload_enc", "modules/webhook/ingest.ts"),
    // Events no workspace owns (quarantined) are encrypted under the system scope.
    workspaceSql: "coalesce(workspace_id::text, 'system')",
  },
  byId("sessions", "user_agent_enc", "modules/auth/sessions-repo.ts", "user_agent"),
  byId("sessions", "ip_enc", "modules/auth/sessions-repo.ts", "ip"),
  {
    table: "sso_configs",
    column: "client_secret_enc",
    key: "workspace_id",
    keyType: "uuid",
    workspaceSql: ws,
    placeColumn: "client_secret",
    rowIdSql: "workspace_id::text",
    source: "modules/auth/sso/repo.ts",
  },
  byId("sso_logins", "secrets_enc", "modules/auth/sso/repo.ts", "secrets"),
  byId("users", "totp_secret_enc", "modules/auth/mfa-repo.ts", "totp_secret"),
  // Bodies are stored before routing tells their workspace: the system scope.
  { ...byId("webhook_events", "body_enc", "modules/webhook/repo.ts"), workspaceSql: "'system'" },
];

/** The media files (`DATA_DIR/media/<workspace>/<media id>.bin`), bound to `media:file:<media id>` (modules/media/storage.ts). */
export const MEDIA_FILES = "media.file";

export const columnName = (c: Pick<EncryptedColumn, "table" | "column">): string => `${c.table}.${c.column}`;
