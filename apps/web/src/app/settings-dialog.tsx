import { useId, useState } from "react";
import { Button } from "../components/ui/button.tsx";
import { Dialog } from "../components/ui/dialog.tsx";
import { SecuritySettings } from "../features/auth/components/security-settings.tsx";
import { useLocale, useT } from "../i18n/i18n.tsx";
import { dictionaries, isLocale, locales } from "../i18n/locales.ts";
import { usePreference, useServices } from "../lib/services.tsx";

/** Language, theme and new-message alerts; and the account's security (password, two-factor, sessions). */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { notifier, theme } = useServices();
  const notify = usePreference(notifier.enabled);
  const currentTheme = usePreference(theme);
  const languageId = useId();
  const notifyId = useId();
  const [view, setView] = useState<"general" | "security">("general");
  if (view === "security")
    return (
      // A new key: the panel takes the focus again, as when a dialog opens.
      <Dialog key="security" title={t("auth.security.title")} closeLabel={t("common.close")} onClose={onClose}>
        <SecuritySettings />
        <div className="mt-4 flex justify-start">
          <Button variant="ghost" size="sm" onClick={() => setView("general")}>
            {t("auth.security.back")}
          </Button>
        </div>
      </Dialog>
    );
  return (
    <Dialog title={t("settings.menu")} closeLabel={t("common.close")} onClose={onClose}>
      <div className="space-y-4 text-sm">
        <div className="space-y-1">
          <label htmlFor={languageId} className="block font-medium">
            {t("settings.language")}
          </label>
          <select
            id={languageId}
            value={locale}
            onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}
            className="h-9 w-full rounded-lg border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-950"
          >
            {locales.map((code) => (
              <option key={code} value={code} lang={code}>
                {dictionaries[code]["locale.name"]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="space-y-1">
          <legend className="font-medium">{t("settings.theme")}</legend>
          <div className="flex gap-4">
            {(["light", "dark"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1.5">
                <input type="radio" name="theme" checked={currentTheme === value} onChange={() => theme.set(value)} />
                {t(value === "light" ? "settings.theme.light" : "settings.theme.dark")}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex items-start gap-2">
          <input
            id={notifyId}
            type="checkbox"
            checked={notify}
            onChange={(event) => {
              notifier.enabled.set(event.target.checked);
              if (event.target.checked) notifier.requestPermissionOnce();
            }}
            className="mt-0.5"
          />
          <label htmlFor={notifyId}>{t("settings.notifications")}</label>
        </div>
        <div className="border-t border-slate-200 pt-4 dark:border-slate-800">
          <Button className="w-full" onClick={() => setView("security")}>
            {t("auth.security.open")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
