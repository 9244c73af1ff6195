import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { Conversation } from "../../../lib/api-types.ts";
import { useUsers } from "../api/get-users.ts";

/**
 * "Assign": a menu of the workspace's active agents (the current assignee checked) and "Unassign". Arrows, Home and
 * End move, Enter or Space choose, Escape closes back to the button; no key reaches the page's shortcuts meanwhile.
 */
export function AssignMenu({
  conversation,
  userId,
  disabled,
  onAssign,
}: {
  conversation: Conversation;
  userId: string;
  disabled: boolean;
  /** An agent's id, or null to unassign. */
  onAssign: (assigneeId: string | null) => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const users = useUsers();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const agents = (users.data?.data ?? []).filter((user) => user.active !== false);

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>("[role^='menuitem']") ?? []);

  const close = ({ focusButton }: { focusButton: boolean }) => {
    setOpen(false);
    if (focusButton) wrapper.current?.querySelector<HTMLButtonElement>("button[aria-haspopup]")?.focus();
  };

  // On opening, the keyboard lands on the current assignee (or the first agent).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the menu opens and when the agents arrive
  useEffect(() => {
    if (!open) return;
    const all = items();
    (all.find((item) => item.getAttribute("aria-checked") === "true") ?? all[0] ?? menu.current)?.focus();
  }, [open, agents.length]);

  // A press anywhere else closes it.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!wrapper.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const choose = (assigneeId: string | null) => {
    close({ focusButton: true });
    onAssign(assigneeId);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Single-key shortcuts (a, e, u…) must not act on the conversation while the menu has the keyboard.
    event.stopPropagation();
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    };
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(all.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      close({ focusButton: true });
    } else if (event.key === "Tab") close({ focusButton: false });
  };

  const itemKeyDown = (event: KeyboardEvent, assigneeId: string | null) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    choose(assigneeId);
  };

  const itemClass =
    "flex w-full cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-brand-50 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-brand-900";

  return (
    <div ref={wrapper} className="relative">
      <Button
        size="sm"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((current) => !current)}
        disabled={disabled}
      >
        <Icon name="user" className="size-3.5" />
        {t("conversation.assign.menu")}
      </Button>
      {open ? (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t("conversation.assign.label")}
          tabIndex={-1}
          onKeyDown={onKeyDown}
          className="absolute top-full left-0 z-30 mt-1 max-h-72 w-64 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {conversation.handledBy === "bot" ? (
            <p className="px-2 py-1 text-[11px] text-slate-600 dark:text-slate-400">{t("conversation.assign.bot-hint")}</p>
          ) : null}
          {users.isPending ? (
            <p className="px-2 py-1.5 text-sm text-slate-600 dark:text-slate-400">{t("conversation.assign.loading")}</p>
          ) : users.isError ? (
            <p role="alert" className="px-2 py-1.5 text-sm text-red-700 dark:text-red-400">
              {t("conversation.assign.error", { reason: errorText(users.error) })}
            </p>
          ) : agents.length === 0 ? (
            <p className="px-2 py-1.5 text-sm text-slate-600 dark:text-slate-400">{t("conversation.assign.empty")}</p>
          ) : (
            agents.map((agent) => {
              const current = agent.id === conversation.assigneeId;
              return (
                <div
                  key={agent.id}
                  role="menuitemradio"
                  aria-checked={current}
                  tabIndex={-1}
                  onClick={() => choose(agent.id)}
                  onKeyDown={(event) => itemKeyDown(event, agent.id)}
                  className={itemClass}
                >
                  <span className="flex size-4 shrink-0 items-center justify-center">
                    {current ? <Icon name="check" className="size-4 text-brand-700 dark:text-brand-300" /> : null}
                  </span>
                  <span className="min-w-0 flex-1 truncate">
                    {agent.id === userId ? t("conversation.assign.me", { name: agent.name }) : agent.name}
                  </span>
                </div>
              );
            })
          )}
          <hr className="my-1 border-slate-200 dark:border-slate-700" />
          <div
            role="menuitem"
            tabIndex={-1}
            aria-disabled={conversation.assigneeId === null}
            onClick={() => (conversation.assigneeId === null ? undefined : choose(null))}
            onKeyDown={(event) => (conversation.assigneeId === null ? undefined : itemKeyDown(event, null))}
            className={`${itemClass} aria-disabled:cursor-not-allowed aria-disabled:opacity-60`}
          >
            <span className="flex size-4 shrink-0 items-center justify-center">
              <Icon name="x" className="size-3.5" />
            </span>
            {t("conversation.assign.unassign")}
          </div>
        </div>
      ) : null}
    </div>
  );
}
