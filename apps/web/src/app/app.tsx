import { LoginPage } from "../features/auth/components/login-page.tsx";
import { useSession } from "../lib/services.tsx";
import { AdminRoute } from "./admin-route.tsx";
import { InboxRoute } from "./inbox-route.tsx";
import { useHashRoute } from "./use-hash-route.ts";

/** Login until there is a session; then the inbox, or the admin pages. A 401 anywhere ends the session and returns here. */
export function App() {
  const session = useSession();
  const { adminSection } = useHashRoute();
  if (!session) return <LoginPage />;
  if (adminSection) return <AdminRoute key={session.user.id} section={adminSection} />;
  return <InboxRoute key={session.user.id} userId={session.user.id} />;
}
