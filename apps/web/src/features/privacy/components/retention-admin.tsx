import { type FormEvent, useEffect, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { useRetentionPolicy, useRetentionPreview, useUpdateRetentionPolicy } from "../api/retention.ts";
import type { RetentionPolicyBody } from "../api/types.ts";

export const RETENTION_MAX_DAYS = 3650;

/** "" keeps forever; otherwise whole days from 1 to 3650. Returns the value, or undefined when it is not valid. */
export function parseDays(value: string): number | null | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days >= 1 && days <= RETENTION_MAX_DAYS ? days : undefined;
}

const asText = (days: number | null) => (days === null ? "" : String(days));

/**
 * Administrators: the workspace's retention policy (message content and media older than N days are erased by the
 * scheduled job) and its dry run — how many messages and files, how many bytes, from when, per number — for the
 * values in the form, before saving them.
 */
export function RetentionAdmin() {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const policy = useRetentionPolicy();
  const update = useUpdateRetentionPolicy();
  const [messageDays, setMessageDays] = useState("");
  const [mediaDays, setMediaDays] = useState("");
  const [previewed, setPreviewed] = useState<RetentionPolicyBody | null>(null);
  const [saved, setSaved] = useState(false);
  const preview = useRetentionPreview(previewed);

  useEffect(() => {
    if (!policy.data) return;
    setMessageDays(asText(policy.data.messageDays));
    setMediaDays(asText(policy.data.mediaDays));
  }, [policy.data]);

  const parsedMessages = parseDays(messageDays);
  const parsedMedia = parseDays(mediaDays);
  const valid = parsedMessages !== undefined && parsedMedia !== undefined;
  const body = (): RetentionPolicyBody | null => (valid ? { messageDays: parsedMessages, mediaDays: parsedMedia } : null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const next = body();
    if (!next) return;
    setSaved(false);
    update.mutate(next, { onSuccess: () => setSaved(true) });
  };

  return (
    <div className="mx-auto max-w-4xl space-y-6 p-4 md:p-6">
      <header className="max-w-2xl space-y-1">
        <h2 className="text-xl font-semibold">{t("privacy.retention.title")}</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("privacy.retention.intro")}</p>
      </header>

      {policy.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(policy.error)}
        </p>
      ) : null}

      <form onSubmit={save} className="space-y-4" aria-label={t("privacy.retention.form")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1">
            <TextField
              label={t("privacy.retention.message-days")}
              inputMode="numeric"
              placeholder={t("privacy.retention.keep-forever")}
              value={messageDays}
              disabled={!policy.data}
              aria-invalid={parsedMessages === undefined ? true : undefined}
              onChange={(event) => setMessageDays(event.target.value)}
            />
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("privacy.retention.message-days.hint")}</p>
          </div>
          <div className="space-y-1">
            <TextField
              label={t("privacy.retention.media-days")}
              inputMode="numeric"
              placeholder={t("privacy.retention.as-messages")}
              value={mediaDays}
              disabled={!policy.data}
              aria-invalid={parsedMedia === undefined ? true : undefined}
              onChange={(event) => setMediaDays(event.target.value)}
            />
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("privacy.retention.media-days.hint")}</p>
          </div>
        </div>
        {!valid ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {t("privacy.retention.invalid", { max: RETENTION_MAX_DAYS })}
          </p>
        ) : null}
        {update.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {errorText(update.error)}
          </p>
        ) : null}
        {saved ? (
          <p role="status" className="text-sm text-brand-800 dark:text-brand-100">
            {t("privacy.retention.saved")}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => setPreviewed(body())} disabled={!valid || !policy.data}>
            {t("privacy.retention.preview")}
          </Button>
          <Button type="submit" variant="primary" disabled={!valid || !policy.data || update.isPending}>
            {update.isPending ? t("privacy.retention.saving") : t("privacy.retention.save")}
          </Button>
        </div>
        {policy.data?.lastApplied ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {t("privacy.retention.last-applied", {
              date: format.dateTime(policy.data.lastApplied.at),
              messages: format.number(policy.data.lastApplied.messages),
              media: format.number(policy.data.lastApplied.media),
            })}
          </p>
        ) : null}
      </form>

      {previewed ? (
        <section aria-labelledby="retention-preview" className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h3 id="retention-preview" className="font-semibold">
            {t("privacy.retention.preview.title")}
          </h3>
          {preview.isError ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {errorText(preview.error)}
            </p>
          ) : null}
          {preview.isPending ? <p className="text-sm">{t("common.loading")}</p> : null}
          {preview.data ? (
            <>
              <p className="text-sm">
                {preview.data.messages.count === 0 && preview.data.media.files === 0
                  ? t("privacy.retention.preview.nothing")
                  : t("privacy.retention.preview.summary", {
                      messages: format.number(preview.data.messages.count),
                      files: format.number(preview.data.media.files),
                      bytes: format.bytes(preview.data.media.bytes),
                    })}
              </p>
              {preview.data.messages.oldest ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {t("privacy.retention.preview.oldest", { date: format.dateTime(preview.data.messages.oldest) })}
                </p>
              ) : null}
              {preview.data.channels.length > 0 ? (
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">{t("privacy.retention.preview.per-channel")}</caption>
                  <thead>
                    <tr className="border-b border-slate-200 dark:border-slate-800">
                      <th className="py-1 font-medium">{t("privacy.retention.preview.channel")}</th>
                      <th className="py-1 font-medium">{t("privacy.retention.preview.messages")}</th>
                      <th className="py-1 font-medium">{t("privacy.retention.preview.files")}</th>
                      <th className="py-1 font-medium">{t("privacy.retention.preview.bytes")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.data.channels.map((c) => (
                      <tr key={c.channelId ?? "uploads"} className="border-b border-slate-100 dark:border-slate-800">
                        <td className="py-1">{c.name ?? t("privacy.retention.preview.uploads")}</td>
                        <td className="py-1">{format.number(c.messages)}</td>
                        <td className="py-1">{format.number(c.mediaFiles)}</td>
                        <td className="py-1">{format.bytes(c.mediaBytes)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
