import { useEffect, useState } from "react";
import { IconButton } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";

/** A read-only value with a button that copies it; the confirmation is announced to screen readers too. */
export function CopyableField({ label, value }: { label: string; value: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    // The Clipboard API exists only in secure contexts (https or localhost).
    if (!navigator.clipboard) return;
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };

  return (
    <div>
      <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="flex items-center gap-1 text-sm">
        <span className="min-w-0 break-all">{value}</span>
        <IconButton icon={copied ? "check" : "copy"} label={t("contact-panel.copy", { label })} onClick={() => void copy()} />
        <span role="status" className="sr-only">
          {copied ? t("contact-panel.copied", { label }) : ""}
        </span>
      </dd>
    </div>
  );
}
