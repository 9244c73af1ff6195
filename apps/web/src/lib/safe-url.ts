/**
 * The URL as a link target only when it is an absolute http(s) URL; anything else (`javascript:`, `data:`,
 * relative paths, garbage) is refused and must be shown as plain text.
 */
export function safeHttpUrl(candidate: string | null | undefined): string | null {
  if (!candidate) return null;
  try {
    const url = new URL(candidate.trim());
    if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname) return url.href;
  } catch {
    // not a URL
  }
  return null;
}
