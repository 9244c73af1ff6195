import { useCallback, useEffect, useRef, useState } from "react";
import { ContactConsent } from "../features/consent/components/contact-consent.tsx";
import { ContactPanel } from "../features/contact/components/contact-panel.tsx";
import { useConversation } from "../features/conversation/api/get-conversation.ts";
import type { ComposerSlotProps } from "../features/conversation/components/composer.tsx";
import { ConversationView } from "../features/conversation/components/conversation-view.tsx";
import type { TemplateFormActions } from "../features/conversation/components/template-picker.tsx";
import { useConversationShortcuts } from "../features/conversation/hooks/use-conversation-shortcuts.ts";
import { type AttentionAlert, AttentionToasts } from "../features/copilot/components/attention-toasts.tsx";
import { ComposerTools } from "../features/copilot/components/composer-tools.tsx";
import { HandoffActions } from "../features/copilot/components/handoff-actions.tsx";
import { HandoffBanner } from "../features/copilot/components/handoff-banner.tsx";
import { MessageExtras } from "../features/copilot/components/message-extras.tsx";
import { AttentionMarker, MessageSentiment, SentimentBadge } from "../features/copilot/components/sentiment-badge.tsx";
import { SuggestionsBar } from "../features/copilot/components/suggestions-bar.tsx";
import { SummaryButton } from "../features/copilot/components/summary-button.tsx";
import { ConversationList } from "../features/inbox/components/conversation-list.tsx";
import { useInbox } from "../features/inbox/hooks/use-inbox.ts";
import { ContactPrivacy } from "../features/privacy/components/contact-privacy.tsx";
import { type DueReminder, ReminderToasts } from "../features/scheduling/components/reminder-toasts.tsx";
import { ScheduleButton, ScheduleTemplateButton } from "../features/scheduling/components/schedule-button.tsx";
import { ScheduledStrip } from "../features/scheduling/components/scheduled-strip.tsx";
import { MessageResults } from "../features/search/components/message-results.tsx";
import { useT } from "../i18n/i18n.tsx";
import type { Contact, Conversation, Message } from "../lib/api-types.ts";
import { useServices } from "../lib/services.tsx";
import { SettingsDialog } from "./settings-dialog.tsx";
import { ShortcutsDialog } from "./shortcuts-dialog.tsx";
import { TopBar } from "./top-bar.tsx";
import { useHashRoute } from "./use-hash-route.ts";
import { useLiveUpdates } from "./use-live-updates.ts";
import { useShortcuts } from "./use-shortcuts.ts";

function ContactPane({
  conversationId,
  onClose,
  onOpenConversation,
}: {
  conversationId: string;
  onClose: () => void;
  onOpenConversation: (conversationId: string) => void;
}) {
  const { data } = useConversation(conversationId);
  return (
    <ContactPanel
      contact={data?.contact ?? null}
      conversationId={conversationId}
      onClose={onClose}
      onOpenConversation={onOpenConversation}
      extraSections={privacySections}
    />
  );
}

/** The contact panel's LGPD sections: consent per purpose, then export and erasure. */
const privacySections = (contact: Contact) => (
  <>
    <ContactConsent contact={contact} />
    <ContactPrivacy contact={contact} />
  </>
);

/*
 * The copilot's parts in the inbox (issue 6), handed to the conversation and inbox features as slots so that neither
 * feature imports the other.
 */
const copilotHeader = {
  badges: (conversation: Conversation) => <SentimentBadge ai={conversation.ai} />,
  actions: (conversation: Conversation) => <SummaryButton conversationId={conversation.id} />,
  botActions: (conversation: Conversation) => <HandoffActions conversation={conversation} />,
};
const copilotMessage = {
  extras: (message: Message) => <MessageExtras message={message} />,
  meta: (message: Message) => <MessageSentiment message={message} />,
};
const copilotBanner = (conversation: Conversation) => <HandoffBanner conversation={conversation} />;
const copilotRowBadges = (conversation: Conversation) => (
  <>
    <AttentionMarker ai={conversation.ai} />
    <SentimentBadge ai={conversation.ai} />
  </>
);

/*
 * Scheduling (issue 7) in the conversation: the composer's Schedule button, the scheduled items above the composer and
 * "schedule" beside a filled template, handed to the conversation feature as slots.
 */
const schedulingSendTools = (composer: ComposerSlotProps) => <ScheduleButton composer={composer} onUseTemplate={composer.openTemplates} />;
const scheduledStrip = (conversation: Conversation, tools: { openTemplates: () => void }) => (
  <ScheduledStrip conversation={conversation} onOpenTemplates={tools.openTemplates} />
);
const scheduleTemplate = (form: TemplateFormActions) => (
  <ScheduleTemplateButton conversation={form.conversation} disabled={!form.complete} buildBody={form.buildBody} onScheduled={form.done} />
);

/**
 * The inbox: conversation list, open conversation and contact panel side by side on a desktop; on a phone one pane
 * at a time (list → conversation → contact), with the URL's hash as the place so the back button works.
 */
