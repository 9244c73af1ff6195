import { Icon } from "../../../components/ui/icon.tsx";
import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { MessageLocation } from "../../../lib/api-types.ts";
import { safeHttpUrl } from "../../../lib/safe-url.ts";

function osmUrl({ latitude, longitude }: MessageLocation): string {
  const lat = latitude.toFixed(6);
  const lon = longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

export function LocationContent({ location }: { location: MessageLocation }) {
  const t = useT();
  const format = useFormat();
  const valid = Number.isFinite(location.latitude) && Number.isFinite(location.longitude);
  const website = safeHttpUrl(location.url);
  return (
    <div className="flex items-start gap-2">
      <Icon name="pin" className="mt-0.5 size-5 shrink-0 text-red-600" />
      <div className="min-w-0 space-y-0.5 text-sm">
        <p className="font-medium">{location.name ?? t("message.location")}</p>
        {location.address ? <p className="text-slate-700 dark:text-slate-300">{location.address}</p> : null}
        {valid ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {format.number(location.latitude)}, {format.number(location.longitude)}
          </p>
        ) : null}
        {valid ? (
          <a
            href={osmUrl(location)}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1 text-sky-700 underline dark:text-sky-300"
          >
            {t("message.location.map")}
            <Icon name="external" className="size-3.5" />
          </a>
        ) : null}
        {website ? (
          <a
            href={website}
            target="_blank"
            rel="noopener noreferrer"
            className="block break-all text-xs text-sky-700 underline dark:text-sky-300"
          >
            {location.url}
          </a>
        ) : null}
      </div>
    </div>
  );
}
