import { useFormat, useT } from "../../i18n/i18n.tsx";
import { FormattedText } from "../formatted-text.tsx";
import { Icon, type IconName } from "../ui/icon.tsx";

/** A header as the customer sees it: a line of text, a file placeholder, or a map pin. */
export type TemplateBubbleHeader =
  | { kind: "text"; text: string }
  | { kind: "media"; format: "IMAGE" | "VIDEO" | "DOCUMENT"; label?: string | undefined }
  | { kind: "location"; location?: { latitude: number; longitude: number; name?: string; address?: string } | undefined };

export interface TemplateBubbleButton {
  type: string;
  text: string;
}

/** Every part already resolved (variables filled, examples applied): the bubble only draws. */
export interface TemplateBubbleContent {
  header?: TemplateBubbleHeader | undefined;
  body?: string | undefined;
  footer?: string | undefined;
  buttons: TemplateBubbleButton[];
}

const BUTTON_ICONS: Record<string, IconName> = {
  URL: "external",
  PHONE_NUMBER: "phone",
  COPY_CODE: "copy",
  FLOW: "list",
  QUICK_REPLY: "reply",
};

/**
 * A template message drawn as a WhatsApp bubble: the composer's picker and the template editor both preview with it,
 * so what an agent sends and what an admin designs look the same.
 */
export function TemplateBubble({ content, caption }: { content: TemplateBubbleContent; caption?: string }) {
  const t = useT();
  const format = useFormat();
  const { header, body, footer, buttons } = content;
  return (
    <figure className="rounded-xl bg-slate-100 p-3 dark:bg-slate-950">
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">{caption ?? t("templates.preview")}</figcaption>
      <div
        data-testid="template-preview"
        className="space-y-1 rounded-2xl rounded-br-sm bg-brand-100 px-3 py-2 text-sm text-slate-900 dark:bg-brand-900 dark:text-slate-50"
      >
        {header?.kind === "media" ? (
          <p className="flex h-20 items-center justify-center rounded-lg bg-black/10 px-2 text-center text-xs dark:bg-white/10">
            {header.label ??
              t(header.format === "IMAGE" ? "message.image" : header.format === "VIDEO" ? "message.video" : "message.document")}
          </p>
        ) : null}
        {header?.kind === "location" ? (
          <div
            data-testid="template-preview-location"
            className="flex items-start gap-2 rounded-lg bg-black/10 px-2 py-2 text-xs dark:bg-white/10"
          >
            <Icon name="pin" className="mt-0.5 size-4 shrink-0" />
            {header.location ? (
              <span className="min-w-0">
                {header.location.name ? <span className="block font-semibold">{header.location.name}</span> : null}
                {header.location.address ? <span className="block">{header.location.address}</span> : null}
                <span className="block text-slate-600 dark:text-slate-300">
                  {format.number(header.location.latitude)}, {format.number(header.location.longitude)}
                </span>
              </span>
            ) : (
              <span>{t("message.location")}</span>
            )}
          </div>
        ) : null}
        {header?.kind === "text" && header.text ? <p className="font-semibold">{header.text}</p> : null}
        {body ? <FormattedText text={body} className="block whitespace-pre-wrap" /> : null}
        {footer ? <p className="text-xs text-slate-600 dark:text-slate-300">{footer}</p> : null}
      </div>
      {buttons.length ? (
        <ul className="mt-1 space-y-1">
          {buttons.map((button, index) => {
            const icon = BUTTON_ICONS[button.type.toUpperCase()];
            return (
              <li
                // Buttons are positional (Meta's `index`), and two may share a label while being typed.
                // biome-ignore lint/suspicious/noArrayIndexKey: position is the button's identity
                key={index}
                className="flex items-center justify-center gap-1.5 rounded-lg bg-white px-3 py-1 text-center text-sm text-sky-800 dark:bg-slate-800 dark:text-sky-200"
              >
                {icon ? <Icon name={icon} className="size-4 shrink-0" /> : null}
                {button.text}
              </li>
            );
          })}
        </ul>
      ) : null}
    </figure>
  );
}
