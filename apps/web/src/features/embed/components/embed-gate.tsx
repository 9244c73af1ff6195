import type { ReactNode } from "react";
import { Logo } from "../../../components/ui/logo.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useSession } from "../../../lib/services.tsx";
import { type EmbedWindow, useEmbedSession } from "../hooks/use-embed-session.ts";

/**
 * The embedded console's entry: signs in with the CRM's token, then shows `children` (the inbox); meanwhile, or when
 * the CRM's token was refused, a compact status instead of the login page (the CRM is where the user signs in).
 */
export function EmbedGate({ children, win }: { children: ReactNode; win?: EmbedWindow }) {
  const t = useT();
  const errorText = useErrorText();
  const session = useSession();
  const status = useEmbedSession(win ? { win } : {});
  if (session && status.kind !== "connecting") return <>{children}</>;
  return (
    <main className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center">
      <Logo className="size-10" title={t("app.name")} />
      {status.kind === "failed" ? (
        <div role="alert" className="max-w-sm space-y-1">
          <p className="font-medium">{t("embed.gate.failed")}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">{errorText(status.error)}</p>
        </div>
      ) : status.kind === "waiting" ? (
        <p role="status" className="max-w-sm text-sm text-slate-600 dark:text-slate-400">
          {t("embed.gate.waiting")}
        </p>
      ) : (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {t("embed.gate.connecting")}
        </p>
      )}
    </main>
  );
}
