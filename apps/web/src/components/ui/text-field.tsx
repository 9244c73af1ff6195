import type { InputHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame.tsx";

/**
 * A labelled input with an optional hint and an optional error, both read out with the field (aria-describedby) and the
 * error marking it invalid. Every form of the console uses it, so fields look and speak alike.
 */
export function TextField({
  label,
  hint,
  error,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className="block h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
          {...props}
        />
      )}
    </FieldFrame>
  );
}
