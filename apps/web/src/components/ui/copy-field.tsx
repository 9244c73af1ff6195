import { useEffect, useId, useState } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { Button } from "./button.tsx";

/** A read-only value to paste elsewhere (into Meta's dashboard), with a button that copies it. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      // No clipboard (insecure origin, denied): the text is selectable in the field.
      setCopied("failed");
    }
  };

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="block h-10 min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 font-mono text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
        />
        <Button onClick={() => void copy()} aria-label={t("common.copy.label", { what: label })}>
          {t("common.copy")}
        </Button>
      </div>
      <p aria-live="polite" className="min-h-4 text-xs text-slate-600 dark:text-slate-400">
        {copied === "yes" ? t("common.copy.done") : copied === "failed" ? t("common.copy.failed") : ""}
      </p>
    </div>
  );
}
