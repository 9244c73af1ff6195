import { type ReactNode, useId } from "react";

/** A titled part of the security settings. */
export function SettingsSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** A success message, announced politely. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-brand-900 dark:bg-slate-800 dark:text-brand-100">
      {children}
    </p>
  );
}
