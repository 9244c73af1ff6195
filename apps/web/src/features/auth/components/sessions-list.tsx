import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import { useSessions } from "../api/get-sessions.ts";
import { useRevokeSession } from "../api/revoke-session.ts";
import type { SessionInfo } from "../api/types.ts";
import { useLogout, useLogoutEverywhere } from "../hooks/use-logout.ts";
import { describeUserAgent } from "../utils/user-agent.ts";
import { AuthError } from "./auth-card.tsx";
import { SettingsSection } from "./settings-section.tsx";

/** Where the agent is logged in; any of them can be logged out, or all at once. */
export function SessionsList() {
  const t = useT();
  const errorText = useErrorText();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const logout = useLogout();
  const logoutEverywhere = useLogoutEverywhere();

  return (
    <SettingsSection title={t("auth.sessions.title")}>
      {sessions.isPending ? (
        <p role="status">{t("auth.loading")}</p>
      ) : sessions.isError ? (
        <AuthError id="sessions-error">{errorText(sessions.error)}</AuthError>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {sessions.data.data.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              pending={revoke.isPending && revoke.variables === session.id}
              onLogout={() => (session.current ? logout() : revoke.mutate(session.id))}
            />
          ))}
        </ul>
      )}
      {revoke.error ? <AuthError id="revoke-error">{errorText(revoke.error)}</AuthError> : null}
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("auth.sessions.everywhere-hint")}</p>
        <Button variant="danger" onClick={() => void logoutEverywhere()}>
          {t("auth.sessions.logout-everywhere")}
        </Button>
      </div>
    </SettingsSection>
  );
}

function SessionRow({ session, pending, onLogout }: { session: SessionInfo; pending: boolean; onLogout: () => void }) {
  const t = useT();
  const format = useFormat();
  const { browser, system } = describeUserAgent(session.userAgent);
  const device =
    browser && system
      ? t("auth.sessions.device", { browser, system })
      : (browser ?? system ?? session.userAgent ?? t("auth.sessions.unknown-device"));
  return (
    <li className="flex items-center gap-3 px-3 py-2">
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-2 font-medium">
          <span className="truncate">{device}</span>
          {session.current ? <Badge>{t("auth.sessions.current")}</Badge> : null}
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {t("auth.sessions.details", { created: format.dateTime(session.createdAt), used: format.relative(session.lastUsedAt) })}
          {session.ip ? ` · ${session.ip}` : ""}
        </p>
      </div>
      <Button size="sm" onClick={onLogout} disabled={pending} aria-label={t("auth.sessions.logout-label", { device })}>
        {t("auth.sessions.logout")}
      </Button>
    </li>
  );
}
