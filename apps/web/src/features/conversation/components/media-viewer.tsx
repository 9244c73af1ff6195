import { type KeyboardEvent, type MouseEvent, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { FormattedText } from "../../../components/formatted-text.tsx";
import { Icon, type IconName } from "../../../components/ui/icon.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";
import { contactName } from "../../../lib/contact-name.ts";
import { useConversation } from "../api/get-conversation.ts";
import { useDownloadMedia } from "../api/get-media.ts";
import { useUsers } from "../api/get-users.ts";
import { captionOf } from "../utils/message-content.ts";
import { MediaFrame } from "./media-frame.tsx";

/** A name to save a file under when the message carries none: `image-1a2b3c4d.jpg`. */
export function downloadName(message: Message): string {
  if (message.media?.filename) return message.media.filename;
  const subtype = message.media?.mimeType?.split("/")[1]?.split(";")[0]?.trim();
  const extension = subtype === "jpeg" ? "jpg" : subtype;
  return `${message.type}-${message.id.slice(0, 8)}${extension ? `.${extension}` : ""}`;
}

function ViewerButton({ icon, label, onClick, disabled }: { icon: IconName; label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className="inline-flex size-10 shrink-0 items-center justify-center rounded-full text-white hover:bg-white/15 focus-visible:outline-2 focus-visible:outline-white disabled:opacity-30"
    >
      <Icon name={icon} />
    </button>
  );
}

/**
 * The conversation's images and videos, one at a time over the whole screen: sender and time, caption, download,
 * ← and → to the previous and next one, Escape or a click on the backdrop to close. A modal: focus moves in on open
 * and Tab stays inside; no key reaches the page's shortcuts. The caller puts the focus back where it was.
 */
export function MediaViewer({
  conversationId,
  items,
  index,
  onIndexChange,
  onClose,
}: {
  conversationId: string;
  /** The image and video messages, oldest first. */
  items: Message[];
  index: number;
  onIndexChange: (index: number) => void;
  onClose: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const conversation = useConversation(conversationId);
  const users = useUsers();
  const download = useDownloadMedia();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const message = items[index];

  useEffect(() => {
    panel.current?.focus();
  }, []);

  if (!message?.media) return null;
  const media = message.media;
  const caption = captionOf(message);
  const sender =
    message.direction === "inbound"
      ? (contactName(conversation.data?.contact ?? null) ?? t("contact.unknown"))
      : message.senderKind === "bot"
        ? t("message.from.bot")
        : (users.data?.data.find((u) => u.id === message.senderUserId)?.name ?? t("conversation.viewer.agent"));
  const label = caption ?? t(message.type === "video" ? "message.video" : "message.image");

  const go = (step: number) => {
    const next = index + step;
    if (next < 0 || next >= items.length) return;
    setDownloadError(null);
    onIndexChange(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // The page's single-key shortcuts (j, k, a, e, u…) must not act behind the viewer.
    event.stopPropagation();
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
      return;
    }
    // A focused player keeps its own arrow keys (seeking).
    const inPlayer = event.target instanceof HTMLMediaElement;
    if (event.key === "ArrowLeft" && !inPlayer) {
      event.preventDefault();
      go(-1);
    } else if (event.key === "ArrowRight" && !inPlayer) {
      event.preventDefault();
      go(1);
    } else if (event.key === "Tab" && panel.current) {
      const focusable = Array.from(panel.current.querySelectorAll<HTMLElement>("button:not(:disabled), video, [href]"));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && (document.activeElement === first || document.activeElement === panel.current)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const onBackdrop = (event: MouseEvent) => {
    if ((event.target as HTMLElement).dataset.backdrop !== undefined) onClose();
  };

  const save = () => {
    setDownloadError(null);
    download({ mediaId: media.id, filename: downloadName(message) }).catch(setDownloadError);
  };

  return createPortal(
    <div
      ref={panel}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={caption ? `${titleId}-caption` : undefined}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onClick={onBackdrop}
      className="fixed inset-0 z-50 flex flex-col bg-slate-950/95 text-white focus:outline-none"
    >
      <div className="flex items-center gap-2 p-3">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="truncate text-sm font-semibold">
            {t("conversation.viewer.from", { sender, time: format.dateTime(message.createdAt) })}
          </h2>
          <p className="text-xs text-slate-300">{t("conversation.viewer.position", { current: index + 1, total: items.length })}</p>
        </div>
        <ViewerButton icon="download" label={t("conversation.viewer.download")} onClick={save} disabled={media.status !== "stored"} />
        <ViewerButton icon="x" label={t("common.close")} onClick={onClose} />
      </div>
      {downloadError ? (
        <p role="alert" className="px-3 text-center text-sm text-red-300">
          {t("conversation.viewer.download-failed", { reason: errorText(downloadError) })}
        </p>
      ) : null}
      <div data-backdrop="" className="flex min-h-0 flex-1 items-center gap-2 px-2">
        <ViewerButton icon="back" label={t("conversation.viewer.previous")} onClick={() => go(-1)} disabled={index === 0} />
        <div data-backdrop="" className="flex h-full min-h-0 min-w-0 flex-1 items-center justify-center">
          <MediaFrame key={message.id} media={media}>
            {(url) =>
              message.type === "video" ? (
                // biome-ignore lint/a11y/useMediaCaption: customers' videos come without caption tracks.
                <video src={url} controls aria-label={label} className="max-h-full max-w-full" />
              ) : (
                <img src={url} alt={label} className="max-h-full max-w-full object-contain" />
              )
            }
          </MediaFrame>
        </div>
        <ViewerButton icon="next" label={t("conversation.viewer.next")} onClick={() => go(1)} disabled={index === items.length - 1} />
      </div>
      <div className="space-y-1 p-3 text-center">
        {caption ? (
          <p id={`${titleId}-caption`} className="text-sm">
            <FormattedText text={caption} />
          </p>
        ) : null}
        <p className="text-[11px] text-slate-400">{t("conversation.viewer.hint")}</p>
      </div>
    </div>,
    document.body,
  );
}
