import { useState } from "react";
import { FormattedText } from "../../../components/formatted-text.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";
import { useDownloadMedia } from "../api/get-media.ts";
import { captionOf, filenameOf } from "../utils/message-content.ts";

/** A document: its name, size and type, and a download button (the file is fetched only when asked for). */
export function DocumentContent({ message }: { message: Message }) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const download = useDownloadMedia();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const media = message.media;
  const name = filenameOf(message) ?? t("message.document");
  const caption = captionOf(message);
  const details = [media?.size != null ? format.bytes(media.size) : null, media?.mimeType].filter(Boolean).join(" · ");

  const onDownload = async () => {
    if (!media) return;
    setBusy(true);
    setError(null);
    try {
      await download({ mediaId: media.id, filename: name });
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-1">
      <div className="flex items-center gap-3 rounded-lg bg-black/5 p-2 dark:bg-white/10">
        <Icon name="file" className="size-8 shrink-0 text-slate-500" />
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium" title={name}>
            {name}
          </p>
          {details ? <p className="text-xs text-slate-600 dark:text-slate-300">{details}</p> : null}
        </div>
        {media && media.status === "stored" ? (
          <Button
            size="sm"
            variant="ghost"
            aria-label={t("message.document.download", { name })}
            title={t("message.document.download", { name })}
            disabled={busy}
            onClick={() => void onDownload()}
          >
            <Icon name="download" className="size-4" />
          </Button>
        ) : null}
      </div>
      {media?.status === "pending" ? <p className="text-xs text-slate-600 dark:text-slate-300">{t("message.media.pending")}</p> : null}
      {media?.status === "failed" || error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error ? errorText(error) : t("message.media.failed")}
        </p>
      ) : null}
      {caption ? <FormattedText text={caption} className="block" /> : null}
    </div>
  );
}
