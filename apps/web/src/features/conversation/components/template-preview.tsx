import { FormattedText } from "../../../components/formatted-text.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useFormat, useT } from "../../../i18n/i18n.tsx";
import type { MessageTemplate } from "../../../lib/api-types.ts";
import { buttonsOf, fillTemplate, hasLocationHeader, headerMediaFormat, textOf } from "../utils/template-params.ts";

/**
 * The template as the customer will see it, with the values typed so far: `values` are the displayed ones by
 * variable key (amounts and dates already formatted), `location` a LOCATION header's pin once it is valid.
 */
export function TemplatePreview({
  template,
  values,
  headerFile,
  location,
}: {
  template: MessageTemplate;
  values: Record<string, string>;
  headerFile?: string;
  location?: { latitude: number; longitude: number; name?: string; address?: string } | undefined;
}) {
  const t = useT();
  const format = useFormat();
  const header = textOf(template, "HEADER");
  const body = textOf(template, "BODY");
  const footer = textOf(template, "FOOTER");
  const buttons = buttonsOf(template);
  const media = headerMediaFormat(template);
  return (
    <figure className="rounded-xl bg-slate-100 p-3 dark:bg-slate-950">
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">{t("templates.preview")}</figcaption>
      <div
        data-testid="template-preview"
        className="space-y-1 rounded-2xl rounded-br-sm bg-brand-100 px-3 py-2 text-sm text-slate-900 dark:bg-brand-900 dark:text-slate-50"
      >
        {media ? (
          <p className="flex h-20 items-center justify-center rounded-lg bg-black/10 px-2 text-center text-xs dark:bg-white/10">
            {headerFile ?? t(media === "IMAGE" ? "message.image" : media === "VIDEO" ? "message.video" : "message.document")}
          </p>
        ) : null}
        {hasLocationHeader(template) ? (
          <div
            data-testid="template-preview-location"
            className="flex items-start gap-2 rounded-lg bg-black/10 px-2 py-2 text-xs dark:bg-white/10"
          >
            <Icon name="pin" className="mt-0.5 size-4 shrink-0" />
            {location ? (
              <span className="min-w-0">
                {location.name ? <span className="block font-semibold">{location.name}</span> : null}
                {location.address ? <span className="block">{location.address}</span> : null}
                <span className="block text-slate-600 dark:text-slate-300">
                  {format.number(location.latitude)}, {format.number(location.longitude)}
                </span>
              </span>
            ) : (
              <span>{t("message.location")}</span>
            )}
          </div>
        ) : null}
        {header ? <p className="font-semibold">{fillTemplate(header, "header", values)}</p> : null}
        {body ? <FormattedText text={fillTemplate(body, "body", values)} className="block" /> : null}
        {footer ? <p className="text-xs text-slate-600 dark:text-slate-300">{footer}</p> : null}
      </div>
      {buttons.length ? (
        <ul className="mt-1 space-y-1">
          {buttons.map((button) => (
            <li
              key={`${button.type}:${button.text}`}
              className="rounded-lg bg-white px-3 py-1 text-center text-sm text-sky-800 dark:bg-slate-800 dark:text-sky-200"
            >
              {button.text}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}