export function InboxRoute({ userId, compact = false }: { userId: string; compact?: boolean }) {
  const t = useT();
  const { notifier } = useServices();
  const inbox = useInbox({ userId });
  const route = useHashRoute();
  const selectedId = route.conversationId;
  const [contactOpen, setContactOpen] = useState(false);
  const [dialog, setDialog] = useState<"shortcuts" | "settings" | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const [attention, setAttention] = useState<AttentionAlert[]>([]);
  const onNeedsAttention = useCallback(
    (alert: AttentionAlert) =>
      setAttention((current) => [alert, ...current.filter((a) => a.conversationId !== alert.conversationId)].slice(0, 3)),
    [],
  );
  const dismissAttention = useCallback(
    (conversationId: string) => setAttention((current) => current.filter((a) => a.conversationId !== conversationId)),
    [],
  );
  const [reminders, setReminders] = useState<DueReminder[]>([]);
  const onReminderDue = useCallback(
    (reminder: DueReminder) =>
      setReminders((current) => [reminder, ...current.filter((r) => r.scheduledId !== reminder.scheduledId)].slice(0, 3)),
    [],
  );
  const dismissReminder = useCallback(
    (reminder: DueReminder) => setReminders((current) => current.filter((r) => r.scheduledId !== reminder.scheduledId)),
    [],
  );
  const live = useLiveUpdates({ onOpenConversation: route.open, onNeedsAttention, onReminderDue });

  // Browsers want a gesture before asking to show notifications: ask (once ever) on the first click.
  useEffect(() => {
    const ask = () => {
      if (notifier.enabled.get()) notifier.requestPermissionOnce();
    };
    window.addEventListener("pointerdown", ask, { once: true });
    return () => window.removeEventListener("pointerdown", ask);
  }, [notifier]);

  const step = useCallback(
    (delta: number) => {
      const list = inbox.conversations;
      if (list.length === 0) return;
      const index = list.findIndex((c) => c.id === selectedId);
      const next = list[index === -1 ? 0 : Math.min(list.length - 1, Math.max(0, index + delta))];
      if (!next) return;
      route.open(next.id);
      document.getElementById(`conversation-item-${next.id}`)?.scrollIntoView?.({ block: "nearest" });
    },
    [inbox.conversations, selectedId, route],
  );

  const conversationShortcuts = useConversationShortcuts({ conversationId: selectedId, userId, onClose: route.close });
  useShortcuts(
    {
      next: () => step(1),
      previous: () => step(-1),
      reply: () => composer.current?.focus(),
      help: () => setDialog("shortcuts"),
      assignToMe: conversationShortcuts.assignToMe,
      resolve: conversationShortcuts.resolve,
      markUnread: conversationShortcuts.markUnread,
    },
    { enabled: dialog === null },
  );

  const mobilePane = selectedId ? (contactOpen ? "contact" : "conversation") : "list";
  const pane = (name: typeof mobilePane) => (mobilePane === name ? "flex" : "hidden");

  return (
    <div className="flex h-full flex-col">
      {/* Embedded in a CRM (compact): the CRM's page is the frame; no top bar (logout, administration). */}
      {compact ? null : <TopBar live={live} onShowShortcuts={() => setDialog("shortcuts")} onShowSettings={() => setDialog("settings")} />}
      <div className="relative flex min-h-0 flex-1">
        <nav
          aria-label={t("app.main-navigation")}
          className={`${pane("list")} w-full flex-col border-r border-slate-200 md:flex md:w-80 lg:w-96 dark:border-slate-800`}
        >
          <ConversationList inbox={inbox} selectedId={selectedId} onSelect={route.open} rowBadges={copilotRowBadges} />
          <MessageResults query={inbox.search} onOpen={(conversationId) => route.open(conversationId)} />
        </nav>
        <main className={`${pane("conversation")} min-w-0 flex-1 flex-col md:flex`}>
          {selectedId ? (
            <ConversationView
              key={selectedId}
              conversationId={selectedId}
              userId={userId}
              onBack={route.close}
              onShowContact={() => setContactOpen((open) => !open)}
              composerRef={composer}
              suggestions={(draft) => <SuggestionsBar composer={draft} />}
              composerTools={(draft) => <ComposerTools composer={draft} />}
              headerSlots={copilotHeader}
              messageSlots={copilotMessage}
              banner={copilotBanner}
              sendTools={schedulingSendTools}
              beforeComposer={scheduledStrip}
              templateActions={scheduleTemplate}
            />
          ) : (
            <div className="flex flex-1 items-center justify-center p-6 text-sm text-slate-600 dark:text-slate-400">
              {t("conversation.select")}
            </div>
          )}
        </main>
        {selectedId && contactOpen ? (
          <div
            className={`${pane("contact")} w-full flex-col border-l border-slate-200 md:absolute md:inset-y-0 md:right-0 md:flex md:w-80 md:shadow-xl lg:static lg:shadow-none dark:border-slate-800`}
          >
            <ContactPane conversationId={selectedId} onClose={() => setContactOpen(false)} onOpenConversation={route.open} />
          </div>
        ) : null}
      </div>
      {dialog === "shortcuts" ? <ShortcutsDialog onClose={() => setDialog(null)} /> : null}
      {dialog === "settings" ? <SettingsDialog onClose={() => setDialog(null)} /> : null}
      <AttentionToasts
        alerts={attention}
        onOpen={(conversationId) => {
          dismissAttention(conversationId);
          route.open(conversationId);
        }}
        onDismiss={dismissAttention}
      />
      <ReminderToasts
        reminders={reminders}
        onOpen={(reminder) => {
          dismissReminder(reminder);
          route.open(reminder.conversationId);
        }}
        onDismiss={dismissReminder}
      />
    </div>
  );
}
