import { Icon } from "../../../components/ui/icon.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";

/**
 * WhatsApp's delivery marks for a message the business sent: a clock while queued, ✓ sent, ✓✓ delivered,
 * blue ✓✓ read (or played), red ! failed with the reason on hover.
 */
export function StatusTicks({ message }: { message: Message }) {
  const t = useT();
  const { status } = message;
  if (message.direction !== "outbound" || status === "received") return null;
  const label = t(`message.status.${status}`);
  if (status === "failed") {
    const reason = message.error?.message ?? label;
    return (
      <span role="img" aria-label={t("message.failed", { reason })} title={reason} className="inline-flex text-red-700 dark:text-red-400">
        <Icon name="alert" className="size-4" />
      </span>
    );
  }
  const icon = status === "queued" || status === "sending" ? "clock" : status === "accepted" || status === "sent" ? "check" : "checks";
  const colour = status === "read" || status === "played" ? "text-sky-600 dark:text-sky-400" : "text-slate-500 dark:text-slate-400";
  return (
    <span role="img" aria-label={label} title={label} data-status={status} className={`inline-flex ${colour}`}>
      <Icon name={icon} className="size-4" />
    </span>
  );
}
