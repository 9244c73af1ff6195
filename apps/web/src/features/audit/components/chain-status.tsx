import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useAuditChain } from "../api/verify-audit-chain.ts";
import { REASON_LABELS } from "../utils/labels.ts";

/** Whether the hash chain is intact ("verified up to #N") or where it breaks, with a button to check again. */
export function ChainStatus() {
  const t = useT();
  const errorText = useErrorText();
  const chain = useAuditChain();
  const check = chain.data;
  const broken = check?.firstBroken;

  let tone = "border-slate-200 dark:border-slate-800";
  let message: React.ReactNode = t("audit.chain.checking");
  if (chain.isError) {
    tone = "border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/40";
    message = t("audit.chain.error", { reason: errorText(chain.error) });
  } else if (check && broken) {
    tone = "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40";
    message = (
      <>
        <strong className="block font-semibold text-red-800 dark:text-red-200">
          {t("audit.chain.broken", { seq: broken.seq, reason: t(REASON_LABELS[broken.reason]) })}
        </strong>
        <span className="block">{t("audit.chain.broken-hint", { last: check.lastSeq })}</span>
      </>
    );
  } else if (check) {
    tone = "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/40";
    message = check.lastSeq === 0 ? t("audit.chain.ok-empty") : t("audit.chain.ok", { seq: check.lastSeq });
  }

  return (
    <section aria-labelledby="audit-chain-title" className={`flex flex-wrap items-start gap-3 rounded-lg border p-3 ${tone}`}>
      <Icon name={broken ? "alert" : "shield"} className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 flex-1 space-y-0.5 text-sm">
        <h3 id="audit-chain-title" className="font-semibold">
          {t("audit.chain.title")}
        </h3>
        <p role="status" className="space-y-1">
          {message}
        </p>
      </div>
      <Button size="sm" onClick={() => void chain.refetch()} disabled={chain.isFetching}>
        {t("audit.chain.verify")}
      </Button>
    </section>
  );
}
