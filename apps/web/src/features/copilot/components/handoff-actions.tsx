import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { Conversation } from "../../../lib/api-types.ts";
import { useChannelBotMode } from "../api/get-channel-bot.ts";
import { useHandBackToBot, useHandoffToHuman } from "../api/handoffs.ts";

/**
 * The header's bot buttons: "Transferir para humano" while the bot handles the conversation (the server writes the
 * handoff with a summary for whoever takes it), and "Devolver ao bot" while a person does and the channel's bot is
 * on. When the bot's setting cannot be read the button is offered anyway and the server's refusal is shown.
 */
export function HandoffActions({ conversation }: { conversation: Conversation }) {
  const t = useT();
  const errorText = useErrorText();
  const toHuman = useHandoffToHuman(conversation.id);
  const toBot = useHandBackToBot(conversation.id);
  const botMode = useChannelBotMode(conversation.channelId);
  const failure = toHuman.error ?? toBot.error;
  const busy = toHuman.isPending || toBot.isPending;

  return (
    <>
      {conversation.handledBy === "bot" ? (
        <Button
          size="sm"
          variant="primary"
          onClick={() => {
            toBot.reset();
            toHuman.mutate();
          }}
          disabled={busy}
        >
          <Icon name="user" className="size-3.5" />
          {t("conversation.actions.transfer-human")}
        </Button>
      ) : botMode.data !== "off" && conversation.status !== "resolved" ? (
        <Button
          size="sm"
          onClick={() => {
            toHuman.reset();
            toBot.mutate();
          }}
          disabled={busy}
        >
          <Icon name="bot" className="size-3.5" />
          {t("copilot.handoff.to-bot")}
        </Button>
      ) : null}
      {failure ? (
        <p role="alert" className="basis-full text-xs text-red-700 dark:text-red-400">
          {t("copilot.handoff.failed", { reason: errorText(failure) })}
        </p>
      ) : null}
    </>
  );
}
