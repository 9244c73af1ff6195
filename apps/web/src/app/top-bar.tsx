import { IconButton } from "../components/ui/button.tsx";
import { Icon } from "../components/ui/icon.tsx";
import { Logo } from "../components/ui/logo.tsx";
import { paths } from "../config/paths.ts";
import { useLogout } from "../features/auth/hooks/use-logout.ts";
import { useT } from "../i18n/i18n.tsx";
import type { LiveStatus } from "../lib/live.ts";
import { canAdminister } from "../lib/roles.ts";
import { usePreference, useServices, useSession } from "../lib/services.tsx";

const LIVE_DOT: Record<LiveStatus, string> = { connecting: "bg-amber-500", live: "bg-brand-600", offline: "bg-red-600" };

export function TopBar({
  live,
  onShowShortcuts,
  onShowSettings,
}: {
  live: LiveStatus;
  onShowShortcuts: () => void;
  onShowSettings: () => void;
}) {
  const t = useT();
  const { theme } = useServices();
  const currentTheme = usePreference(theme);
  const session = useSession();
  const logout = useLogout();
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
      <Logo className="size-7" title={t("app.name")} />
      <span className="font-semibold">{t("app.name")}</span>
      <span role="status" className="ml-2 flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
        <span aria-hidden="true" className={`size-2 rounded-full ${LIVE_DOT[live]}`} />
        {t(`live.${live}`)}
      </span>
      <span className="ml-auto hidden truncate text-xs text-slate-600 sm:inline dark:text-slate-400">
        {session ? t("auth.signed-in-as", { name: session.user.name }) : null}
      </span>
      <IconButton
        icon={currentTheme === "dark" ? "sun" : "moon"}
        label={currentTheme === "dark" ? t("settings.theme.light") : t("settings.theme.dark")}
        onClick={() => theme.set(currentTheme === "dark" ? "light" : "dark")}
        className="ml-auto sm:ml-0"
      />
      {session ? (
        <a
          href={paths.reports.getHref()}
          aria-label={canAdminister(session.user.role) ? t("reports.open") : t("reports.open.mine")}
          title={canAdminister(session.user.role) ? t("reports.open") : t("reports.open.mine")}
          className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          {/* A bar chart, drawn here: the shared icon set has none. */}
          <svg
            viewBox="0 0 24 24"
            className="size-5"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
            aria-hidden="true"
            focusable="false"
          >
            <path d="M4 20h16M7 16v-5M12 16V6M17 16v-8" />
          </svg>
        </a>
      ) : null}
      {session && canAdminister(session.user.role) ? (
        <a
          href={paths.admin.getHref("users")}
          aria-label={t("admin.open")}
          title={t("admin.open")}
          className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          <Icon name="shield" />
        </a>
      ) : null}
      <IconButton icon="keyboard" label={t("settings.shortcuts")} onClick={onShowShortcuts} />
      <IconButton icon="settings" label={t("settings.menu")} onClick={onShowSettings} />
      <IconButton icon="logout" label={t("auth.logout")} onClick={logout} />
    </header>
  );
}
