import type { ReactNode } from "react";

/**
 * One big number. With `onOpen` the whole card is a button that opens the conversations behind it; `hint` explains a
 * number that cannot be given (a "—" under a tag filter) in a tooltip and in text for screen readers.
 */
export function StatCard({
  label,
  value,
  detail,
  hint,
  onOpen,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  hint?: string | undefined;
  onOpen?: (() => void) | undefined;
  testId?: string;
}) {
  const body = (
    <>
      <span className="block text-xs font-medium text-slate-600 dark:text-slate-400">{label}</span>
      <span data-testid={testId} className="mt-1 block text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">
        {value}
      </span>
      {detail ? <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">{detail}</span> : null}
      {hint ? <span className="sr-only">{hint}</span> : null}
    </>
  );
  const frame =
    "flex w-full flex-col items-start justify-start rounded-xl border border-slate-200 bg-white p-3 text-left dark:border-slate-800 dark:bg-slate-900";
  if (!onOpen)
    return (
      <div className={frame} title={hint}>
        {body}
      </div>
    );
  return (
    <button
      type="button"
      onClick={onOpen}
      title={hint}
      className={`${frame} hover:border-brand-600 hover:bg-brand-50 dark:hover:bg-brand-900/30`}
    >
      {body}
    </button>
  );
}

/** A row of cards that wraps on narrow screens. */
export function StatGrid({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6">{children}</div>;
}
