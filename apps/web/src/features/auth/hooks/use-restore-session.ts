import { useEffect, useState } from "react";
import { useApiClient } from "../../../lib/services.tsx";

/**
 * On page load, resumes the session kept by the refresh cookie (httpOnly: only the server can read it). True while
 * that answer is awaited; then false, whether a session came back or not. Runs once per page, not after a logout.
 */
export function useRestoreSession(): boolean {
  const client = useApiClient();
  const [pending, setPending] = useState(true);
  useEffect(() => {
    let active = true;
    void client.restore().finally(() => {
      if (active) setPending(false);
    });
    return () => {
      active = false;
    };
  }, [client]);
  return pending;
}
