import { ApiError } from "./api-client.ts";

/** Per-field error codes of a failed write, plus whether anything was left that names no field of the form. */
export interface FieldErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  /** The error, when no field of the form could carry it. */
  unplaced: unknown;
}

const issuesOf = (details: unknown): Array<{ field: string }> => {
  const issues = typeof details === "object" && details !== null ? (details as { issues?: unknown }).issues : undefined;
  return Array.isArray(issues) ? issues.filter((i): i is { field: string } => typeof i?.field === "string") : [];
};

/**
 * Places the server's errors beside the fields they name: `request.invalid` lists `{ field: "body.name" }` issues, and
 * the module's own errors start their message with the field (`phoneNumberId: … already connected`).
 */
export function fieldErrorsOf<F extends string>(error: unknown, fields: readonly F[]): FieldErrors<F> {
  if (!error) return { fields: {}, unplaced: null };
  const known = (name: string | undefined): name is F => name !== undefined && (fields as readonly string[]).includes(name);
  const placed: Partial<Record<F, string>> = {};
  if (error instanceof ApiError) {
    for (const issue of issuesOf(error.details)) {
      // "body.shortcut" names the field; a bare "body" is the request body as a whole.
      const [context, name] = issue.field.split(".");
      if (context !== "body") continue;
      if (known(name)) placed[name] ??= error.code;
    }
    // A validation message's prefix is a path ("body.name: …"), already read from its issues.
    const named = error.code === "request.invalid" ? undefined : /^(\w+):/.exec(error.message)?.[1];
    if (Object.keys(placed).length === 0 && known(named)) placed[named] = error.code;
  }
  return { fields: placed, unplaced: Object.keys(placed).length > 0 ? null : error };
}

/**
 * The form field a failed write is about, if the server named one: `details.field` (users.weak_password,
 * users.email_taken, …), the first `request.invalid` issue (`body.email`), or a message starting with `field:`.
 */
export function errorField(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = typeof error.details === "object" && error.details !== null ? (error.details as Record<string, unknown>) : {};
  if (typeof details.field === "string") return details.field;
  const issues = Array.isArray(details.issues) ? (details.issues as Array<{ field?: unknown }>) : [];
  const issueField = issues.find((i) => typeof i.field === "string")?.field;
  if (typeof issueField === "string") return issueField.replace(/^body\./, "").split(".")[0];
  return /^(\w+):/.exec(error.message)?.[1];
}
