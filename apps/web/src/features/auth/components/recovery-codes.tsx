import { useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { useT } from "../../../i18n/i18n.tsx";

/** The ten recovery codes, shown once: the user copies or writes them down, then confirms. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700 dark:text-slate-300">{t("auth.mfa.recovery.body")}</p>
      <ul
        aria-label={t("auth.mfa.recovery.list")}
        className="grid grid-cols-2 gap-1 rounded-lg bg-slate-100 p-3 font-mono text-sm dark:bg-slate-800"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex items-center justify-end gap-2">
        <span role="status" className="mr-auto text-xs text-slate-600 dark:text-slate-400">
          {copied ? t("auth.mfa.recovery.copied") : ""}
        </span>
        <Button onClick={() => void copy()}>{t("auth.mfa.recovery.copy")}</Button>
        <Button variant="primary" onClick={onDone}>
          {t("auth.mfa.recovery.done")}
        </Button>
      </div>
    </div>
  );
}
