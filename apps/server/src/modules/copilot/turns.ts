import type { Turn } from "@papo/copilot";
import { and, desc, eq, sql } from "drizzle-orm";
import { messageInsights } from "../../db/schema/message-insights.ts";
import { messages } from "../../db/schema/messages.ts";
import type { Deps } from "../../deps.ts";

/** Short placeholders for media without words: the engines only need to know something was sent. */
const MEDIA_PLACEHOLDER: Record<string, string> = {
  image: "[image]",
  video: "[video]",
  audio: "[audio]",
  document: "[document]",
  sticker: "[sticker]",
  location: "[location]",
  contacts: "[contact card]",
};

const roleOf = (row: { direction: string; senderKind: string }): Turn["role"] => {
  if (row.direction === "inbound") return row.senderKind === "system" ? "system" : "customer";
  if (row.senderKind === "bot") return "bot";
  if (row.senderKind === "system") return "system";
  return "agent";
};

/**
 * The last `limit` messages of a conversation as the copilot's turns, oldest first: text decrypted, an audio message
 * as its transcript when there is one, other media as a short placeholder (or its caption), erased content and
 * reactions left out.
 */
export async function loadTurns(
  deps: Deps,
  workspaceId: string,
  conversationId: string,
  { limit = 30 }: { limit?: number } = {},
): Promise<Turn[]> {
  const rows = await deps.database.db
    .select({
      id: messages.id,
      direction: messages.direction,
      senderKind: messages.senderKind,
      type: messages.type,
      textEnc: messages.textEnc,
      mediaId: messages.mediaId,
      createdAt: messages.createdAt,
      transcriptEnc: messageInsights.transcriptEnc,
    })
    .from(messages)
    .leftJoin(messageInsights, eq(messageInsights.messageId, messages.id))
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        sql`${messages.contentErasedAt} is null`,
        sql`${messages.type} <> 'reaction'`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);

  const turns: Turn[] = [];
  for (const row of rows.reverse()) {
    const text = turnText(deps, workspaceId, row);
    if (text) turns.push({ role: roleOf(row), text, at: row.createdAt.toISOString() });
  }
  return turns;
}

function turnText(
  deps: Deps,
  workspaceId: string,
  row: { id: string; type: string; textEnc: string | null; transcriptEnc: string | null },
): string | null {
  if (row.transcriptEnc) {
    return deps.cipher.decrypt({ workspaceId, table: "message_insights", column: "transcript_enc", rowId: row.id }, row.transcriptEnc);
  }
  const text = row.textEnc
    ? deps.cipher.decrypt({ workspaceId, table: "messages", column: "text_enc", rowId: row.id }, row.textEnc).trim()
    : "";
  const placeholder = MEDIA_PLACEHOLDER[row.type];
  // Inbound media without words is stored with a bracketed pt-BR description ("[mensagem de voz]"): keep it short.
  if (placeholder && (text === "" || /^\[[^\]]*\]$/.test(text))) return placeholder;
  return text || null;
}
