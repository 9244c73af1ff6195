import { useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useSession } from "../../../lib/services.tsx";
import { type Team, usePeople, useTeams } from "../api/teams.ts";
import { DeleteTeamDialog } from "./delete-team-dialog.tsx";
import { TeamDialog } from "./team-dialog.tsx";

type Editing = { kind: "create" } | { kind: "edit"; team: Team } | { kind: "delete"; team: Team } | null;

/** Admin → Teams: groups of agents the reports filter and compare by. Administrators change them; others read. */
export function TeamsAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const session = useSession();
  const teams = useTeams();
  const people = usePeople();
  const [editing, setEditing] = useState<Editing>(null);
  const canEdit = session?.user.role === "admin";
  const everyone = people.data?.data ?? [];
  const nameOf = (userId: string) => everyone.find((p) => p.id === userId)?.name ?? t("teams.member.unknown");
  const close = () => setEditing(null);

  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 className="text-xl font-semibold">{t("teams.title")}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("teams.intro")}</p>
        </div>
        {canEdit ? (
          <Button variant="primary" onClick={() => setEditing({ kind: "create" })}>
            {t("teams.create")}
          </Button>
        ) : null}
      </header>
      {teams.isPending ? <p className="text-sm">{t("common.loading")}</p> : null}
      {teams.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t("teams.error", { reason: errorText(teams.error) })}
        </p>
      ) : null}
      {teams.data && teams.data.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("teams.empty")}</p> : null}
      {teams.data && teams.data.length > 0 ? (
        <ul
          aria-label={t("teams.list")}
          className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        >
          {teams.data.map((team) => (
            <li key={team.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div className="min-w-0">
                <p className="font-medium">{team.name}</p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {team.memberIds.length === 0
                    ? t("teams.no-members")
                    : t("teams.member-list", { count: team.memberIds.length, names: team.memberIds.map(nameOf).join(", ") })}
                </p>
              </div>
              {canEdit ? (
                <div className="flex gap-2">
                  <Button
                    size="sm"
                    aria-label={t("teams.edit.label", { name: team.name })}
                    onClick={() => setEditing({ kind: "edit", team })}
                  >
                    {t("teams.edit")}
                  </Button>
                  <Button
                    size="sm"
                    variant="danger"
                    aria-label={t("teams.delete.label", { name: team.name })}
                    onClick={() => setEditing({ kind: "delete", team })}
                  >
                    {t("teams.delete")}
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? null : <p className="text-sm text-slate-600 dark:text-slate-400">{t("teams.read-only")}</p>}
      {editing?.kind === "create" ? <TeamDialog people={everyone} onClose={close} /> : null}
      {editing?.kind === "edit" ? <TeamDialog team={editing.team} people={everyone} onClose={close} /> : null}
      {editing?.kind === "delete" ? <DeleteTeamDialog team={editing.team} onClose={close} /> : null}
    </div>
  );
}
