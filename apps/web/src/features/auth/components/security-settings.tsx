import { useSession } from "../../../lib/services.tsx";
import { ChangePasswordForm } from "./change-password-form.tsx";
import { SessionsList } from "./sessions-list.tsx";
import { TwoFactorSettings } from "./two-factor-settings.tsx";
import { WorkspaceSecurityPolicy } from "./workspace-security-policy.tsx";

/** The agent's own security — password, two-factor, sessions — and, for administrators, the workspace's policy. */
export function SecuritySettings() {
  const session = useSession();
  return (
    <div className="max-h-[65vh] space-y-6 overflow-y-auto pr-1 text-sm">
      <ChangePasswordForm />
      <TwoFactorSettings />
      <SessionsList />
      {session?.user.role === "admin" ? <WorkspaceSecurityPolicy /> : null}
    </div>
  );
}
