import { type FormEvent, type KeyboardEvent, useId, useState } from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import { inputClass } from "./panel-section.tsx";
import type { SaveContact } from "./save-contact.ts";

const KEY_MAX_LENGTH = 64;

function attributeText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : (JSON.stringify(value) ?? "");
}

const without = (attributes: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(attributes).filter(([other]) => other !== key));

/** One attribute: its value, or a field editing it (Enter saves, Escape cancels). */
function AttributeRow({
  name,
  value,
  onSave,
  onRemove,
  saving,
}: {
  name: string;
  value: unknown;
  onSave: (value: string, done: () => void) => void;
  onRemove: () => void;
  saving: boolean;
}) {
  const t = useT();
  const inputId = useId();
  const [draft, setDraft] = useState<string | null>(null);

  if (draft === null) {
    return (
      <li className="flex items-start gap-1 text-sm">
        <div className="min-w-0 flex-1">
          <p className="text-xs font-medium text-slate-600 dark:text-slate-400">{name}</p>
          <p className="break-words">{attributeText(value)}</p>
        </div>
        <IconButton
          icon="pencil"
          label={t("contact-panel.attributes.edit", { key: name })}
          onClick={() => setDraft(attributeText(value))}
        />
        <IconButton icon="trash" label={t("contact-panel.attributes.remove", { key: name })} onClick={onRemove} disabled={saving} />
      </li>
    );
  }

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    onSave(draft, () => setDraft(null));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setDraft(null);
    }
  };
  return (
    <li>
      <form onSubmit={submit} className="space-y-1">
        <label htmlFor={inputId} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
          {t("contact-panel.attributes.value-of", { key: name })}
        </label>
        <div className="flex items-center gap-1">
          <input
            id={inputId}
            // biome-ignore lint/a11y/noAutofocus: the agent just asked to edit this value.
            autoFocus
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            className={inputClass}
          />
          <Button type="submit" size="sm" disabled={saving}>
            {t("contact-panel.attributes.save")}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
            {t("contact-panel.attributes.cancel")}
          </Button>
        </div>
      </form>
    </li>
  );
}

/** The CRM's custom fields: each can be edited or removed, and new ones added; the whole set is saved at once. */
export function ContactAttributes({
  attributes,
  onSave,
  saving,
}: {
  attributes: Record<string, unknown>;
  onSave: SaveContact;
  saving: boolean;
}) {
  const t = useT();
  const keyId = useId();
  const valueId = useId();
  const [newKey, setNewKey] = useState("");
  const [newValue, setNewValue] = useState("");
  const entries = Object.entries(attributes);

  const add = (event?: FormEvent) => {
    event?.preventDefault();
    const key = newKey.trim();
    if (!key) return;
    onSave(
      { attributes: { ...attributes, [key]: newValue } },
      {
        onSuccess: () => {
          setNewKey("");
          setNewValue("");
        },
      },
    );
  };

  const addOnEnter = (event: KeyboardEvent) => {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    event.preventDefault();
    add();
  };

  return (
    <div className="space-y-3">
      {entries.length ? (
        <ul className="space-y-2">
          {entries.map(([key, value]) => (
            <AttributeRow
              key={key}
              name={key}
              value={value}
              saving={saving}
              onSave={(next, done) => onSave({ attributes: { ...attributes, [key]: next } }, { onSuccess: done })}
              onRemove={() => onSave({ attributes: without(attributes, key) })}
            />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("contact-panel.attributes.empty")}</p>
      )}
      <form onSubmit={add} className="grid grid-cols-[1fr_1fr_auto] items-end gap-1">
        <div className="min-w-0">
          <label htmlFor={keyId} className="block text-xs text-slate-600 dark:text-slate-400">
            {t("contact-panel.attributes.key")}
          </label>
          <input
            id={keyId}
            value={newKey}
            maxLength={KEY_MAX_LENGTH}
            onChange={(e) => setNewKey(e.target.value)}
            onKeyDown={addOnEnter}
            className={inputClass}
          />
        </div>
        <div className="min-w-0">
          <label htmlFor={valueId} className="block text-xs text-slate-600 dark:text-slate-400">
            {t("contact-panel.attributes.value")}
          </label>
          <input
            id={valueId}
            value={newValue}
            onChange={(e) => setNewValue(e.target.value)}
            onKeyDown={addOnEnter}
            className={inputClass}
          />
        </div>
        <IconButton type="submit" icon="plus" label={t("contact-panel.attributes.add")} disabled={saving || !newKey.trim()} />
      </form>
    </div>
  );
}
