import { FormattedText } from "../../../components/formatted-text.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { CampaignTemplate } from "../api/types.ts";
import { buttonTexts, componentText, fillText, headerFormat } from "../utils/mapping.ts";

/** The template as a customer would see it, variables filled with `values` (by variable key). */
export function CampaignTemplatePreview({ template, values }: { template: CampaignTemplate; values: Record<string, string> }) {
  const t = useT();
  const header = componentText(template, "HEADER");
  const body = componentText(template, "BODY");
  const footer = componentText(template, "FOOTER");
  const format = headerFormat(template);
  const media = format === "IMAGE" || format === "VIDEO" || format === "DOCUMENT";
  const buttons = buttonTexts(template);
  return (
    <figure className="max-w-sm rounded-xl bg-slate-100 p-3 dark:bg-slate-950">
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">{t("campaigns.preview")}</figcaption>
      <div
        data-testid="campaign-preview"
        className="space-y-1 rounded-2xl rounded-br-sm bg-brand-100 px-3 py-2 text-sm text-slate-900 dark:bg-brand-900 dark:text-slate-50"
      >
        {media ? (
          <p className="flex h-16 items-center justify-center rounded-lg bg-black/10 px-2 text-center text-xs dark:bg-white/10">
            {values["header.media"] ?? t(format === "IMAGE" ? "message.image" : format === "VIDEO" ? "message.video" : "message.document")}
          </p>
        ) : null}
        {header && !media ? <p className="font-semibold">{fillText(header, "header", values)}</p> : null}
        {body ? <FormattedText text={fillText(body, "body", values)} className="block" /> : null}
        {footer ? <p className="text-xs text-slate-600 dark:text-slate-300">{footer}</p> : null}
      </div>
      {buttons.length ? (
        <ul className="mt-1 space-y-1">
          {buttons.map((text, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: buttons have no id and never reorder here
              key={index}
              className="rounded-lg bg-white px-3 py-1 text-center text-sm text-sky-800 dark:bg-slate-800 dark:text-sky-200"
            >
              {text}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}
