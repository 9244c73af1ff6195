import { Button, IconButton } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";

export interface AttentionAlert {
  conversationId: string;
  /** The contact's name as the console knows it, or null. */
  name: string | null;
}

/**
 * In-page alerts for supervisors: a conversation turned strongly negative and waits for an answer. They stay until
 * opened or dismissed (a desktop notification also goes out when the browser allows it).
 */
export function AttentionToasts({
  alerts,
  onOpen,
  onDismiss,
}: {
  alerts: AttentionAlert[];
  onOpen: (conversationId: string) => void;
  onDismiss: (conversationId: string) => void;
}) {
  const t = useT();
  return (
    <section
      aria-label={t("copilot.attention.alerts")}
      className="fixed right-4 bottom-4 z-40 flex w-80 max-w-[90vw] flex-col gap-2 empty:hidden"
    >
      {alerts.map((alert) => (
        <div
          key={alert.conversationId}
          role="alert"
          className="flex items-start gap-2 rounded-lg border border-red-200 bg-white p-3 text-sm shadow-lg dark:border-red-900 dark:bg-slate-900"
        >
          <div className="min-w-0 flex-1 space-y-1.5">
            <p className="font-medium">{t("copilot.attention.notify.title", { name: alert.name ?? t("contact.unknown") })}</p>
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("copilot.attention.notify.body")}</p>
            <Button size="sm" onClick={() => onOpen(alert.conversationId)}>
              {t("copilot.attention.open")}
            </Button>
          </div>
          <IconButton icon="x" label={t("copilot.attention.dismiss")} onClick={() => onDismiss(alert.conversationId)} className="size-7" />
        </div>
      ))}
    </section>
  );
}
