import type { QueryClient } from "@tanstack/react-query";
import type { CannedResponse, Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const byShortcut = (a: CannedResponse, b: CannedResponse) => a.shortcut.localeCompare(b.shortcut);

/** Applies a write's answer to the cached list at once (sorted by shortcut, like the server), then refetches it. */
export function applyToCachedList(queryClient: QueryClient, change: { saved: CannedResponse } | { deletedId: string }) {
  queryClient.setQueryData<Page<CannedResponse>>(queryKeys.cannedResponses, (page) => {
    if (!page) return page;
    const others = page.data.filter((r) => r.id !== ("saved" in change ? change.saved.id : change.deletedId));
    return { ...page, data: "saved" in change ? [...others, change.saved].sort(byShortcut) : others };
  });
  void queryClient.invalidateQueries({ queryKey: queryKeys.cannedResponses });
}
