import { type FormEvent, useId, useState } from "react";
import { createPortal } from "react-dom";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { TextAreaField } from "../../../components/ui/text-area-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { browserTimeZone, useWorkspaceSettings } from "../../../hooks/use-workspace-settings.ts";
import { useErrorText, useLocale, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { Conversation, SendMessageBody } from "../../../lib/api-types.ts";
import { fieldErrorsOf } from "../../../lib/field-errors.ts";
import { formatInZone, instantToLocal, quickPicks } from "../../../lib/time-zone.ts";
import { useScheduleMessage, useUpdateScheduledMessage } from "../api/scheduled-messages.ts";
import type { ScheduledMessage, ScheduleResult } from "../api/types.ts";
import {
  MAX_HOURS,
  MIN_HOURS,
  NOTE_MAX_LENGTH,
  type ScheduleErrors,
  type ScheduleField,
  type ScheduleFormValues,
  type ScheduleMode,
  scheduleBody,
  sendAtOf,
  splitLocal,
  updateBody,
  validateSchedule,
  valuesOf,
  windowClosedAt,
} from "../utils/schedule-form.ts";
import { TimeZoneLabel } from "./time-zone-label.tsx";
import { WarningList } from "./warning-list.tsx";

const MODES: Array<{ mode: ScheduleMode; label: TranslationKey; hint: TranslationKey }> = [
  { mode: "at", label: "scheduling.mode.at", hint: "scheduling.mode.at.hint" },
  { mode: "no_reply", label: "scheduling.mode.no-reply", hint: "scheduling.mode.no-reply.hint" },
  { mode: "reminder", label: "scheduling.mode.reminder", hint: "scheduling.mode.reminder.hint" },
];

const ERROR_TEXT: Record<NonNullable<ScheduleErrors[ScheduleField]>, TranslationKey> = {
  required: "scheduling.error.required",
  past: "scheduling.error.past",
  "hours-range": "scheduling.error.hours-range",
  "too-long": "scheduling.error.too-long",
};

/** The API's field names for the form's own. */
const SERVER_FIELDS = ["sendAtLocal", "afterHours", "sendAt", "message", "note"] as const;
const SERVER_TO_FORM: Record<(typeof SERVER_FIELDS)[number], ScheduleField> = {
  sendAtLocal: "time",
  sendAt: "time",
  afterHours: "hours",
  message: "text",
  note: "note",
};

/**
 * Schedules the draft (or a filled template) for later, a follow-up sent only if the customer stays silent, or a
 * reminder to oneself; or edits one already scheduled. Times are read and typed in the workspace's time zone. Free
 * text that would meet a closed 24-hour window is flagged before confirming, and the server's own warnings show after.
 */
export function ScheduleDialog(props: ScheduleDialogProps) {
  const t = useT();
  const settings = useWorkspaceSettings();
  // Opened from inside the composer's form: rendered at the page's root so the forms do not nest. React still bubbles
  // events along the component tree, hence the stopPropagation in submit.
  return createPortal(
    <Dialog
      title={t(props.editing ? "scheduling.dialog.edit-title" : "scheduling.dialog.title")}
      closeLabel={t("common.close")}
      onClose={props.onClose}
    >
      {/* The form's first values are read in the workspace's zone: wait for it (the browser's if it cannot be had). */}
      {settings.isPending ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("common.loading")}</p>
      ) : (
        <ScheduleForm {...props} timeZone={settings.data?.timeZone ?? props.editing?.timeZone ?? browserTimeZone()} />
      )}
    </Dialog>,
    document.body,
  );
}

interface ScheduleDialogProps {
  conversation: Conversation;
  /** The composer's text, offered as the message. */
  draft?: string;
  /** A filled template's send body: scheduled instead of text. */
  template?: SendMessageBody | null;
  editing?: ScheduledMessage | undefined;
  onClose: () => void;
  onScheduled?: (result: ScheduleResult) => void;
  /** Opens the composer's template picker (offered when the window will be closed). */
  onUseTemplate?: (() => void) | undefined;
  now?: number;
}

