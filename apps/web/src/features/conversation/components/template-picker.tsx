import { type FormEvent, useId, useMemo, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { Conversation, MessageTemplate } from "../../../lib/api-types.ts";
import { useTemplates } from "../api/get-templates.ts";
import { useSendMessage } from "../api/send-message.ts";
import { useUploadMedia } from "../api/upload-media.ts";
import {
  buttonsOf,
  defaultCurrency,
  displayValues,
  type HeaderMediaFormat,
  hasLocationHeader,
  headerLocationOf,
  headerMediaFormat,
  isTemplateComplete,
  type TemplateInputs,
  type TemplateVariable,
  templateSendComponents,
  templateVariables,
  variableKey,
} from "../utils/template-params.ts";
import { LocationFields, VariableField } from "./template-fields.tsx";
import { TemplatePreview } from "./template-preview.tsx";

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase();

/**
 * Outside the 24-hour window only approved templates may be sent: pick one, fill its variables while watching the
 * preview, send.
 */
export function TemplatePicker({ conversation }: { conversation: Conversation }) {
  const t = useT();
  const errorText = useErrorText();
  const templates = useTemplates(conversation.channelId);
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<MessageTemplate | null>(null);
  const listId = useId();

  const approved = useMemo(() => {
    const query = fold(search.trim());
    return (templates.data?.data ?? []).filter(
      (template) => template.status.toUpperCase() === "APPROVED" && fold(template.name).includes(query),
    );
  }, [templates.data, search]);

  return (
    <section
      aria-labelledby={`${listId}-title`}
      className="space-y-2 border-t border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div>
        <h3 id={`${listId}-title`} className="flex items-center gap-1.5 text-sm font-semibold text-amber-900 dark:text-amber-200">
          <Icon name="clock" className="size-4" />
          {t("templates.title")}
        </h3>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("templates.hint")}</p>
      </div>
      {chosen ? (
        <TemplateForm
          key={`${chosen.name}:${chosen.language}`}
          conversation={conversation}
          template={chosen}
          onBack={() => setChosen(null)}
        />
      ) : (
        <>
          <TextField label={t("templates.search")} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
          {templates.isPending ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("templates.loading")}</p>
          ) : templates.isError ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {t("templates.error", { reason: errorText(templates.error) })}
            </p>
          ) : approved.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("templates.empty")}</p>
          ) : (
            <ul aria-label={t("templates.list")} className="max-h-48 space-y-1 overflow-y-auto">
              {approved.map((template) => (
                <li key={`${template.name}:${template.language}`}>
                  <button
                    type="button"
                    onClick={() => setChosen(template)}
                    className="w-full rounded-lg border border-slate-200 px-3 py-2 text-left hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
                  >
                    <span className="block text-sm font-medium">{template.name}</span>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {t("templates.meta", { category: template.category, language: template.language })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

const HEADER_MEDIA: Record<HeaderMediaFormat, { label: TranslationKey; accept: string }> = {
  IMAGE: { label: "templates.header-image", accept: "image/jpeg,image/png" },
  VIDEO: { label: "templates.header-video", accept: "video/mp4,video/3gpp" },
  DOCUMENT: { label: "templates.header-document", accept: "*/*" },
};

function TemplateForm({ conversation, template, onBack }: { conversation: Conversation; template: MessageTemplate; onBack: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const send = useSendMessage(conversation.id);
  const upload = useUploadMedia();
  const variables = useMemo(() => templateVariables(template), [template]);
  const buttons = buttonsOf(template);
  const mediaFormat = headerMediaFormat(template);
  const withLocation = hasLocationHeader(template);
  const [inputs, setInputs] = useState<TemplateInputs>({ values: {}, location: { latitude: "", longitude: "", name: "", address: "" } });
  const [headerFile, setHeaderFile] = useState<File | null>(null);
  const complete = isTemplateComplete(template, inputs) && (!mediaFormat || headerFile !== null);
  const busy = upload.isPending || send.isPending;
  const error = upload.error ?? send.error;

  const labelOf = (variable: TemplateVariable) => {
    const name = `{{${variable.name}}}`;
    if (variable.part === "header") return t("templates.parameter.header", { name });
    if (variable.part === "button")
      return t("templates.parameter.button", { name, button: buttons[variable.buttonIndex ?? 0]?.text ?? "" });
    return t("templates.parameter", { name });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!complete || busy) return;
    const media = headerFile ? await upload.mutateAsync(headerFile).catch(() => null) : undefined;
    if (media === null) return;
    const components = templateSendComponents(template, inputs, media ? { mediaId: media.id, filename: headerFile?.name } : undefined);
    send.mutate(
      {
        kind: "body",
        body: { type: "template", name: template.name, language: template.language, ...(components.length ? { components } : {}) },
      },
      { onSuccess: onBack },
    );
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="grid gap-3 sm:grid-cols-2">
      <div className="space-y-2">
        <p className="text-sm font-medium">{template.name}</p>
        {mediaFormat ? (
          <TextField
            label={t(HEADER_MEDIA[mediaFormat].label)}
            type="file"
            accept={HEADER_MEDIA[mediaFormat].accept}
            onChange={(event) => setHeaderFile(event.target.files?.[0] ?? null)}
            className="[&_input]:pt-1.5"
          />
        ) : null}
        {withLocation && inputs.location ? (
          <LocationFields location={inputs.location} onChange={(location) => setInputs((current) => ({ ...current, location }))} />
        ) : null}
        {variables.map((variable) => (
          <VariableField
            key={variableKey(variable)}
            variable={variable}
            label={labelOf(variable)}
            inputs={inputs}
            defaultCurrency={defaultCurrency(template)}
            onChange={setInputs}
          />
        ))}
        {error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {t("templates.error-send", { reason: errorText(error) })}
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button variant="ghost" size="sm" onClick={onBack}>
            {t("templates.back")}
          </Button>
          <Button type="submit" variant="primary" size="sm" disabled={!complete || busy}>
            <Icon name="send" className="size-4" />
            {t("templates.send")}
          </Button>
        </div>
      </div>
      <TemplatePreview
        template={template}
        values={displayValues(template, inputs)}
        headerFile={headerFile?.name}
        location={withLocation ? headerLocationOf(inputs.location) : undefined}
      />
    </form>
  );
}
