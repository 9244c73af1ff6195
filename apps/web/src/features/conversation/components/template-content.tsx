import { useT } from "../../../i18n/i18n.tsx";
import type { SentTemplate, TemplateParameter } from "../../../lib/api-types.ts";

function parameterText(parameter: TemplateParameter): string | null {
  if (typeof parameter === "string") return parameter;
  if (parameter.type === "text") return parameter.text;
  if (parameter.type === "currency" || parameter.type === "date_time") return parameter.fallbackValue;
  if (parameter.type === "location") return parameter.name ?? `${parameter.latitude}, ${parameter.longitude}`;
  return null;
}

/** A template the business sent: its name and language, and the values filled into it. */
export function TemplateContent({ template }: { template: SentTemplate }) {
  const t = useT();
  const values = (template.components ?? []).flatMap((component) =>
    "parameters" in component && Array.isArray(component.parameters) ? component.parameters.map(parameterText) : [],
  );
  return (
    <div className="space-y-1">
      <p className="text-xs font-medium text-slate-600 dark:text-slate-300">
        {t("message.template", { name: template.name, language: template.language })}
      </p>
      {values.length ? (
        <ul className="flex flex-wrap gap-1">
          {values.map((value, index) =>
            value ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: parameters are positional
              <li key={index} className="rounded bg-black/5 px-1.5 py-0.5 text-sm dark:bg-white/10">
                {value}
              </li>
            ) : null,
          )}
        </ul>
      ) : null}
    </div>
  );
}
