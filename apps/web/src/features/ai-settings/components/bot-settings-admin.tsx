import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/checkbox-field.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextAreaField } from "../../../components/ui/text-area-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useBotChannels, useBotSettings, useUpdateBotSettings } from "../api/bot-settings.ts";
import { type BotLanguage, type BotSettings, type BusinessHours, botLanguages, type WeekDay, weekDays } from "../api/types.ts";
import { formatRanges, parseRanges, parseTopics } from "../utils/business-hours.ts";
import { botLanguageLabel, dayLabel } from "../utils/labels.ts";

interface Values {
  mode: BotSettings["mode"];
  confidence: string;
  negative: string;
  topics: string;
  useHours: boolean;
  timezone: string;
  days: Record<WeekDay, string>;
  outsideHoursReply: Record<BotLanguage, string>;
  handoffReply: Record<BotLanguage, string>;
}

const DEFAULT_DAYS: Record<WeekDay, string> = {
  mon: "09:00-18:00",
  tue: "09:00-18:00",
  wed: "09:00-18:00",
  thu: "09:00-18:00",
  fri: "09:00-18:00",
  sat: "",
  sun: "",
};

const valuesOf = (s: BotSettings): Values => ({
  mode: s.mode,
  confidence: String(s.confidenceThreshold),
  negative: String(s.negativeSentimentThreshold),
  topics: s.humanOnlyTopics.join("\n"),
  useHours: s.businessHours !== null,
  timezone: s.businessHours?.timezone ?? "America/Sao_Paulo",
  days: s.businessHours
    ? (Object.fromEntries(weekDays.map((d) => [d, formatRanges(s.businessHours?.days[d] ?? [])])) as Record<WeekDay, string>)
    : { ...DEFAULT_DAYS },
  outsideHoursReply: { ...s.outsideHoursReply },
  handoffReply: { ...s.handoffReply },
});

function BotForm({ channelId, saved }: { channelId: string; saved: BotSettings }) {
  const t = useT();
  const errorText = useErrorText();
  const update = useUpdateBotSettings(channelId);
  const [values, setValues] = useState<Values>(() => valuesOf(saved));
  const [badDays, setBadDays] = useState<WeekDay[]>([]);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    update.reset();
    setValues((v) => ({ ...v, [key]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = weekDays.map((d) => [d, parseRanges(values.days[d])] as const);
    const invalid = parsed.filter(([, r]) => r === null).map(([d]) => d);
    setBadDays(invalid);
    if (invalid.length) return;
    const body: BotSettings = {
      mode: values.mode,
      confidenceThreshold: Number(values.confidence),
      negativeSentimentThreshold: Number(values.negative),
      humanOnlyTopics: parseTopics(values.topics),
      businessHours: values.useHours
        ? { timezone: values.timezone.trim(), days: Object.fromEntries(parsed.map(([d, r]) => [d, r ?? []])) as BusinessHours["days"] }
        : null,
      outsideHoursReply: values.outsideHoursReply,
      handoffReply: values.handoffReply,
    };
    update.mutate(body, { onSuccess: (answer) => setValues(valuesOf(answer)) });
  };

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <SelectField
        label={t("bot-settings.mode")}
        hint={t("bot-settings.mode-hint")}
        className="max-w-sm"
        value={values.mode}
        onChange={(e) => set("mode", e.target.value as BotSettings["mode"])}
      >
        <option value="off">{t("bot-settings.mode.off")}</option>
        <option value="bot_first">{t("bot-settings.mode.bot_first")}</option>
      </SelectField>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label={t("bot-settings.confidence")}
          hint={t("bot-settings.confidence-hint")}
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={values.confidence}
          onChange={(e) => set("confidence", e.target.value)}
        />
        <TextField
          label={t("bot-settings.negative")}
          hint={t("bot-settings.negative-hint")}
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={values.negative}
          onChange={(e) => set("negative", e.target.value)}
        />
      </div>
      <TextAreaField
        label={t("bot-settings.topics")}
        hint={t("bot-settings.topics-hint")}
        value={values.topics}
        onChange={(e) => set("topics", e.target.value)}
      />

      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 font-semibold">{t("bot-settings.hours.title")}</legend>
        <CheckboxField
          label={t("bot-settings.hours.use")}
          hint={t("bot-settings.hours.use-hint")}
          checked={values.useHours}
          onChange={(v) => set("useHours", v)}
        />
        {values.useHours ? (
          <div className="space-y-3">
            <TextField
              label={t("bot-settings.hours.timezone")}
              className="max-w-sm"
              value={values.timezone}
              onChange={(e) => set("timezone", e.target.value)}
            />
            <div className="grid gap-3 md:grid-cols-2">
              {weekDays.map((day) => (
                <TextField
                  key={day}
                  label={t(dayLabel[day])}
                  placeholder="09:00-18:00"
                  value={values.days[day]}
                  error={badDays.includes(day) ? t("bot-settings.hours.invalid") : undefined}
                  onChange={(e) => set("days", { ...values.days, [day]: e.target.value })}
                />
              ))}
            </div>
          </div>
        ) : null}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 font-semibold">{t("bot-settings.replies.title")}</legend>
        {botLanguages.map((language) => (
          <div key={language} className="grid gap-3 md:grid-cols-2">
            <TextAreaField
              label={t("bot-settings.reply.handoff", { language: t(botLanguageLabel[language]) })}
              value={values.handoffReply[language]}
              maxLength={1000}
              onChange={(e) => set("handoffReply", { ...values.handoffReply, [language]: e.target.value })}
            />
            <TextAreaField
              label={t("bot-settings.reply.outside-hours", { language: t(botLanguageLabel[language]) })}
              value={values.outsideHoursReply[language]}
              maxLength={1000}
              onChange={(e) => set("outsideHoursReply", { ...values.outsideHoursReply, [language]: e.target.value })}
            />
          </div>
        ))}
      </fieldset>

      {update.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(update.error)}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={update.isPending}>
          {update.isPending ? t("bot-settings.saving") : t("bot-settings.save")}
        </Button>
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {update.isSuccess ? t("bot-settings.saved") : ""}
        </p>
      </div>
    </form>
  );
}

function ChannelBot({ channelId }: { channelId: string }) {
  const t = useT();
  const errorText = useErrorText();
  const settings = useBotSettings(channelId);
  if (settings.isPending) return <p className="text-sm">{t("bot-settings.loading")}</p>;
  if (settings.isError)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {errorText(settings.error)}
      </p>
    );
  return <BotForm key={channelId} channelId={channelId} saved={settings.data} />;
}

/** Admin → Bot: per WhatsApp number, whether the bot answers first, when it hands off, business hours and its replies. */
export function BotSettingsAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const channels = useBotChannels();
  const [picked, setPicked] = useState<string | null>(null);
  const list = channels.data?.data ?? [];
  const channelId = picked ?? list[0]?.id ?? null;
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{t("bot-settings.title")}</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("bot-settings.intro")}</p>
      </header>
      {channels.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(channels.error)}
        </p>
      ) : null}
      {channels.data && !list.length ? <p className="text-sm">{t("bot-settings.no-channels")}</p> : null}
      {list.length > 1 ? (
        <SelectField
          label={t("bot-settings.channel")}
          className="max-w-sm"
          value={channelId ?? ""}
          onChange={(e) => setPicked(e.target.value)}
        >
          {list.map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayPhoneNumber ? `${c.name} (${c.displayPhoneNumber})` : c.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {channelId ? <ChannelBot channelId={channelId} /> : null}
    </div>
  );
}
