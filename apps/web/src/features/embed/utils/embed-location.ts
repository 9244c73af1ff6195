/** The embedded console's page (see docs/security.md, "Embedding in a CRM"). */
export const EMBED_PATH = "/embed";
export const EMBED_REFRESH_PATH = "/api/v1/auth/embed/refresh";

export const isEmbedPath = (pathname: string): boolean => pathname === EMBED_PATH || pathname === `${EMBED_PATH}/`;

/**
 * What the CRM put in the URL: the workspace (`?workspace=`) and the login token, in the fragment (`#token=<jwt>`) so
 * it never reaches a server log or a Referer header.
 */
export function readEmbedLocation(location: Pick<Location, "search" | "hash">): { workspaceId: string | null; token: string | null } {
  const workspaceId = new URLSearchParams(location.search).get("workspace");
  const fragment = location.hash.startsWith("#") ? location.hash.slice(1) : location.hash;
  const token = fragment.startsWith("token=") ? new URLSearchParams(fragment).get("token") : null;
  return { workspaceId: workspaceId || null, token: token || null };
}

/** The messages the embedded console and its CRM page exchange with `postMessage`. */
export type HostMessage = { type: "papo:token"; token: string };
export type ConsoleMessage =
  | { type: "papo:ready"; userId: string }
  | { type: "papo:token-required"; reason: "no-token" | "session-ended" | "refused" };

export function isHostMessage(data: unknown): data is HostMessage {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as { type?: unknown }).type === "papo:token" &&
    typeof (data as { token?: unknown }).token === "string"
  );
}
