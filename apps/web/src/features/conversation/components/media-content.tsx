import { FormattedText } from "../../../components/formatted-text.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";
import { safeHttpUrl } from "../../../lib/safe-url.ts";
import { captionOf, mediaLinkOf } from "../utils/message-content.ts";
import { MediaFrame, MediaPlaceholder } from "./media-frame.tsx";

function Caption({ message }: { message: Message }) {
  const caption = captionOf(message);
  return caption ? <FormattedText text={caption} className="mt-1 block" /> : null;
}

/** Media sent by URL has no stored file: show where it points, as a safe link. */
function LinkedMedia({ message, label }: { message: Message; label: string }) {
  const href = safeHttpUrl(mediaLinkOf(message));
  if (!href) return <MediaPlaceholder>{label}</MediaPlaceholder>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="break-all text-sky-700 underline dark:text-sky-300">
      {label}
    </a>
  );
}

/** Opens the full-screen viewer on a message; `opener` gets the focus back when it closes. */
export type OpenMedia = (opener: HTMLElement) => void;

export function ImageContent({ message, onOpen }: { message: Message; onOpen?: OpenMedia }) {
  const t = useT();
  const caption = captionOf(message);
  const alt = caption ?? t("message.image");
  return (
    <figure>
      {message.media ? (
        <MediaFrame media={message.media}>
          {(url) =>
            onOpen ? (
              <button
                type="button"
                data-media-open={message.id}
                aria-label={t("conversation.viewer.open", { name: alt })}
                title={t("conversation.viewer.open", { name: alt })}
                onClick={(event) => onOpen(event.currentTarget)}
                className="block cursor-zoom-in rounded-lg"
              >
                <img src={url} alt={alt} className="max-h-80 max-w-full rounded-lg object-contain" />
              </button>
            ) : (
              <a href={url} target="_blank" rel="noopener noreferrer" title={t("message.image")}>
                <img src={url} alt={alt} className="max-h-80 max-w-full rounded-lg object-contain" />
              </a>
            )
          }
        </MediaFrame>
      ) : (
        <LinkedMedia message={message} label={t("message.image")} />
      )}
      <Caption message={message} />
    </figure>
  );
}

export function VideoContent({ message, onOpen }: { message: Message; onOpen?: OpenMedia }) {
  const t = useT();
  const label = captionOf(message) ?? t("message.video");
  return (
    <figure>
      {message.media ? (
        <MediaFrame media={message.media}>
          {(url) => (
            // The player stays usable in the bubble; the corner button opens it over the whole screen.
            <span className="relative block">
              {/* biome-ignore lint/a11y/useMediaCaption: customers' videos come without caption tracks. */}
              <video src={url} controls preload="metadata" aria-label={t("message.video")} className="max-h-80 max-w-full rounded-lg" />
              {onOpen ? (
                <button
                  type="button"
                  data-media-open={message.id}
                  aria-label={t("conversation.viewer.open", { name: label })}
                  title={t("conversation.viewer.open", { name: label })}
                  onClick={(event) => onOpen(event.currentTarget)}
                  className="absolute top-1.5 right-1.5 inline-flex size-8 items-center justify-center rounded-full bg-black/60 text-white hover:bg-black/80"
                >
                  <Icon name="expand" className="size-4" />
                </button>
              ) : null}
            </span>
          )}
        </MediaFrame>
      ) : (
        <LinkedMedia message={message} label={t("message.video")} />
      )}
      <Caption message={message} />
    </figure>
  );
}

export function AudioContent({ message }: { message: Message }) {
  const t = useT();
  const label = message.media?.voice ? t("message.voice") : t("message.audio");
  return (
    <div className="space-y-1">
      <span className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300">
        <Icon name="mic" className="size-3.5" />
        {label}
      </span>
      {message.media ? (
        <MediaFrame media={message.media}>
          {(url) => (
            // biome-ignore lint/a11y/useMediaCaption: voice notes come without caption tracks.
            <audio src={url} controls preload="metadata" aria-label={label} className="w-64 max-w-full" />
          )}
        </MediaFrame>
      ) : (
        <LinkedMedia message={message} label={label} />
      )}
    </div>
  );
}

export function StickerContent({ message }: { message: Message }) {
  const t = useT();
  if (!message.media) return <MediaPlaceholder>{t("message.sticker")}</MediaPlaceholder>;
  return (
    <MediaFrame media={message.media}>
      {(url) => <img src={url} alt={t("message.sticker")} className="size-32 object-contain" />}
    </MediaFrame>
  );
}
