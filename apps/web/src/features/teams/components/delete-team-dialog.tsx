import { ConfirmDialog } from "../../../components/ui/confirm-dialog.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import { type Team, useDeleteTeam } from "../api/teams.ts";

/** Asks before deleting: the reports stop offering the team as a filter. */
export function DeleteTeamDialog({ team, onClose }: { team: Team; onClose: () => void }) {
  const t = useT();
  const remove = useDeleteTeam(team.id);
  return (
    <ConfirmDialog
      title={t("teams.delete.title", { name: team.name })}
      warning={t("teams.delete.warning")}
      cancelLabel={t("teams.cancel")}
      confirmLabel={remove.isPending ? t("teams.delete.submitting") : t("teams.delete.submit")}
      pending={remove.isPending}
      error={remove.isError ? remove.error : null}
      onConfirm={() => remove.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}
