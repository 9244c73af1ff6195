import type { z } from "zod";

/** One reason a wire body was rejected, located by the field's path (`interactive.action.buttons[3]`). */
export interface WireIssue {
  /** Dotted path into Meta's snake_case body; `""` for the body itself. */
  path: string;
  message: string;
}

/** Renders a zod path the way a reader types it: dots for keys, brackets for array positions. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    const name = String(key);
    return acc === "" ? name : `${acc}.${name}`;
  }, "");
}

const unknownFieldMessage = (key: string): string =>
  key === "caption" ? "this media type takes no caption (only image, video and document do)" : "unknown field; Meta rejects it (error 100)";

/**
 * Flattens zod issues into {@link WireIssue}s. An unknown field gets its own path, because Meta answers those with
 * error 100 and the caller needs to see which key it was.
 */
export function toWireIssues(issues: readonly z.core.$ZodIssue[]): WireIssue[] {
  return issues.flatMap((issue): WireIssue[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: unknownFieldMessage(key) }));
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}
