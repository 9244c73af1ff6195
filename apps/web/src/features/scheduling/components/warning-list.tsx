import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { SchedulingWarning } from "../api/types.ts";

/** The server's warnings about what was just scheduled, in the agent's language where the code is known. */
export function WarningList({ warnings, onUseTemplate }: { warnings: SchedulingWarning[]; onUseTemplate?: (() => void) | undefined }) {
  const t = useT();
  if (warnings.length === 0) return null;
  return (
    <ul aria-label={t("scheduling.warnings")} className="space-y-2">
      {warnings.map((warning) => (
        <li
          key={warning.code}
          role="alert"
          className="space-y-1.5 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          <p className="flex items-start gap-1.5 font-medium">
            <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
            {warning.code === "scheduling.window_closed_at_send_time" ? t("scheduling.warning.window-closed") : warning.message}
          </p>
          {warning.details?.use === "template" ? (
            <>
              <p className="text-xs">{t("scheduling.warning.use-template")}</p>
              {onUseTemplate ? (
                <Button size="sm" onClick={onUseTemplate}>
                  <Icon name="template" className="size-4" />
                  {t("scheduling.use-template")}
                </Button>
              ) : null}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
