import { useLocale, useT } from "../../../i18n/i18n.tsx";
import { formatOffset, offsetMinutes, timeZoneName } from "../../../lib/time-zone.ts";

/** "Horário de Brasília (America/Sao_Paulo)": the zone the times around it are read in. */
export function TimeZoneLabel({ timeZone, now = Date.now() }: { timeZone: string; now?: number }) {
  const t = useT();
  const { locale } = useLocale();
  const name = timeZoneName(timeZone, locale, now) ?? formatOffset(offsetMinutes(now, timeZone));
  return <p className="text-xs text-slate-600 dark:text-slate-400">{t("scheduling.time-zone", { name, zone: timeZone })}</p>;
}
