import { lazy, Suspense } from "react";
import { LoginPage } from "../features/auth/components/login-page.tsx";
import { SsoSignIn } from "../features/sso/components/sso-sign-in.tsx";
import { useT } from "../i18n/i18n.tsx";
import { useSession } from "../lib/services.tsx";
import { InboxRoute } from "./inbox-route.tsx";
import { useHashRoute } from "./use-hash-route.ts";

// The admin pages are a separate file the browser fetches on first use: agents never download them.
const AdminRoute = lazy(() => import("./admin-route.tsx").then((module) => ({ default: module.AdminRoute })));
// The reports dashboard too: its charts library must never load with the inbox.
const ReportsRoute = lazy(() => import("./reports-route.tsx").then((module) => ({ default: module.ReportsRoute })));

function Loading() {
  const t = useT();
  return <p className="p-6 text-sm text-slate-600 dark:text-slate-400">{t("common.loading")}</p>;
}

/** Login until there is a session; then the inbox, or the admin pages. A 401 anywhere ends the session and returns here. */
export function App() {
  const session = useSession();
  const { adminSection, reports } = useHashRoute();
  if (!session) return <LoginPage sso={(email) => <SsoSignIn email={email} />} />;
  if (adminSection)
    return (
      <Suspense fallback={<Loading />}>
        <AdminRoute key={session.user.id} section={adminSection} />
      </Suspense>
    );
  if (reports)
    return (
      <Suspense fallback={<Loading />}>
        <ReportsRoute key={session.user.id} />
      </Suspense>
    );
  return <InboxRoute key={session.user.id} userId={session.user.id} />;
}
