import type { Message } from "../../../lib/api-types.ts";
import { BotCitation } from "./bot-citation.tsx";
import { MessageTranslationToggle } from "./message-translation.tsx";
import { VoiceTranscript } from "./voice-transcript.tsx";

/** What the copilot adds under a message: the voice note's transcript, a translation on demand, the bot's source. */
export function MessageExtras({ message }: { message: Message }) {
  return (
    <>
      <VoiceTranscript message={message} />
      <MessageTranslationToggle message={message} />
      <BotCitation message={message} />
    </>
  );
}
