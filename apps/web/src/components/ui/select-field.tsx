import type { SelectHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame.tsx";

/** A labelled drop-down with its options as children, with the same hint and error as TextField. */
export function SelectField({
  label,
  hint,
  error,
  className = "",
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className="block h-10 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm text-slate-900 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
          {...props}
        >
          {children}
        </select>
      )}
    </FieldFrame>
  );
}
