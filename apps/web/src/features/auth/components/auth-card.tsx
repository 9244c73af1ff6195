import type { ReactNode } from "react";
import { Logo } from "../../../components/ui/logo.tsx";

/** The login screen's frame: the logo, a heading and the current step. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center bg-slate-50 p-4 dark:bg-slate-950">
      <div className="w-full max-w-sm space-y-5 rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="flex flex-col items-center gap-2 text-center">
          <Logo className="size-14" />
          <h1 className="text-xl font-semibold">{title}</h1>
          {subtitle ? <p className="text-sm text-slate-600 dark:text-slate-400">{subtitle}</p> : null}
        </div>
        {children}
      </div>
    </main>
  );
}

/** An error of the step, announced to screen readers. */
export function AuthError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {children}
    </p>
  );
}
