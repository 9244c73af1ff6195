import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useServices } from "../../../lib/services.tsx";

/** Ends the session and forgets every cached answer, so the next agent on this browser sees nothing of the last. */
export function useLogout(): () => void {
  const { session } = useServices();
  const queryClient = useQueryClient();
  return useCallback(() => {
    session.clear();
    queryClient.clear();
  }, [session, queryClient]);
}
