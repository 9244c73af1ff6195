import type { Conversation } from "../../../lib/api-types.ts";

/**
 * What the copilot needs from the composer (the app passes the composer's own slot props, which match): the
 * conversation, and the draft to read, replace or send. The copilot never sends on its own; only an agent's click does.
 */
export interface ComposerDraft {
  conversation: Conversation;
  draft: string;
  setDraft: (text: string) => void;
  sendText: (text: string) => void;
  sending: boolean;
  focus: () => void;
}
