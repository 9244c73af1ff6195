import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/checkbox-field.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { User } from "../../../lib/api-types.ts";
import { type Team, useSaveTeam } from "../api/teams.ts";

const NAME_MAX_LENGTH = 60;

/** Creates a team or edits one: its name and who is in it (the list replaces the members on save). */
export function TeamDialog({ team, people, onClose }: { team?: Team | undefined; people: User[]; onClose: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const save = useSaveTeam(team?.id);
  const [name, setName] = useState(team?.name ?? "");
  const [memberIds, setMemberIds] = useState<string[]>(team?.memberIds ?? []);
  const nameMissing = !name.trim();
  const [touched, setTouched] = useState(false);

  const toggle = (userId: string, checked: boolean) => {
    save.reset();
    setMemberIds((current) => (checked ? [...current, userId] : current.filter((id) => id !== userId)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (nameMissing) return;
    save.mutate({ name: name.trim(), memberIds }, { onSuccess: onClose });
  };

  return (
    <Dialog
      title={team ? t("teams.edit.title", { name: team.name }) : t("teams.create.title")}
      closeLabel={t("common.close")}
      onClose={onClose}
    >
      <form onSubmit={submit} className="space-y-4">
        <TextField
          label={t("teams.name")}
          value={name}
          maxLength={NAME_MAX_LENGTH}
          onChange={(event) => {
            save.reset();
            setName(event.target.value);
          }}
          onBlur={() => setTouched(true)}
          error={touched && nameMissing ? t("teams.name.required") : undefined}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t("teams.members")}</legend>
          {people.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("teams.members.none")}</p> : null}
          <div className="max-h-64 space-y-1 overflow-y-auto">
            {people.map((person) => (
              <CheckboxField
                key={person.id}
                label={person.active === false ? t("teams.member.inactive", { name: person.name }) : person.name}
                hint={person.email}
                checked={memberIds.includes(person.id)}
                onChange={(checked) => toggle(person.id, checked)}
              />
            ))}
          </div>
        </fieldset>
        {save.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(save.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("teams.cancel")}</Button>
          <Button type="submit" variant="primary" disabled={save.isPending || nameMissing}>
            {save.isPending ? t("teams.saving") : t("teams.save")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
