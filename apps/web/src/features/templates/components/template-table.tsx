import { Badge } from "../../../components/ui/badge.tsx";
import { IconButton } from "../../../components/ui/button.tsx";
import { TemplateBubble } from "../../../components/whatsapp/template-bubble.tsx";
import { useFormat, useLocale, useT } from "../../../i18n/i18n.tsx";
import type { TemplateDto } from "../api/types.ts";
import { previewOfTemplate } from "../utils/draft.ts";
import {
  categoryLabel,
  isCategory,
  isKnownStatus,
  isQuality,
  languageName,
  qualityColour,
  qualityLabel,
  rejectionReason,
  statusExplanation,
  statusLabel,
  statusTone,
} from "../utils/labels.ts";

function StatusCell({ template }: { template: TemplateDto }) {
  const t = useT();
  const known = isKnownStatus(template.status) ? template.status : null;
  const reason = template.statusReason && template.statusReason !== "NONE" ? template.statusReason : null;
  const reasonKey = reason ? rejectionReason[reason] : undefined;
  return (
    <div className="space-y-1">
      <Badge tone={known ? statusTone[known] : "neutral"}>{known ? t(statusLabel[known]) : template.status}</Badge>
      {known ? <p className="text-xs text-slate-600 dark:text-slate-400">{t(statusExplanation[known])}</p> : null}
      {reason ? (
        <p className="text-xs text-red-800 dark:text-red-300">
          {t("templates-admin.reason", { reason: reasonKey ? t(reasonKey) : reason })}
        </p>
      ) : null}
    </div>
  );
}

function QualityDot({ quality }: { quality: string }) {
  const t = useT();
  const known = isQuality(quality) ? quality : "UNKNOWN";
  const label = t(qualityLabel[known]);
  return (
    <span className="inline-flex items-center gap-1.5 text-xs">
      <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${qualityColour[known]}`} />
      {label}
    </span>
  );
}

/** One number's templates: what each is, whether it can be sent (and why not), its quality and when it was last synced. */
export function TemplateTable({ templates, onDelete }: { templates: TemplateDto[]; onDelete: (template: TemplateDto) => void }) {
  const t = useT();
  const format = useFormat();
  const { locale } = useLocale();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("templates-admin.list")}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("templates-admin.column.name")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("templates-admin.column.category")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("templates-admin.column.status")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("templates-admin.column.quality")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("templates-admin.column.synced")}
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">{t("templates-admin.column.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {templates.map((template) => (
            <tr key={template.id} className="align-top">
              <th scope="row" className="px-3 py-2 font-normal">
                <span className="block font-mono font-medium">{template.name}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {languageName(template.language, locale)} · {template.language}
                </span>
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer text-brand-800 dark:text-brand-200">{t("templates-admin.show-preview")}</summary>
                  <div className="mt-2 w-72">
                    <TemplateBubble content={previewOfTemplate(template)} />
                  </div>
                </details>
              </th>
              <td className="px-3 py-2">{isCategory(template.category) ? t(categoryLabel[template.category]) : template.category}</td>
              <td className="max-w-xs px-3 py-2">
                <StatusCell template={template} />
              </td>
              <td className="px-3 py-2">
                <QualityDot quality={template.quality} />
              </td>
              <td className="px-3 py-2 text-xs text-slate-600 dark:text-slate-400">
                {template.syncedAt ? (
                  <time dateTime={template.syncedAt} title={format.dateTime(template.syncedAt)}>
                    {format.relative(template.syncedAt)}
                  </time>
                ) : (
                  t("templates-admin.never-synced")
                )}
              </td>
              <td className="px-3 py-2 text-right">
                <IconButton
                  icon="trash"
                  label={t("templates-admin.delete", { name: template.name, language: template.language })}
                  onClick={() => onDelete(template)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
