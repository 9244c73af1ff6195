import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { AuditEvent } from "../api/types.ts";
import { actionLabel, targetLabel } from "../utils/labels.ts";

/** A detail's value as text; a user's id is shown as their name. */
function valueText(value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => valueText(v, names)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function Entries({ values, names }: { values: Record<string, unknown>; names: ReadonlyMap<string, string> }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-slate-600 dark:text-slate-400">{key}</dt>
          <dd className="break-all">{valueText(value, names)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Actor({ actor, names }: { actor: AuditEvent["actor"]; names: ReadonlyMap<string, string> }) {
  const t = useT();
  if (actor.type === "user") return <>{(actor.id && names.get(actor.id)) ?? t("audit.actor.unknown-user", { id: actor.id ?? "?" })}</>;
  if (actor.type === "system") return <>{t("audit.actor.system", { name: actor.id ?? "?" })}</>;
  if (actor.type === "api") return <>{t("audit.actor.api")}</>;
  return <>{t("audit.actor.anonymous")}</>;
}

/** The records as a table: number, time, who, what, about what, details (and the personal part) and address. */
export function AuditEventList({ events, names }: { events: AuditEvent[]; names: ReadonlyMap<string, string> }) {
  const t = useT();
  const format = useFormat();
  const header = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full min-w-[56rem] text-sm">
        <caption className="sr-only">{t("audit.list")}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            <th scope="col" className={header}>
              {t("audit.column.seq")}
            </th>
            <th scope="col" className={header}>
              {t("audit.column.at")}
            </th>
            <th scope="col" className={header}>
              {t("audit.column.actor")}
            </th>
            <th scope="col" className={header}>
              {t("audit.column.action")}
            </th>
            <th scope="col" className={header}>
              {t("audit.column.target")}
            </th>
            <th scope="col" className={header}>
              {t("audit.column.details")}
            </th>
            <th scope="col" className={header}>
              {t("audit.column.ip")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {events.map((event) => {
            const action = actionLabel(event.action);
            const target = event.target && targetLabel(event.target.type);
            return (
              <tr key={event.seq} className="align-top">
                <td className="px-3 py-2 font-mono tabular-nums">{event.seq}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <time dateTime={event.at}>{format.dateTime(event.at)}</time>
                </td>
                <td className="px-3 py-2">
                  <Actor actor={event.actor} names={names} />
                </td>
                <td className="px-3 py-2">
                  <span className="block">{action ? t(action) : event.action}</span>
                  {action ? <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">{event.action}</span> : null}
                </td>
                <td className="px-3 py-2">
                  {event.target ? (
                    <>
                      <span className="block">{target ? t(target) : event.target.type}</span>
                      {event.target.id ? (
                        <span className="block font-mono text-xs break-all text-slate-600 dark:text-slate-400">
                          {names.get(event.target.id) ?? event.target.id}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="space-y-1 px-3 py-2 text-xs">
                  <Entries values={event.details} names={names} />
                  {event.personal ? (
                    <div className="rounded border border-dashed border-slate-300 p-1.5 dark:border-slate-700">
                      <p className="font-medium">{t("audit.personal")}</p>
                      <Entries values={event.personal} names={names} />
                    </div>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{event.ip ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
