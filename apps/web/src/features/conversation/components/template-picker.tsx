import { type FormEvent, type ReactNode, useId, useMemo, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { Conversation, MessageTemplate, SendMessageBody } from "../../../lib/api-types.ts";
import { useTemplates } from "../api/get-templates.ts";
import { useSendMessage } from "../api/send-message.ts";
import { useUploadMedia } from "../api/upload-media.ts";
import { contactPrefill } from "../utils/contact-prefill.ts";
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
  textOf,
  variableKey,
} from "../utils/template-params.ts";
import { LocationFields, VariableField } from "./template-fields.tsx";
import { TemplatePreview } from "./template-preview.tsx";

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase();

/** What a filled template lends the buttons beside its Send (scheduling it instead). */
export interface TemplateFormActions {
  conversation: Conversation;
  /** Every variable (and the header's file) is given. */
  complete: boolean;
  /** The send body, uploading the header's file first; null when that failed (the form shows why). */
  buildBody: () => Promise<SendMessageBody | null>;
  /** Back to the list, as after sending. */
  done: () => void;
}

/**
 * Outside the 24-hour window only approved templates may be sent: pick one, fill its variables while watching the
 * preview, send. Inside the window it is opened on purpose (`onClose` goes back to the text box).
 */
export function TemplatePicker({
  conversation,
  actions,
  headerTools,
  onClose,
}: {
  conversation: Conversation;
  actions?: ((form: TemplateFormActions) => ReactNode) | undefined;
  /** Beside the title (the composer's Schedule button: a reminder needs no open window). */
  headerTools?: ReactNode;
  onClose?: (() => void) | undefined;
}) {
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
      {onClose ? (
        <div className="flex items-center justify-between gap-2">
          <h3 id={`${listId}-title`} className="flex items-center gap-1.5 text-sm font-semibold">
            <Icon name="template" className="size-4" />
            {t("composer.templates.title")}
          </h3>
          <Button size="sm" variant="ghost" onClick={onClose}>
            {t("composer.templates.close")}
          </Button>
        </div>
      ) : (
        <div className="flex items-start justify-between gap-2">
          <div>
            <h3 id={`${listId}-title`} className="flex items-center gap-1.5 text-sm font-semibold text-amber-900 dark:text-amber-200">
              <Icon name="clock" className="size-4" />
              {t("templates.title")}
            </h3>
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("templates.hint")}</p>
          </div>
          {headerTools}
        </div>
      )}
      {chosen ? (
        <TemplateForm
          key={`${chosen.name}:${chosen.language}`}
          conversation={conversation}
          template={chosen}
          onBack={() => setChosen(null)}
          actions={actions}
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

function TemplateForm({
  conversation,
  template,
  onBack,
  actions,
}: {
  conversation: Conversation;
  template: MessageTemplate;
  onBack: () => void;
  actions?: ((form: TemplateFormActions) => ReactNode) | undefined;
}) {
  const t = useT();
  const errorText = useErrorText();
  const send = useSendMessage(conversation.id);
  const upload = useUploadMedia();
  const variables = useMemo(() => templateVariables(template), [template]);
  const buttons = buttonsOf(template);
  const mediaFormat = headerMediaFormat(template);
  const withLocation = hasLocationHeader(template);
  // Variables that stand for the customer's name start filled from the contact; the agent can change them.
  const [prefilled] = useState(() =>
    contactPrefill(variables, { header: textOf(template, "HEADER"), body: textOf(template, "BODY") }, conversation.contact),
  );
  const [inputs, setInputs] = useState<TemplateInputs>({
    values: { ...prefilled },
    location: { latitude: "", longitude: "", name: "", address: "" },
  });
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

  const buildBody = async (): Promise<SendMessageBody | null> => {
    const media = headerFile ? await upload.mutateAsync(headerFile).catch(() => null) : undefined;
    if (media === null) return null;
    const components = templateSendComponents(template, inputs, media ? { mediaId: media.id, filename: headerFile?.name } : undefined);
    return { type: "template", name: template.name, language: template.language, ...(components.length ? { components } : {}) };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!complete || busy) return;
    const body = await buildBody();
    if (body === null) return;
    send.mutate({ kind: "body", body }, { onSuccess: onBack });
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
            prefilled={prefilled[variableKey(variable)]}
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
          {actions?.({ conversation, complete: complete && !busy, buildBody, done: onBack })}
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
