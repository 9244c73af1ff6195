import { useCallback, useSyncExternalStore } from "react";
import { type AdminSection, adminSectionFromHash, conversationIdFromHash, isReportsHash, paths } from "../config/paths.ts";

const subscribe = (listener: () => void) => {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
};

/** The open conversation lives in the URL's hash, so a reload, a link or the phone's back button keep their place. */
export function useHashRoute(): {
  conversationId: string | null;
  adminSection: AdminSection | null;
  /** The reports dashboard is open. */
  reports: boolean;
  open(conversationId: string): void;
  close(): void;
} {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const open = useCallback((conversationId: string) => {
    window.location.hash = paths.conversation.getHref(conversationId);
  }, []);
  const close = useCallback(() => {
    window.location.hash = paths.inbox.getHref();
  }, []);
  return {
    conversationId: conversationIdFromHash(hash),
    adminSection: adminSectionFromHash(hash),
    reports: isReportsHash(hash),
    open,
    close,
  };
}
