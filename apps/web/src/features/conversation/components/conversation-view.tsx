import { type ReactNode, type Ref, useEffect, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { useNow } from "../../../hooks/use-now.ts";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { Conversation, Message } from "../../../lib/api-types.ts";
import { useConversation } from "../api/get-conversation.ts";
import { useMarkRead } from "../hooks/use-mark-read.ts";
import { Composer, type ComposerSlotProps } from "./composer.tsx";
import { ConversationHeader, type HeaderSlots } from "./conversation-header.tsx";
import type { MessageSlots } from "./message-bubble.tsx";
import { MessageList } from "./message-list.tsx";
import type { TemplateFormActions } from "./template-picker.tsx";

/** One conversation: header with actions, the history, and the composer (or template picker). */
export function ConversationView({
  conversationId,
  userId,
  onBack,
  onShowContact,
  composerRef,
  suggestions,
  composerTools,
  headerSlots,
  messageSlots,
  banner,
  sendTools,
  beforeComposer,
  templateActions,
}: {
  conversationId: string;
  userId: string;
  onBack?: () => void;
  onShowContact?: () => void;
  composerRef?: Ref<HTMLTextAreaElement>;
  suggestions?: ReactNode | ((composer: ComposerSlotProps) => ReactNode);
  /** Slots the app fills with other features (the copilot): composer buttons, header parts, message extras. */
  composerTools?: (composer: ComposerSlotProps) => ReactNode;
  headerSlots?: HeaderSlots;
  messageSlots?: MessageSlots;
  /** Shown between the header and the history (the latest handoff). */
  banner?: (conversation: Conversation) => ReactNode;
  /** Buttons right before Send (scheduling); `openTemplates` shows the template picker even inside the window. */
  sendTools?: (composer: ComposerSlotProps) => ReactNode;
  /** Shown between the history and the composer (scheduled messages). */
  beforeComposer?: (conversation: Conversation, tools: { openTemplates: () => void }) => ReactNode;
  /** Buttons beside a filled template's Send (schedule it instead). */
  templateActions?: (form: TemplateFormActions) => ReactNode;
}) {
  const t = useT();
  const errorText = useErrorText();
  const now = useNow(30_000);
  const query = useConversation(conversationId);
  const conversation = query.data;
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  useMarkRead(conversation, { isPlaceholder: query.isPlaceholderData });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a reply belongs to the conversation it was started in
  useEffect(() => setReplyTo(null), [conversationId]);

  if (!conversation) {
    return (
      <div className="flex h-full items-center justify-center p-6 text-sm">
        {query.isError ? (
          <div role="alert" className="space-y-2 text-center">
            <p>{t("conversation.error", { reason: errorText(query.error) })}</p>
            <Button size="sm" onClick={() => void query.refetch()}>
              {t("common.retry")}
            </Button>
          </div>
        ) : (
          <p className="text-slate-600 dark:text-slate-400">{t("common.loading")}</p>
        )}
      </div>
    );
  }

  // The server says whether the window was open when it answered; the clock closes it on time in between.
  const windowOpen = conversation.windowOpen && (!conversation.windowExpiresAt || new Date(conversation.windowExpiresAt).getTime() > now);

  return (
    <section aria-label={t("conversation.messages")} className="flex h-full min-h-0 flex-col">
      <ConversationHeader
        conversation={conversation}
        userId={userId}
        now={now}
        windowOpen={windowOpen}
        onBack={onBack}
        onShowContact={onShowContact}
        slots={headerSlots}
      />
      {banner?.(conversation)}
      <MessageList conversationId={conversationId} onReply={windowOpen ? setReplyTo : undefined} slots={messageSlots} />
      {beforeComposer?.({ ...conversation, windowOpen }, { openTemplates: () => setTemplatesOpen(true) })}
      <Composer
        conversation={{ ...conversation, windowOpen }}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        textareaRef={composerRef}
        suggestions={suggestions}
        tools={composerTools}
        sendTools={sendTools}
        templatesOpen={templatesOpen}
        onOpenTemplates={() => setTemplatesOpen(true)}
        onCloseTemplates={() => setTemplatesOpen(false)}
        templateActions={templateActions}
      />
    </section>
  );
}
