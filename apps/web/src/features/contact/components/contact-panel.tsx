import type { ReactNode } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { IconButton } from "../../../components/ui/button.tsx";
import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Contact } from "../../../lib/api-types.ts";
import { contactInitials, contactName } from "../../../lib/contact-name.ts";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

function attributeText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : (JSON.stringify(value) ?? "");
}

/** The customer behind the conversation: identity, tags and the CRM's attributes (read-only for now). */
export function ContactPanel({ contact, onClose }: { contact: Contact | null; onClose?: () => void }) {
  const t = useT();
  const format = useFormat();
  const attributes = Object.entries(contact?.attributes ?? {});
  return (
    <aside aria-label={t("contact.title")} className="flex h-full min-h-0 flex-col overflow-y-auto bg-white dark:bg-slate-900">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 className="text-sm font-semibold">{t("contact.title")}</h2>
        {onClose ? <IconButton icon="x" label={t("contact.close")} onClick={onClose} /> : null}
      </div>
      <div className="flex flex-col items-center gap-2 p-4">
        <span
          aria-hidden="true"
          className="flex size-16 items-center justify-center rounded-full bg-brand-100 text-xl font-semibold text-brand-800 dark:bg-brand-900 dark:text-brand-100"
        >
          {contactInitials(contact)}
        </span>
        <p className="text-center font-semibold">{contactName(contact) ?? t("contact.unknown")}</p>
      </div>
      {contact ? (
        <dl className="space-y-3 px-4 pb-4">
          {contact.phone ? <Field label={t("contact.phone")}>{contact.phone}</Field> : null}
          {contact.waId ? <Field label={t("contact.whatsapp-id")}>{contact.waId}</Field> : null}
          {contact.username ? <Field label={t("contact.username")}>{contact.username}</Field> : null}
          {contact.externalId ? <Field label={t("contact.external-id")}>{contact.externalId}</Field> : null}
          <Field label={t("contact.tags")}>
            {contact.tags.length ? (
              <span className="mt-1 flex flex-wrap gap-1">
                {contact.tags.map((tag) => (
                  <Badge key={tag}>{tag}</Badge>
                ))}
              </span>
            ) : (
              <span className="text-slate-600 dark:text-slate-400">{t("contact.no-tags")}</span>
            )}
          </Field>
          {attributes.length ? (
            <Field label={t("contact.attributes")}>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                {attributes.map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="font-medium">{key}</dt>
                    <dd className="break-words">{attributeText(value)}</dd>
                  </div>
                ))}
              </dl>
            </Field>
          ) : null}
          <Field label={t("contact.since")}>{format.dateTime(contact.createdAt)}</Field>
        </dl>
      ) : null}
    </aside>
  );
}
