import { LoginPage } from "../features/auth/components/login-page.tsx";
import { useSession } from "../lib/services.tsx";
import { InboxRoute } from "./inbox-route.tsx";

/** Login until there is a session; then the inbox. A 401 anywhere ends the session and returns here. */
export function App() {
  const session = useSession();
  return session ? <InboxRoute key={session.user.id} userId={session.user.id} /> : <LoginPage />;
}
