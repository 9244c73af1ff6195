import { Button } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { EmbedRole } from "../api/types.ts";

export const EMBED_ROLES: readonly EmbedRole[] = ["agent", "supervisor", "admin"];
/** Each role's label (spelled out, so the catalogue check sees every key used). */
export const ROLE_LABELS = { agent: "embed.role.agent", supervisor: "embed.role.supervisor", admin: "embed.role.admin" } as const;
export type RoleRow = { value: string; role: EmbedRole };

/** CRM role value → Papo role, one row each. */
export function RoleMapEditor({ rows, onChange }: { rows: RoleRow[]; onChange: (rows: RoleRow[]) => void }) {
  const t = useT();
  const set = (index: number, row: Partial<RoleRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...row } : r)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t("embed.field.role-map")}</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t("embed.field.role-map.hint")}</p>
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own while being typed
        <div key={index} className="flex flex-wrap items-center gap-2">
          <input
            aria-label={t("embed.field.role-map.value", { n: index + 1 })}
            value={row.value}
            onChange={(event) => set(index, { value: event.target.value })}
            className="h-9 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-950"
          />
          <select
            aria-label={t("embed.field.role-map.role", { n: index + 1 })}
            value={row.role}
            onChange={(event) => set(index, { role: event.target.value as EmbedRole })}
            className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950"
          >
            {EMBED_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(ROLE_LABELS[role])}
              </option>
            ))}
          </select>
          <Button size="sm" variant="ghost" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {t("embed.field.role-map.remove")}
          </Button>
        </div>
      ))}
      <Button size="sm" onClick={() => onChange([...rows, { value: "", role: "agent" }])}>
        {t("embed.field.role-map.add")}
      </Button>
    </fieldset>
  );
}
