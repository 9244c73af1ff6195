import type { DbOrTx } from "../../db/client.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import { createBotSettingsRepo } from "./settings-repo.ts";

/**
 * Called by ingest in the transaction that opened a new conversation: on a number in "bot first" mode the bot takes
 * it (handled by the bot, nobody assigned) before anyone sees it. Returns whether it did.
 */
export async function startWithBotIfEnabled(
  tx: DbOrTx,
  conversation: { workspaceId: string; channelId: string; id: string },
): Promise<boolean> {
  const settings = await createBotSettingsRepo({ db: tx }).get(conversation.channelId);
  if (settings.mode !== "bot_first") return false;
  await createConversationsRepo({ db: tx }).update(conversation.workspaceId, conversation.id, { handledBy: "bot", assigneeId: null });
  return true;
}
