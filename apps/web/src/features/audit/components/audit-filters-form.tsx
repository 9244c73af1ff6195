import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { User } from "../../../lib/api-types.ts";
import type { AuditFilters } from "../api/types.ts";
import { ACTION_FILTERS, TARGET_TYPES, targetLabel } from "../utils/labels.ts";

interface Draft {
  action: string;
  actor: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

const EMPTY: Draft = { action: "", actor: "", targetType: "", targetId: "", from: "", to: "" };

/** `<input type="datetime-local">` speaks local time without a zone; the API takes an instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The filters a draft stands for (empty fields are no filter). */
export function filtersOf(draft: Draft): AuditFilters {
  const filters: AuditFilters = {};
  if (draft.action) filters.action = draft.action;
  if (draft.actor) filters.actor = draft.actor;
  if (draft.targetType) filters.targetType = draft.targetType;
  if (draft.targetId.trim()) filters.targetId = draft.targetId.trim();
  const from = toInstant(draft.from);
  const to = toInstant(draft.to);
  if (from) filters.from = from;
  if (to) filters.to = to;
  return filters;
}

/** Action family, who, what it is about and when; applied on submit, so typing an id does not query at each key. */
export function AuditFiltersForm({ people, onApply }: { people: User[]; onApply: (filters: AuditFilters) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(filtersOf(draft));
  };

  return (
    <form
      aria-label={t("audit.filters")}
      onSubmit={submit}
      className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField label={t("audit.filter.action")} value={draft.action} onChange={(event) => set("action")(event.currentTarget.value)}>
          <option value="">{t("audit.filter.action.all")}</option>
          {ACTION_FILTERS.map((option) => (
            <option key={option.value} value={option.value}>
              {t(option.label)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("audit.filter.actor")} value={draft.actor} onChange={(event) => set("actor")(event.currentTarget.value)}>
          <option value="">{t("audit.filter.actor.all")}</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
          <option value="system">{t("audit.filter.actor.system")}</option>
        </SelectField>
        <SelectField
          label={t("audit.filter.target-type")}
          value={draft.targetType}
          onChange={(event) => set("targetType")(event.currentTarget.value)}
        >
          <option value="">{t("audit.filter.target-type.all")}</option>
          {TARGET_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(targetLabel(type) ?? "audit.filter.target-type.all")}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("audit.filter.target-id")}
          value={draft.targetId}
          onChange={(event) => set("targetId")(event.currentTarget.value)}
          placeholder={t("audit.filter.target-id.placeholder")}
          spellCheck={false}
        />
        <TextField
          label={t("audit.filter.from")}
          type="datetime-local"
          value={draft.from}
          onChange={(event) => set("from")(event.currentTarget.value)}
        />
        <TextField
          label={t("audit.filter.to")}
          type="datetime-local"
          value={draft.to}
          onChange={(event) => set("to")(event.currentTarget.value)}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary">
          {t("audit.filter.apply")}
        </Button>
        <Button
          onClick={() => {
            setDraft(EMPTY);
            onApply({});
          }}
        >
          {t("audit.filter.clear")}
        </Button>
      </div>
    </form>
  );
}
