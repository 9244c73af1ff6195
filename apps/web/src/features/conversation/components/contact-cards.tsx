import { Icon } from "../../../components/ui/icon.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { ContactCard } from "../../../lib/api-types.ts";

/** Shared contact cards: name, organisation, phones and e-mails, all as text. */
export function ContactCards({ cards }: { cards: ContactCard[] }) {
  const t = useT();
  return (
    <ul aria-label={t("message.contacts")} className="space-y-2">
      {cards.map((card, index) => {
        const org = [card.org?.company, card.org?.title].filter(Boolean).join(" · ");
        return (
          // Cards have no id; their order is fixed by the message.
          // biome-ignore lint/suspicious/noArrayIndexKey: immutable list
          <li key={index} className="flex gap-2 rounded-lg bg-black/5 p-2 dark:bg-white/10">
            <Icon name="user" className="mt-0.5 size-5 shrink-0 text-slate-500" />
            <div className="min-w-0 text-sm">
              <p className="font-medium">{card.name?.formattedName ?? t("contact.unknown")}</p>
              {org ? <p className="text-xs text-slate-600 dark:text-slate-300">{t("message.contacts.org", { company: org })}</p> : null}
              {(card.phones ?? []).map((phone, i) =>
                phone.phone ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: immutable list
                  <p key={`p${i}`} className="text-xs">
                    {phone.phone}
                    {phone.type ? ` (${phone.type})` : ""}
                  </p>
                ) : null,
              )}
              {(card.emails ?? []).map((email, i) =>
                email.email ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: immutable list
                  <p key={`e${i}`} className="text-xs break-all">
                    {email.email}
                  </p>
                ) : null,
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
