import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useChannelMembers } from "../api/get-channel-members.ts";
import { usePeople } from "../api/get-people.ts";
import { useUpdateChannelMembers } from "../api/update-channel-members.ts";

/**
 * Who works this number: people without "see every conversation" see only the conversations of the numbers they are a
 * member of (and those assigned to them). Active users are listed, plus any deactivated one still a member.
 */
export function ChannelMembers({ channelId }: { channelId: string }) {
  const t = useT();
  const errorText = useErrorText();
  const members = useChannelMembers(channelId);
  const people = usePeople();
  const update = useUpdateChannelMembers(channelId);
  // null: nothing changed since the last load or save (the saved list is shown).
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const titleId = useId();
  const hintId = useId();
  const saved = new Set(members.data?.userIds ?? []);
  const selected = chosen ?? saved;

  const toggle = (userId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(userId);
    else next.delete(userId);
    setChosen(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const everyone = people.data?.data ?? [];
    update.mutate(
      everyone.filter((p) => selected.has(p.id)).map((p) => p.id),
      { onSuccess: () => setChosen(null) },
    );
  };

  const failed = members.error ?? people.error;
  return (
    <section aria-labelledby={titleId} className="space-y-3">
      <h4 id={titleId} className="font-semibold">
        {t("channels.members.title")}
      </h4>
      <p id={hintId} className="text-sm text-slate-600 dark:text-slate-400">
        {t("channels.members.hint")}
      </p>
      {members.isPending || people.isPending ? (
        <p className="text-sm">{t("channels.members.loading")}</p>
      ) : failed ? (
        <div role="alert" className="space-y-2 text-sm">
          <p>{errorText(failed)}</p>
          <Button
            size="sm"
            onClick={() => {
              void members.refetch();
              void people.refetch();
            }}
          >
            {t("channels.members.retry")}
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-3" noValidate>
          <fieldset aria-describedby={hintId} className="space-y-1">
            <legend className="sr-only">{t("channels.members.legend")}</legend>
            {(people.data?.data ?? [])
              .filter((person) => person.active !== false || saved.has(person.id))
              .map((person) => {
                const id = `member-${channelId}-${person.id}`;
                const seesAll = person.effectivePermissions?.includes("conversations.see_all") ?? false;
                return (
                  <div key={person.id} className="flex items-start gap-3 py-1">
                    <input
                      id={id}
                      type="checkbox"
                      className="mt-1 size-4"
                      checked={selected.has(person.id)}
                      disabled={update.isPending}
                      onChange={(event) => toggle(person.id, event.target.checked)}
                      {...(seesAll ? { "aria-describedby": `${id}-note` } : {})}
                    />
                    <div className="min-w-0 text-sm">
                      <label htmlFor={id} className="font-medium">
                        {person.name}
                      </label>
                      <span className="ml-2 break-all text-slate-600 dark:text-slate-400">{person.email}</span>
                      {seesAll ? (
                        <p id={`${id}-note`} className="text-xs text-slate-600 dark:text-slate-400">
                          {t("channels.members.sees-all")}
                        </p>
                      ) : null}
                    </div>
                  </div>
                );
              })}
          </fieldset>
          {update.isSuccess && chosen === null ? (
            <p role="status" className="text-sm text-emerald-800 dark:text-emerald-200">
              {t("channels.members.saved")}
            </p>
          ) : null}
          {update.error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {errorText(update.error)}
            </p>
          ) : null}
          <Button type="submit" variant="primary" disabled={update.isPending || chosen === null}>
            {update.isPending ? t("channels.members.saving") : t("channels.members.save")}
          </Button>
        </form>
      )}
    </section>
  );
}
