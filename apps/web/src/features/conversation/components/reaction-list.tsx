import { useT } from "../../../i18n/i18n.tsx";
import type { Reaction } from "../../../lib/api-types.ts";

/** The reactions on a message, under its bubble. */
export function ReactionList({ reactions }: { reactions: Reaction[] }) {
  const t = useT();
  if (reactions.length === 0) return null;
  return (
    <ul aria-label={t("message.reactions")} className="-mt-1 flex gap-1">
      {reactions.map((reaction) => {
        const label = t(reaction.by === "contact" ? "message.reaction.contact" : "message.reaction.business", { emoji: reaction.emoji });
        return (
          <li
            key={`${reaction.by}-${reaction.at}`}
            title={label}
            className="rounded-full border border-slate-200 bg-white px-1.5 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-800"
          >
            <span aria-hidden="true">{reaction.emoji}</span>
            <span className="sr-only">{label}</span>
          </li>
        );
      })}
    </ul>
  );
}
