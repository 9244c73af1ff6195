import type { ReactNode } from "react";
import { useT } from "../../../i18n/i18n.tsx";
import type { MessageMedia } from "../../../lib/api-types.ts";
import { useMediaBlob } from "../api/get-media.ts";
import { useObjectUrl } from "../hooks/use-object-url.ts";

/**
 * Loads a message's file (with the bearer token) and renders it through `children(url)`; placeholders while the
 * server is still fetching it from WhatsApp, while it downloads, and when it is unavailable.
 */
export function MediaFrame({ media, children }: { media: MessageMedia; children: (url: string) => ReactNode }) {
  const t = useT();
  const stored = media.status === "stored";
  const blob = useMediaBlob(media.id, { enabled: stored });
  const url = useObjectUrl(blob.data);
  if (media.status === "pending") return <MediaPlaceholder>{t("message.media.pending")}</MediaPlaceholder>;
  if (!stored || blob.isError) return <MediaPlaceholder>{t("message.media.failed")}</MediaPlaceholder>;
  if (!url) return <MediaPlaceholder>{t("message.media.loading")}</MediaPlaceholder>;
  return <>{children(url)}</>;
}

export function MediaPlaceholder({ children }: { children: ReactNode }) {
  return (
    <span
      role="status"
      className="flex h-32 w-56 max-w-full items-center justify-center rounded-lg bg-black/5 px-3 text-center text-xs text-slate-600 dark:bg-white/10 dark:text-slate-300"
    >
      {children}
    </span>
  );
}
