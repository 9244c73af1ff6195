import { Button, IconButton } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import { useScheduledMessages } from "../api/scheduled-messages.ts";

/** A reminder that came due (the live stream's `reminder.due`, sent to its author only). */
export interface DueReminder {
  conversationId: string;
  scheduledId: string;
}

/** In-page reminders: "Reminder: <note> — open the conversation". They stay until opened or dismissed. */
export function ReminderToasts({
  reminders,
  onOpen,
  onDismiss,
}: {
  reminders: DueReminder[];
  onOpen: (reminder: DueReminder) => void;
  onDismiss: (reminder: DueReminder) => void;
}) {
  const t = useT();
  return (
    <section
      aria-label={t("scheduling.reminders")}
      className="fixed bottom-4 left-4 z-40 flex w-80 max-w-[90vw] flex-col gap-2 empty:hidden"
    >
      {reminders.map((reminder) => (
        <ReminderToast key={reminder.scheduledId} reminder={reminder} onOpen={onOpen} onDismiss={onDismiss} />
      ))}
    </section>
  );
}

function ReminderToast({
  reminder,
  onOpen,
  onDismiss,
}: {
  reminder: DueReminder;
  onOpen: (reminder: DueReminder) => void;
  onDismiss: (reminder: DueReminder) => void;
}) {
  const t = useT();
  // The frame carries ids only: the note comes from the conversation's list.
  const note = useScheduledMessages(reminder.conversationId).data?.data.find((item) => item.id === reminder.scheduledId)?.note;
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-lg border border-brand-200 bg-white p-3 text-sm shadow-lg dark:border-brand-900 dark:bg-slate-900"
    >
      <div className="min-w-0 flex-1 space-y-1.5">
        <p className="break-words font-medium">{note ? t("scheduling.reminder.title", { note }) : t("scheduling.reminder.untitled")}</p>
        <Button size="sm" onClick={() => onOpen(reminder)}>
          {t("scheduling.reminder.open")}
        </Button>
      </div>
      <IconButton icon="x" label={t("scheduling.reminder.dismiss")} onClick={() => onDismiss(reminder)} className="size-7" />
    </div>
  );
}
