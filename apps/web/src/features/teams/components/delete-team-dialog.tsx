import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { type Team, useDeleteTeam } from "../api/teams.ts";

/** Asks before deleting: the reports stop offering the team as a filter. */
export function DeleteTeamDialog({ team, onClose }: { team: Team; onClose: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const remove = useDeleteTeam(team.id);
  return (
    <Dialog title={t("teams.delete.title", { name: team.name })} closeLabel={t("common.close")} onClose={onClose}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("teams.delete.warning")}</p>
        {remove.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(remove.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t("teams.cancel")}</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: onClose })}>
            {remove.isPending ? t("teams.delete.submitting") : t("teams.delete.submit")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
