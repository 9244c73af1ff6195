import type { TextareaHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame.tsx";

/** A labelled multi-line text box (lists, reply texts), with the same hint and error as TextField. */
export function TextAreaField({
  label,
  hint,
  error,
  className = "",
  monospace = false,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** For lists a machine reads (domains, keys), where every character matters. */
  monospace?: boolean;
}) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          rows={3}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={`block w-full resize-y rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 ${monospace ? "font-mono" : ""}`}
          {...props}
        />
      )}
    </FieldFrame>
  );
}
