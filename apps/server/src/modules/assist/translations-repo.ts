import { randomUUID } from "node:crypto";
import type { EngineName, Language } from "@papo/copilot";
import { and, eq, inArray } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { messageTranslations } from "../../db/schema/message-translations.ts";

export interface StoredTranslation {
  messageId: string;
  language: Language;
  sourceLanguage: Language | null;
  text: string;
  engine: EngineName;
  createdAt: Date;
}

/** Translations of messages into an agent's language, stored encrypted and reused (`message_translations`). */
export function createTranslationsRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (workspaceId: string, rowId: string) => ({ workspaceId, table: "message_translations", column: "text_enc", rowId });

  const find = async (workspaceId: string, messageId: string, language: Language): Promise<StoredTranslation | undefined> => {
    const [row] = await db
      .select()
      .from(messageTranslations)
      .where(
        and(
          eq(messageTranslations.workspaceId, workspaceId),
          eq(messageTranslations.messageId, messageId),
          eq(messageTranslations.language, language),
        ),
      );
    if (!row) return undefined;
    return {
      messageId: row.messageId,
      language: row.language,
      sourceLanguage: row.sourceLanguage,
      text: cipher.decrypt(place(row.workspaceId, row.id), row.textEnc),
      engine: row.engine,
      createdAt: row.createdAt,
    };
  };

  return {
    find,
    /**
     * Stores a translation unless one for the message and language already exists (two agents asking at once); returns
     * the stored one either way, so both see the same text.
     */
    async save(
      workspaceId: string,
      translation: { messageId: string; language: Language; sourceLanguage: Language | null; text: string; engine: EngineName },
    ): Promise<StoredTranslation> {
      const id = randomUUID();
      await db
        .insert(messageTranslations)
        .values({
          id,
          workspaceId,
          messageId: translation.messageId,
          language: translation.language,
          sourceLanguage: translation.sourceLanguage,
          textEnc: cipher.encrypt(place(workspaceId, id), translation.text),
          engine: translation.engine,
        })
        .onConflictDoNothing();
      const stored = await find(workspaceId, translation.messageId, translation.language);
      if (!stored) throw new Error("message translation insert returned no row");
      return stored;
    },
  };
}

/**
 * Deletes the stored translations of messages whose content is being erased (data-subject erasure, retention): a
 * translation is the customer's words too. Run in the erasure's transaction.
 */
export async function deleteMessageTranslations(
  db: DbOrTx,
  { workspaceId, messageIds }: { workspaceId: string; messageIds: readonly string[] },
): Promise<void> {
  if (messageIds.length === 0) return;
  await db
    .delete(messageTranslations)
    .where(and(eq(messageTranslations.workspaceId, workspaceId), inArray(messageTranslations.messageId, [...messageIds])));
}
