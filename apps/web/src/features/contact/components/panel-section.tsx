import { type ReactNode, useId } from "react";

/** Classes of the panel's small text inputs. */
export const inputClass =
  "block h-8 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";

/** A titled part of the contact panel (tags, attributes, notes, conversations). */
export function PanelSection({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-2 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
      <h3 id={headingId} className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
        {title}
      </h3>
      {children}
    </section>
  );
}
