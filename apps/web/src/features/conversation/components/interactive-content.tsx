import type { ReactNode } from "react";
import { FormattedText } from "../../../components/formatted-text.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { Interactive, InteractiveHeader } from "../../../lib/api-types.ts";
import { safeHttpUrl } from "../../../lib/safe-url.ts";

function Chip({ children }: { children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full border border-sky-600/40 px-3 py-1 text-sm text-sky-800 dark:text-sky-200">
      {children}
    </span>
  );
}

function Label({ children }: { children: ReactNode }) {
  return <span className="block text-xs text-slate-600 dark:text-slate-300">{children}</span>;
}

function Header({ header }: { header: InteractiveHeader | string | undefined }) {
  if (!header) return null;
  const text = typeof header === "string" ? header : header.type === "text" ? header.text : null;
  return text ? <p className="font-semibold">{text}</p> : null;
}

function Footer({ footer }: { footer: string | undefined }) {
  return footer ? <p className="text-xs text-slate-600 dark:text-slate-300">{footer}</p> : null;
}

function stringify(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}

/**
 * What the customer tapped or filled in (button and list replies, completed flows, template buttons), or the
 * interactive message the business sent (buttons, lists, link buttons, flows, location requests).
 */
export function InteractiveContent({ interactive }: { interactive: Interactive }) {
  const t = useT();
  switch (interactive.type) {
    case "button_reply":
      return (
        <div className="space-y-1">
          <Label>{t("message.interactive.button-reply")}</Label>
          <Chip>{interactive.title}</Chip>
        </div>
      );
    case "template_button":
      return (
        <div className="space-y-1">
          <Label>{t("message.interactive.template-button")}</Label>
          <Chip>{interactive.text}</Chip>
        </div>
      );
    case "list_reply":
      return (
        <div className="space-y-1">
          <Label>{t("message.interactive.list-reply")}</Label>
          <Chip>{interactive.title}</Chip>
          {interactive.description ? <p className="text-xs">{interactive.description}</p> : null}
        </div>
      );
    case "nfm_reply": {
      const entries = interactive.response ? Object.entries(interactive.response).filter(([key]) => key !== "flow_token") : [];
      return (
        <div className="space-y-1">
          <Label>{t("message.interactive.flow-reply")}</Label>
          {interactive.body ? <FormattedText text={interactive.body} className="block" /> : null}
          {entries.length ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
              {entries.map(([key, value]) => (
                <div key={key} className="contents">
                  <dt className="font-medium">{key}</dt>
                  <dd className="break-words">{stringify(value)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
      );
    }
    case "buttons":
      return (
        <div className="space-y-1.5">
          <Header header={interactive.header} />
          <FormattedText text={interactive.body} className="block" />
          <Footer footer={interactive.footer} />
          <div className="flex flex-wrap gap-1.5">
            {interactive.buttons.map((button) => (
              <Chip key={button.id}>{button.title}</Chip>
            ))}
          </div>
        </div>
      );
    case "list":
      return (
        <div className="space-y-1.5">
          <Header header={interactive.header} />
          <FormattedText text={interactive.body} className="block" />
          <Footer footer={interactive.footer} />
          <Chip>
            <Icon name="list" className="size-4" />
            {t("message.interactive.list", { button: interactive.buttonText })}
          </Chip>
          {interactive.sections.map((section, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: sections have no id and never reorder
            <div key={index} className="text-xs">
              {section.title ? <p className="font-semibold">{section.title}</p> : null}
              <ul className="list-disc pl-4">
                {section.rows.map((row) => (
                  <li key={row.id}>
                    {row.title}
                    {row.description ? ` — ${row.description}` : ""}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      );
    case "cta_url": {
      const href = safeHttpUrl(interactive.url);
      return (
        <div className="space-y-1.5">
          <Header header={interactive.header} />
          <FormattedText text={interactive.body} className="block" />
          <Footer footer={interactive.footer} />
          {href ? (
            <a
              href={href}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex items-center gap-1 text-sm text-sky-700 underline dark:text-sky-300"
            >
              <Icon name="external" className="size-4" />
              {interactive.displayText}
            </a>
          ) : (
            <Chip>{interactive.displayText}</Chip>
          )}
        </div>
      );
    }
    case "flow":
      return (
        <div className="space-y-1.5">
          <Header header={interactive.header} />
          <FormattedText text={interactive.body} className="block" />
          <Footer footer={interactive.footer} />
          <Label>{t("message.interactive.flow")}</Label>
          <Chip>{interactive.flowCta}</Chip>
        </div>
      );
    case "location_request":
      return (
        <div className="space-y-1.5">
          <FormattedText text={interactive.body} className="block" />
          <Chip>
            <Icon name="pin" className="size-4" />
            {t("message.interactive.location-request")}
          </Chip>
        </div>
      );
    default:
      return null;
  }
}
