import { EmbedGate } from "../features/embed/components/embed-gate.tsx";
import { useSession } from "../lib/services.tsx";
import { InboxRoute } from "./inbox-route.tsx";

/** `/embed`: the inbox in a compact layout, inside a CRM's iframe, once the CRM's token has signed the user in. */
export function EmbedApp() {
  const session = useSession();
  return <EmbedGate>{session ? <InboxRoute key={session.user.id} userId={session.user.id} compact /> : null}</EmbedGate>;
}
