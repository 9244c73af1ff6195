import { Dialog } from "../components/ui/dialog.tsx";
import { useT } from "../i18n/i18n.tsx";
import type { TranslationKey } from "../i18n/pt-BR.ts";

const SHORTCUTS: Array<{ keys: string | TranslationKey; label: TranslationKey }> = [
  { keys: "j", label: "shortcuts.next" },
  { keys: "k", label: "shortcuts.previous" },
  { keys: "r", label: "shortcuts.reply" },
  { keys: "a", label: "shortcuts.assign-me" },
  { keys: "e", label: "shortcuts.resolve" },
  { keys: "u", label: "shortcuts.mark-unread" },
  { keys: "?", label: "shortcuts.help" },
  { keys: "shortcuts.key.enter", label: "shortcuts.send" },
  { keys: "shortcuts.key.shift-enter", label: "shortcuts.newline" },
  { keys: "shortcuts.key.escape", label: "shortcuts.close" },
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t("shortcuts.title")} closeLabel={t("common.close")} onClose={onClose}>
      <dl className="space-y-2">
        {SHORTCUTS.map(({ keys, label }) => (
          <div key={label} className="flex items-center justify-between gap-4 text-sm">
            <dt>{t(label)}</dt>
            <dd>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-2 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                {keys.startsWith("shortcuts.") ? t(keys as TranslationKey) : keys}
              </kbd>
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