function ScheduleForm({
  conversation,
  draft = "",
  template = null,
  editing,
  onClose,
  onScheduled,
  onUseTemplate,
  now = Date.now(),
  timeZone,
}: ScheduleDialogProps & { timeZone: string }) {
  const t = useT();
  const errorText = useErrorText();
  const { locale } = useLocale();
  const create = useScheduleMessage(conversation.id);
  const update = useUpdateScheduledMessage(conversation.id);
  const mutation = editing ? update : create;
  // A template, or an edited item that is not plain text (a file…): kept as it is; only plain text is typed here.
  const message = template ?? (editing?.message && editing.message.type !== "text" ? editing.message : null);
  const isTemplate = message?.type === "template";
  const formId = useId();

  const [values, setValues] = useState<ScheduleFormValues>(() => {
    if (editing) return valuesOf(editing, instantToLocal(new Date(editing.sendAt).getTime(), timeZone), now);
    // With the window closed and no template, free text cannot go: a reminder is what is left to schedule.
    const mode = !message && !conversation.windowOpen ? "reminder" : "at";
    return { mode, ...splitLocal(quickPicks.inOneHour(now, timeZone)), hours: "24", text: draft, note: "" };
  });
  const [touched, setTouched] = useState(false);
  const [result, setResult] = useState<ScheduleResult | null>(null);
  const set = (patch: Partial<ScheduleFormValues>) => {
    // The server's complaint was about the values before this change.
    mutation.reset();
    setValues((current) => ({ ...current, ...patch }));
  };

  const errors = validateSchedule(values, { now, timeZone, fixedMessage: message !== null });
  const sendAt = sendAtOf(values, { now, timeZone });
  const closedAtSend = values.mode !== "reminder" && windowClosedAt(sendAt, conversation.windowExpiresAt, isTemplate);
  const placed = fieldErrorsOf(mutation.error, SERVER_FIELDS);
  const serverFields: Partial<Record<ScheduleField, string>> = {};
  for (const [name, code] of Object.entries(placed.fields) as Array<[(typeof SERVER_FIELDS)[number], string]>)
    serverFields[SERVER_TO_FORM[name]] = errorText({ code });
  const fieldError = (field: ScheduleField) => {
    const own = errors[field];
    if (own && (touched || own !== "required")) return t(ERROR_TEXT[own]);
    return serverFields[field];
  };

  const pick = (local: string) => set(splitLocal(local));
  const availableModes = MODES.filter(({ mode }) => !editing || (editing.kind === "reminder") === (mode === "reminder"));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setTouched(true);
    if (Object.keys(errors).length > 0 || mutation.isPending) return;
    const onSuccess = (answer: ScheduleResult) => {
      onScheduled?.(answer);
      if (answer.warnings.length > 0) setResult(answer);
      else onClose();
    };
    if (editing) update.mutate({ id: editing.id, body: updateBody(values, message) }, { onSuccess });
    else create.mutate(scheduleBody(values, message), { onSuccess });
  };

  const switchToTemplate = onUseTemplate
    ? () => {
        onClose();
        onUseTemplate();
      }
    : undefined;

  if (result) {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm">
          {t("scheduling.result.scheduled", { time: formatInZone(result.scheduled.sendAt, timeZone, locale) })}
        </p>
        <WarningList warnings={result.warnings} onUseTemplate={switchToTemplate} />
        <div className="flex justify-end">
          <Button variant="primary" onClick={onClose}>
            {t("common.close")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form id={formId} onSubmit={submit} noValidate className="max-h-[75vh] space-y-4 overflow-y-auto">
      <fieldset className="space-y-1.5">
        <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">{t("scheduling.mode.label")}</legend>
        {availableModes.map(({ mode, label, hint }) => (
          <label key={mode} className="flex cursor-pointer items-start gap-2 rounded-lg p-1.5 hover:bg-slate-50 dark:hover:bg-slate-800">
            <input
              type="radio"
              name={`${formId}-mode`}
              value={mode}
              checked={values.mode === mode}
              onChange={() => set({ mode })}
              className="mt-1"
            />
            <span>
              <span className="block text-sm font-medium">{t(label)}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{t(hint)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {values.mode === "no_reply" ? (
        <TextField
          label={t("scheduling.hours")}
          type="number"
          inputMode="decimal"
          min={MIN_HOURS}
          max={MAX_HOURS}
          step="0.25"
          value={values.hours}
          onChange={(event) => set({ hours: event.target.value })}
          hint={t("scheduling.hours.hint")}
          error={fieldError("hours")}
        />
      ) : (
        <div className="space-y-2">
          <div className="grid grid-cols-2 gap-2">
            <TextField
              label={t("scheduling.date")}
              type="date"
              value={values.date}
              onChange={(event) => set({ date: event.target.value })}
              error={fieldError("date")}
            />
            <TextField
              label={t("scheduling.time")}
              type="time"
              value={values.time}
              onChange={(event) => set({ time: event.target.value })}
              error={fieldError("time")}
            />
          </div>
          <TimeZoneLabel timeZone={timeZone} />
          <fieldset className="flex flex-wrap gap-1.5">
            <legend className="sr-only">{t("scheduling.quick-picks")}</legend>
            <Button size="sm" onClick={() => pick(quickPicks.inOneHour(now, timeZone))}>
              {t("scheduling.quick.in-one-hour")}
            </Button>
            <Button size="sm" onClick={() => pick(quickPicks.tomorrowAt(now, timeZone))}>
              {t("scheduling.quick.tomorrow")}
            </Button>
            <Button size="sm" onClick={() => pick(quickPicks.nextMondayAt(now, timeZone))}>
              {t("scheduling.quick.monday")}
            </Button>
          </fieldset>
        </div>
      )}

      {values.mode === "reminder" ? (
        <TextAreaField
          label={t("scheduling.note")}
          value={values.note}
          maxLength={NOTE_MAX_LENGTH}
          rows={3}
          placeholder={t("scheduling.note.placeholder")}
          onChange={(event) => set({ note: event.target.value })}
          error={fieldError("note")}
        />
      ) : message ? (
        <p className="flex items-center gap-1.5 rounded-lg bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
          <Icon name={message.type === "template" ? "template" : "file"} className="size-4 shrink-0" />
          {message.type === "template"
            ? t("scheduling.message.template", { name: message.name })
            : t("scheduling.message.other", { type: message.type })}
        </p>
      ) : (
        <TextAreaField
          label={t("scheduling.message")}
          value={values.text}
          rows={3}
          onChange={(event) => set({ text: event.target.value })}
          error={fieldError("text")}
        />
      )}

      {closedAtSend ? (
        <div
          role="alert"
          className="space-y-1.5 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
        >
          <p className="flex items-start gap-1.5 font-medium text-amber-900 dark:text-amber-200">
            <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
            {t("scheduling.warning.window-closed")}
          </p>
          <p className="text-xs text-amber-900 dark:text-amber-200">{t("scheduling.warning.use-template")}</p>
          {switchToTemplate ? (
            <Button size="sm" onClick={switchToTemplate}>
              <Icon name="template" className="size-4" />
              {t("scheduling.use-template")}
            </Button>
          ) : null}
        </div>
      ) : null}

      {placed.unplaced ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t("scheduling.error.save", { reason: errorText(placed.unplaced) })}
        </p>
      ) : null}

      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          {t("scheduling.cancel")}
        </Button>
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          <Icon name="clock" className="size-4" />
          {t(editing ? "scheduling.save" : "scheduling.confirm")}
        </Button>
      </div>
    </form>
  );
}
