import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { CopilotEngine } from "../../../lib/api-types.ts";
import { useRewrite, useTranslateDraft } from "../api/assist.ts";
import { useCopilotStatus } from "../api/get-copilot-status.ts";
import type { Fallback, RewriteStyle, TranslateResult } from "../api/types.ts";
import { LANGUAGE_LABELS, REWRITE_LABELS } from "../utils/labels.ts";
import type { ComposerDraft } from "./draft.ts";
import { EngineNote } from "./engine-note.tsx";

const STYLES: RewriteStyle[] = ["formal", "friendly", "shorter", "fix"];

type Panel =
  | { kind: "rewritten"; previous: string; engine: CopilotEngine; fallback?: Fallback | undefined }
  | { kind: "translated"; original: string; result: TranslateResult };

/**
 * The composer's AI menu: rewrite the draft (formal, friendlier, shorter, fix spelling; undo puts the previous text
 * back) and translate it into the customer's language (both texts shown; the agent sends the translation or keeps
 * editing). What no engine can do is disabled with the reason; switched-off features are left out.
 */
export function ComposerTools({ composer }: { composer: ComposerDraft }) {
  const t = useT();
  const errorText = useErrorText();
  const status = useCopilotStatus().data;
  const rewrite = useRewrite();
  const translate = useTranslateDraft();
  const [open, setOpen] = useState(false);
  const [panel, setPanel] = useState<Panel | null>(null);
  const menuId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const customerLanguage = composer.conversation.ai?.language ?? null;
  const draft = composer.draft.trim();

  // A press anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  // Once the draft is sent (emptied), there is nothing left to undo.
  const emptied = composer.draft === "";
  useEffect(() => {
    if (emptied) setPanel((current) => (current?.kind === "rewritten" ? null : current));
  }, [emptied]);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>("[role='menuitem']:not([aria-disabled='true'])")?.focus();
  }, [open]);

  const rewriteOn = status?.features.rewrite !== false;
  const translateOn = status?.features.translation !== false;
  if (!status || (!rewriteOn && !translateOn)) return null;
  const canRewrite = status.capabilities.includes("rewrite");
  const canTranslate = status.capabilities.includes("translation");

  const close = () => {
    setOpen(false);
    wrapper.current?.querySelector<HTMLButtonElement>("button[aria-haspopup]")?.focus();
  };

  const runRewrite = (style: RewriteStyle) => {
    setOpen(false);
    translate.reset();
    const previous = composer.draft;
    rewrite.mutate(
      { text: draft, style, ...(customerLanguage ? { language: customerLanguage } : {}) },
      {
        onSuccess: (result) => {
          composer.setDraft(result.text);
          setPanel({ kind: "rewritten", previous, engine: result.engine, fallback: result.fallback });
          composer.focus();
        },
      },
    );
  };

  const runTranslate = () => {
    if (!customerLanguage) return;
    setOpen(false);
    rewrite.reset();
    const original = composer.draft;
    translate.mutate({ text: draft, to: customerLanguage }, { onSuccess: (result) => setPanel({ kind: "translated", original, result }) });
  };

  const undo = () => {
    if (panel?.kind !== "rewritten") return;
    composer.setDraft(panel.previous);
    setPanel(null);
    composer.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    // Single-key shortcuts must not act on the conversation while the menu has the keyboard.
    event.stopPropagation();
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>("[role='menuitem']") ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(items.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") setOpen(false);
  };

  const item = (key: string, label: string, disabledReason: string | null, action: () => void) => (
    <div
      key={key}
      role="menuitem"
      tabIndex={-1}
      aria-disabled={disabledReason !== null}
      title={disabledReason ?? undefined}
      onClick={() => (disabledReason === null ? action() : undefined)}
      onKeyDown={(event) => {
        if ((event.key === "Enter" || event.key === " ") && disabledReason === null) {
          event.preventDefault();
          action();
        }
      }}
      className="flex w-full cursor-pointer flex-col rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-brand-50 focus:outline-none aria-disabled:cursor-not-allowed aria-disabled:opacity-60 dark:hover:bg-slate-800 dark:focus:bg-brand-900"
    >
      <span>{label}</span>
      {disabledReason ? <span className="text-[11px] text-slate-600 dark:text-slate-400">{disabledReason}</span> : null}
    </div>
  );

  const noProvider = t("copilot.tools.needs-provider");
  const empty = draft === "" ? t("copilot.tools.needs-text") : null;
  const pending = rewrite.isPending || translate.isPending;
  const failure = rewrite.error ?? translate.error;

  return (
    <div ref={wrapper} className="relative">
      <IconButton
        icon="pencil"
        label={pending ? t("copilot.tools.working") : t("copilot.tools.label")}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((current) => !current)}
        disabled={pending || composer.sending}
      />
      {open ? (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t("copilot.tools.label")}
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
          className="absolute bottom-full left-0 z-30 mb-1 w-72 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {rewriteOn
            ? STYLES.map((style) => item(style, t(REWRITE_LABELS[style]), canRewrite ? empty : noProvider, () => runRewrite(style)))
            : null}
          {translateOn
            ? item(
                "translate",
                customerLanguage
                  ? t("copilot.tools.translate.to", { language: t(LANGUAGE_LABELS[customerLanguage]) })
                  : t("copilot.tools.translate"),
                !canTranslate ? noProvider : !customerLanguage ? t("copilot.tools.translate.unknown-language") : empty,
                runTranslate,
              )
            : null}
        </div>
      ) : null}
      {panel || failure ? (
        <section
          aria-label={t("copilot.tools.label")}
          aria-live="polite"
          className="absolute bottom-full left-0 z-20 mb-1 w-80 max-w-[80vw] space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {failure ? (
            <p role="alert" className="text-red-700 dark:text-red-400">
              {t("copilot.tools.failed", { reason: errorText(failure) })}
            </p>
          ) : panel?.kind === "rewritten" ? (
            <>
              <p>{t("copilot.tools.rewritten")}</p>
              <EngineNote engine={panel.engine} fallback={panel.fallback} />
            </>
          ) : panel?.kind === "translated" ? (
            <>
              <div>
                <p className="text-[11px] font-medium text-slate-600 dark:text-slate-400">{t("copilot.tools.original")}</p>
                <p className="whitespace-pre-wrap">{panel.original}</p>
              </div>
              <div>
                <p className="text-[11px] font-medium text-slate-600 dark:text-slate-400">
                  {t("copilot.tools.translation", { language: t(LANGUAGE_LABELS[panel.result.to]) })}
                </p>
                <p lang={panel.result.to} className="whitespace-pre-wrap">
                  {panel.result.text}
                </p>
              </div>
              <EngineNote engine={panel.result.engine} />
            </>
          ) : null}
          <div className="flex flex-wrap gap-1.5">
            {panel?.kind === "rewritten" ? (
              <Button size="sm" onClick={undo}>
                {t("copilot.tools.undo")}
              </Button>
            ) : null}
            {panel?.kind === "translated" ? (
              <>
                <Button
                  size="sm"
                  variant="primary"
                  disabled={composer.sending}
                  onClick={() => {
                    composer.sendText(panel.result.text);
                    setPanel(null);
                  }}
                >
                  <Icon name="send" className="size-3.5" />
                  {t("copilot.tools.send-translation")}
                </Button>
                <Button
                  size="sm"
                  onClick={() => {
                    composer.setDraft(panel.result.text);
                    setPanel(null);
                    composer.focus();
                  }}
                >
                  {t("copilot.tools.edit-translation")}
                </Button>
              </>
            ) : null}
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setPanel(null);
                rewrite.reset();
                translate.reset();
              }}
            >
              {t("common.close")}
            </Button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
