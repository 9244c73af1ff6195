import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { useCheckChannelHealth } from "../api/check-channel-health.ts";
import type { HealthCheck, HealthFailureReason } from "../api/types.ts";

const REASONS: Record<HealthFailureReason, TranslationKey> = {
  unreachable: "channels.health.reason.unreachable",
  credentials: "channels.health.reason.credentials",
  number_not_found: "channels.health.reason.number-not-found",
  temporary: "channels.health.reason.temporary",
  refused: "channels.health.reason.refused",
};

const QUALITY: Record<string, { key: TranslationKey; tone: "brand" | "warning" | "danger" | "neutral" }> = {
  GREEN: { key: "channels.health.quality.green", tone: "brand" },
  YELLOW: { key: "channels.health.quality.yellow", tone: "warning" },
  RED: { key: "channels.health.quality.red", tone: "danger" },
};

function HealthResult({ result }: { result: HealthCheck }) {
  const t = useT();
  const format = useFormat();
  const checkedAt = t("channels.health.checked-at", { time: format.time(result.checkedAt) });
  if (result.ok && result.phoneNumber) {
    const quality = QUALITY[result.phoneNumber.qualityRating] ?? { key: "channels.health.quality.unknown", tone: "neutral" };
    return (
      <div
        role="status"
        className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950/40"
      >
        <p className="flex items-center gap-1.5 font-medium text-emerald-900 dark:text-emerald-100">
          <Icon name="check" className="size-4" />
          {t("channels.health.ok")}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-600 dark:text-slate-400">{t("channels.health.number")}</dt>
          <dd>{result.phoneNumber.displayPhoneNumber}</dd>
          <dt className="text-slate-600 dark:text-slate-400">{t("channels.health.verified-name")}</dt>
          <dd>{result.phoneNumber.verifiedName}</dd>
          <dt className="text-slate-600 dark:text-slate-400">{t("channels.health.quality")}</dt>
          <dd>
            <Badge tone={quality.tone}>{t(quality.key)}</Badge>
          </dd>
        </dl>
        <p className="text-xs text-slate-600 dark:text-slate-400">{checkedAt}</p>
      </div>
    );
  }
  const error = result.error;
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950/40">
      <p className="flex items-center gap-1.5 font-medium text-red-900 dark:text-red-100">
        <Icon name="alert" className="size-4" />
        {t(error ? (REASONS[error.reason] ?? "channels.health.reason.refused") : "channels.health.reason.refused")}
      </p>
      {error ? (
        <p className="break-words text-slate-700 dark:text-slate-300">
          {error.code === null
            ? t("channels.health.meta-said", { message: error.message })
            : t("channels.health.meta-said-code", { message: error.message, code: error.code })}
        </p>
      ) : null}
      <p className="text-xs text-slate-600 dark:text-slate-400">{checkedAt}</p>
    </div>
  );
}

/** "Check connection": asks Meta about the number with the stored credentials and shows the answer in words. */
export function HealthCheckPanel({ channelId }: { channelId: string }) {
  const t = useT();
  const errorText = useErrorText();
  const check = useCheckChannelHealth(channelId);
  return (
    <section aria-labelledby={`health-${channelId}`} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={`health-${channelId}`} className="font-semibold">
          {t("channels.health.title")}
        </h4>
        <Button onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? t("channels.health.checking") : t("channels.health.check")}
        </Button>
      </div>
      {check.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("channels.health.failed", { reason: errorText(check.error) })}
        </p>
      ) : check.data ? (
        <HealthResult result={check.data} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("channels.health.hint")}</p>
      )}
    </section>
  );
}
