import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { useContactConversations } from "../api/get-contact-conversations.ts";

/** The contact's other conversations, newest activity first; choosing one opens it. */
export function ContactConversations({
  contactId,
  currentConversationId,
  onOpenConversation,
}: {
  contactId: string;
  currentConversationId?: string;
  onOpenConversation?: (conversationId: string) => void;
}) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const query = useContactConversations(contactId);
  const conversations = (query.data?.pages.flatMap((page) => page.data) ?? []).filter((c) => c.id !== currentConversationId);

  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {errorText(query.error)}
      </p>
    );
  }
  if (query.isPending) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("common.loading")}</p>;
  return (
    <div className="space-y-2">
      {conversations.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("contact-panel.conversations.empty")}</p>
      ) : (
        <ul className="space-y-1">
          {conversations.map((conversation) => {
            const content = (
              <>
                <Badge tone={conversation.status === "resolved" ? "neutral" : "info"}>
                  {t(`conversation.status.${conversation.status}`)}
                </Badge>
                <time dateTime={conversation.lastActivityAt} className="text-slate-700 dark:text-slate-300">
                  {format.dateTime(conversation.lastActivityAt)}
                </time>
              </>
            );
            return (
              <li key={conversation.id}>
                {onOpenConversation ? (
                  <button
                    type="button"
                    onClick={() => onOpenConversation(conversation.id)}
                    className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                  >
                    {content}
                  </button>
                ) : (
                  <div className="flex items-center gap-2 px-2 py-1.5 text-sm">{content}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {query.hasNextPage ? (
        <Button size="sm" variant="ghost" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {t("contact-panel.conversations.load-more")}
        </Button>
      ) : null}
    </div>
  );
}
