import { useErrorText } from "../../../i18n/i18n.tsx";

/** A failed write, in the agent's language (`api-errors.<code>`), announced to screen readers. */
export function FormError({ id, error }: { id: string; error: unknown }) {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <p id={id} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {errorText(error)}
    </p>
  );
}
