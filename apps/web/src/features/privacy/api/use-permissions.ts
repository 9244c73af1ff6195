import { useQuery } from "@tanstack/react-query";
import { useApiClient, useSession } from "../../../lib/services.tsx";
import { type Me, privacyKeys, privacyPaths } from "./types.ts";

/** What each role may do without grants (the server's ROLE_PERMISSIONS), until `/auth/me` answers. */
const ROLE_DEFAULTS: Record<string, readonly string[]> = {
  admin: ["data.export", "data.erase", "settings.manage"],
  supervisor: ["data.export"],
  agent: [],
};

/**
 * Whether the logged-in user has a permission: their effective permissions (role and grants) from `/auth/me`, the
 * role's defaults meanwhile. Only hides buttons: the server decides (403 auth.forbidden).
 */
export function useHasPermission(permission: string): boolean {
  const client = useApiClient();
  const session = useSession();
  const me = useQuery({
    queryKey: privacyKeys.me,
    queryFn: ({ signal }) => client.request<Me>(privacyPaths.me, { signal }),
    enabled: Boolean(session),
    staleTime: 60_000,
  });
  const granted = me.data?.effectivePermissions ?? ROLE_DEFAULTS[session?.user.role ?? ""] ?? [];
  return granted.includes(permission);
}
