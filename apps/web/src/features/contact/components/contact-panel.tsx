import type { ReactNode } from "react";
import { IconButton } from "../../../components/ui/button.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Contact } from "../../../lib/api-types.ts";
import { contactInitials } from "../../../lib/contact-name.ts";
import { useUpdateContact } from "../api/update-contact.ts";
import { ContactAttributes } from "./contact-attributes.tsx";
import { ContactConversations } from "./contact-conversations.tsx";
import { ContactNameEditor } from "./contact-name-editor.tsx";
import { ContactNotes } from "./contact-notes.tsx";
import { ContactTags } from "./contact-tags.tsx";
import { CopyableField } from "./copyable-field.tsx";
import { PanelSection } from "./panel-section.tsx";
import type { SaveContact } from "./save-contact.ts";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

/** Everything about one contact the agent can see and change: name, tags, attributes, notes and history. */
function ContactDetails({
  contact,
  conversationId,
  onOpenConversation,
  extraSections,
}: {
  contact: Contact;
  conversationId?: string;
  onOpenConversation?: (conversationId: string) => void;
  extraSections?: ContactSections | undefined;
}) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const update = useUpdateContact(contact.id);
  const save: SaveContact = (body, callbacks) => update.mutate(body, callbacks);
  const saving = update.isPending;

  return (
    <>
      <div className="flex flex-col items-center gap-2 px-4 pt-4 pb-2">
        <span
          aria-hidden="true"
          className="flex size-16 items-center justify-center rounded-full bg-brand-100 text-xl font-semibold text-brand-800 dark:bg-brand-900 dark:text-brand-100"
        >
          {contactInitials(contact)}
        </span>
        {contact.erasedAt ? (
          <p className="text-center font-semibold">{t("contact.erased")}</p>
        ) : (
          <ContactNameEditor contact={contact} onSave={save} saving={saving} />
        )}
        {update.isError ? (
          <p role="alert" className="text-center text-sm text-red-700 dark:text-red-400">
            {errorText(update.error)}
          </p>
        ) : null}
      </div>
      <dl className="space-y-3 px-4 pb-4">
        {contact.phone ? <CopyableField label={t("contact.phone")} value={contact.phone} /> : null}
        {contact.waId ? <CopyableField label={t("contact.whatsapp-id")} value={contact.waId} /> : null}
        {contact.username ? <Field label={t("contact.username")}>{contact.username}</Field> : null}
        {contact.externalId ? <Field label={t("contact.external-id")}>{contact.externalId}</Field> : null}
        <Field label={t("contact.since")}>{format.dateTime(contact.createdAt)}</Field>
      </dl>
      {contact.erasedAt ? null : (
        <>
          <PanelSection title={t("contact.tags")}>
            <ContactTags tags={contact.tags} onSave={save} saving={saving} />
          </PanelSection>
          <PanelSection title={t("contact.attributes")}>
            <ContactAttributes attributes={contact.attributes} onSave={save} saving={saving} />
          </PanelSection>
        </>
      )}
      {extraSections?.(contact)}
      {contact.erasedAt ? null : (
        <PanelSection title={t("contact-panel.notes.title")}>
          <ContactNotes contactId={contact.id} />
        </PanelSection>
      )}
      <PanelSection title={t("contact-panel.conversations.title")}>
        <ContactConversations contactId={contact.id} currentConversationId={conversationId} onOpenConversation={onOpenConversation} />
      </PanelSection>
    </>
  );
}

/** Sections other features add to the panel (consent, data-subject requests), composed by the app. */
export type ContactSections = (contact: Contact) => ReactNode;

/**
 * The customer behind the conversation. `contact` comes from the conversation's query, which the panel's saves update,
 * so the inbox list and the header show a new name at once; `conversationId` is left out of the history.
 */
export function ContactPanel({
  contact,
  conversationId,
  onClose,
  onOpenConversation,
  extraSections,
}: {
  contact: Contact | null;
  conversationId?: string;
  onClose?: () => void;
  onOpenConversation?: (conversationId: string) => void;
  extraSections?: ContactSections;
}) {
  const t = useT();
  return (
    <aside aria-label={t("contact.title")} className="flex h-full min-h-0 flex-col overflow-y-auto bg-white dark:bg-slate-900">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 className="text-sm font-semibold">{t("contact.title")}</h2>
        {onClose ? <IconButton icon="x" label={t("contact.close")} onClick={onClose} /> : null}
      </div>
      {contact ? (
        <ContactDetails
          key={contact.id}
          contact={contact}
          conversationId={conversationId}
          onOpenConversation={onOpenConversation}
          extraSections={extraSections}
        />
      ) : (
        <p className="p-4 text-center font-semibold">{t("contact.unknown")}</p>
      )}
    </aside>
  );
}
