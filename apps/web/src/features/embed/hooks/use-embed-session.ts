import { useCallback, useEffect, useRef, useState } from "react";
import { useServices } from "../../../lib/services.tsx";
import { embedLogin, getFrameOrigins } from "../api/embed-login.ts";
import { type ConsoleMessage, isHostMessage, readEmbedLocation } from "../utils/embed-location.ts";

export type EmbedStatus =
  | { kind: "connecting" }
  | { kind: "ready" }
  /** No session, no token: waiting for the CRM page to post one. */
  | { kind: "waiting" }
  | { kind: "failed"; error: unknown };

export interface EmbedWindow {
  location: Pick<Location, "search" | "hash" | "pathname">;
  history: Pick<History, "replaceState">;
  parent: Pick<Window, "postMessage"> | null;
  addEventListener: Window["addEventListener"];
  removeEventListener: Window["removeEventListener"];
}

/**
 * The embedded console's session: logs in with the token of the URL's fragment (removed from the URL at once), else
 * resumes the embed refresh cookie, else waits. The CRM page can post a fresh token at any time
 * (`{ type: "papo:token", token }`), accepted only from the parent frame and one of the workspace's CRM origins; when
 * the session ends (refresh refused, third-party cookies blocked) the console asks the CRM for one
 * (`papo:token-required`), posted only to those origins.
 */
export function useEmbedSession({ win = window as EmbedWindow }: { win?: EmbedWindow } = {}): EmbedStatus {
  const { client, session } = useServices();
  const [status, setStatus] = useState<EmbedStatus>({ kind: "connecting" });
  const origins = useRef<string[]>([]);
  const started = useRef(false);

  const tell = useCallback(
    (message: ConsoleMessage) => {
      for (const origin of origins.current) win.parent?.postMessage(message, origin);
    },
    [win],
  );

  /** Signs in with a CRM token; a refusal is returned (the caller decides what to show). */
  const tryLogin = useCallback(
    async (token: string): Promise<{ ok: true } | { ok: false; error: unknown }> => {
      try {
        const grant = await embedLogin(client, token);
        origins.current = grant.frameOrigins;
        session.start(grant);
        setStatus({ kind: "ready" });
        tell({ type: "papo:ready", userId: grant.user.id });
        return { ok: true };
      } catch (error) {
        return { ok: false, error };
      }
    },
    [client, session, tell],
  );

  const refused = useCallback(
    (error: unknown) => {
      setStatus({ kind: "failed", error });
      tell({ type: "papo:token-required", reason: "refused" });
    },
    [tell],
  );

  // Once per page: the fragment's token (never left in the URL or the history), or the refresh cookie.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const { workspaceId, token } = readEmbedLocation(win.location);
    if (token) win.history.replaceState(null, "", `${win.location.pathname}${win.location.search}`);
    void (async () => {
      if (workspaceId) origins.current = await getFrameOrigins(client, workspaceId).catch(() => []);
      const login = token ? await tryLogin(token) : undefined;
      if (login?.ok) return;
      // The CRM page reloaded with its old (spent) token, or none: the embed cookie may still hold the session.
      if (await client.restore()) {
        setStatus({ kind: "ready" });
        return;
      }
      if (login) return refused(login.error);
      setStatus({ kind: "waiting" });
      tell({ type: "papo:token-required", reason: "no-token" });
    })();
  }, [client, tryLogin, refused, tell, win]);

  // The CRM's fresh tokens: from the parent frame, from an allowed origin, nothing else.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== win.parent || !origins.current.includes(event.origin) || !isHostMessage(event.data)) return;
      const token = event.data.token;
      setStatus({ kind: "connecting" });
      void tryLogin(token).then((login) => {
        if (!login.ok) refused(login.error);
      });
    };
    win.addEventListener("message", onMessage as EventListener);
    return () => win.removeEventListener("message", onMessage as EventListener);
  }, [tryLogin, refused, win]);

  // A session that ends (refused refresh, revoked) asks the CRM for a new token.
  useEffect(
    () =>
      session.subscribe(() => {
        if (session.get() === null) {
          setStatus((current) => (current.kind === "ready" ? { kind: "waiting" } : current));
          tell({ type: "papo:token-required", reason: "session-ended" });
        }
      }),
    [session, tell],
  );

  return status;
}
