import { useId, useState } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { useContactConsents } from "../api/get-contact-consents.ts";
import { useRecordConsent } from "../api/record-consent.ts";
import { type ConsentPurpose, type ConsentRecord, type ConsentState, type CurrentConsent, consentPurposes } from "../api/types.ts";
import { purposeLabel, sourceLabel, stateLabel } from "../utils/labels.ts";

const EVIDENCE_MAX_LENGTH = 2000;

const TONES = { granted: "info", withdrawn: "danger", unknown: "neutral" } as const;

function PurposeRow({
  purpose,
  current,
  pending,
  onRecord,
}: {
  purpose: ConsentPurpose;
  current: CurrentConsent;
  pending: boolean;
  onRecord: (state: ConsentState) => void;
}) {
  const t = useT();
  const format = useFormat();
  const name = t(purposeLabel[purpose]);
  return (
    <li className="flex flex-wrap items-center justify-between gap-2">
      <div className="min-w-0">
        <p className="flex items-center gap-2 text-sm font-medium">
          {name}
          <Badge tone={TONES[current.state]}>{t(stateLabel[current.state])}</Badge>
        </p>
        {current.source && current.updatedAt ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {t("consent.current", { source: t(sourceLabel[current.source]), date: format.dateTime(current.updatedAt) })}
          </p>
        ) : null}
      </div>
      <div className="flex gap-1">
        <Button
          size="sm"
          aria-label={t("consent.grant.label", { purpose: name })}
          disabled={pending || current.state === "granted"}
          onClick={() => onRecord("granted")}
        >
          {t("consent.grant")}
        </Button>
        <Button
          size="sm"
          aria-label={t("consent.withdraw.label", { purpose: name })}
          disabled={pending || current.state === "withdrawn"}
          onClick={() => onRecord("withdrawn")}
        >
          {t("consent.withdraw")}
        </Button>
      </div>
    </li>
  );
}

function HistoryItem({ record }: { record: ConsentRecord }) {
  const t = useT();
  const format = useFormat();
  const who =
    record.recordedBy.type === "system" ? t("consent.history.by-system") : (record.recordedBy.name ?? t("consent.history.former-user"));
  return (
    <li className="rounded-lg bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800/60">
      <p className="font-medium">
        {t("consent.history.entry", { purpose: t(purposeLabel[record.purpose]), state: t(stateLabel[record.state]) })}{" "}
        <span className="font-normal text-slate-600 dark:text-slate-400">{t(sourceLabel[record.source])}</span>
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {t("consent.history.by", { who, date: format.dateTime(record.recordedAt) })}
      </p>
      {record.evidence ? (
        <p className="mt-1 text-xs break-words whitespace-pre-wrap">{t("consent.history.evidence", { evidence: record.evidence })}</p>
      ) : null}
    </li>
  );
}

/**
 * The contact panel's "Consent" section: service and marketing consent with where they came from, buttons to grant or
 * withdraw (with an optional evidence note) and the history. A live `contact.updated` event (an opt-out
 * keyword arrived, someone else recorded a change) refetches it (lib/live.ts).
 */
export function ContactConsent({ contact }: { contact: { id: string } }) {
  const t = useT();
  const errorText = useErrorText();
  const headingId = useId();
  const evidenceId = useId();
  const [evidence, setEvidence] = useState("");
  const consents = useContactConsents(contact.id);
  const record = useRecordConsent(contact.id);

  const submit = (purpose: ConsentPurpose, state: ConsentState) => {
    const note = evidence.trim();
    record.mutate({ purpose, state, source: "console", ...(note ? { evidence: note } : {}) }, { onSuccess: () => setEvidence("") });
  };
  const data = consents.data;

  return (
    <section aria-labelledby={headingId} className="space-y-2 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
      <h3 id={headingId} className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
        {t("consent.title")}
      </h3>
      {consents.isPending ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("consent.loading")}</p> : null}
      {consents.isError ? (
        <p className="text-sm text-red-700 dark:text-red-400">{t("consent.error", { reason: errorText(consents.error) })}</p>
      ) : null}
      {data ? (
        <>
          <ul className="space-y-2">
            {consentPurposes.map((purpose) => (
              <PurposeRow
                key={purpose}
                purpose={purpose}
                current={data.current[purpose]}
                pending={record.isPending}
                onRecord={(state) => submit(purpose, state)}
              />
            ))}
          </ul>
          {data.current.marketing.state === "granted" ? null : (
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("consent.marketing-blocked")}</p>
          )}
          <div className="space-y-1">
            <label htmlFor={evidenceId} className="text-xs font-medium text-slate-600 dark:text-slate-400">
              {t("consent.evidence.label")}
            </label>
            <textarea
              id={evidenceId}
              value={evidence}
              rows={2}
              maxLength={EVIDENCE_MAX_LENGTH}
              placeholder={t("consent.evidence.placeholder")}
              onChange={(event) => setEvidence(event.target.value)}
              className="block w-full resize-y rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-950"
            />
          </div>
          {record.isError ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {errorText(record.error)}
            </p>
          ) : null}
          <details className="text-sm">
            <summary className="cursor-pointer text-xs font-medium text-slate-700 dark:text-slate-300">
              {t("consent.history.summary", { count: data.history.length })}
            </summary>
            {data.history.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("consent.history.empty")}</p>
            ) : (
              <ul aria-label={t("consent.history.title")} className="mt-2 space-y-2">
                {data.history.map((entry) => (
                  <HistoryItem key={entry.id} record={entry} />
                ))}
              </ul>
            )}
          </details>
        </>
      ) : null}
    </section>
  );
}
