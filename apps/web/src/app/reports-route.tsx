import { paths } from "../config/paths.ts";
import { ReportsScreen } from "../features/reports/components/reports-screen.tsx";
import { useT } from "../i18n/i18n.tsx";
import { canAdminister } from "../lib/roles.ts";
import { useSession } from "../lib/services.tsx";
import { BackToInboxHeader } from "./back-to-inbox-header.tsx";
import { useLiveUpdates } from "./use-live-updates.ts";

const openConversation = (conversationId: string) => {
  window.location.hash = paths.conversation.getHref(conversationId);
};

/**
 * The reports dashboard under its own header (a separate chunk, loaded on first visit). The live stream stays open
 * here too: whoever watches the dashboard is online (presence) and still hears about new messages.
 */
export function ReportsRoute() {
  const t = useT();
  const session = useSession();
  useLiveUpdates({ onOpenConversation: openConversation });
  if (!session) return null;
  return (
    <div className="flex h-full flex-col">
      <BackToInboxHeader title={canAdminister(session.user.role) ? t("reports.open") : t("reports.open.mine")} />
      <main className="min-h-0 min-w-0 flex-1 overflow-y-auto">
        <ReportsScreen user={session.user} />
      </main>
    </div>
  );
}
