import { Icon } from "../components/ui/icon.tsx";
import { Logo } from "../components/ui/logo.tsx";
import { paths } from "../config/paths.ts";
import { useT } from "../i18n/i18n.tsx";

/** The bar above the pages that are not the inbox (administration, reports): back to the inbox, the logo, the title. */
export function BackToInboxHeader({ title }: { title: string }) {
  const t = useT();
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
      <a
        href={paths.inbox.getHref()}
        aria-label={t("admin.back-to-inbox")}
        title={t("admin.back-to-inbox")}
        className="inline-flex size-9 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <Icon name="back" />
      </a>
      <Logo className="size-7" title={t("app.name")} />
      <h1 className="font-semibold">{title}</h1>
    </header>
  );
}
