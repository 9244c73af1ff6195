import { useCallback, useSyncExternalStore } from "react";
import { paths } from "../../../config/paths.ts";

const subscribe = (listener: () => void) => {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
};

const BASE = paths.admin.getHref("campaigns");

/** `#/admin/campaigns/<id>` or `/new`: the open campaign lives in the hash, so a reload or a shared link keep it. */
export function campaignHref(campaignId: string | "new"): string {
  return `${BASE}/${encodeURIComponent(campaignId)}`;
}

export function useCampaignRoute(): { open: string | "new" | null; go(target: string | "new" | null): void } {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const match = /^#\/admin\/campaigns\/([^/?#]+)/.exec(hash);
  const go = useCallback((target: string | "new" | null) => {
    window.location.hash = target ? campaignHref(target) : BASE;
  }, []);
  return { open: match?.[1] ? decodeURIComponent(match[1]) : null, go };
}
