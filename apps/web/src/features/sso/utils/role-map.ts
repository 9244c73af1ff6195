import { SSO_ROLES, type SsoRole } from "../api/types.ts";

/** The role mapping as the form shows it: one `value = role` a line. */
export function formatRoleMap(map: Record<string, SsoRole>): string {
  return Object.entries(map)
    .map(([value, role]) => `${value} = ${role}`)
    .join("\n");
}

/** Parses the form's lines; blank lines are skipped. `{ error: line }` names the first line that is not `value = role`. */
export function parseRoleMap(text: string): { map: Record<string, SsoRole> } | { error: number } {
  const map: Record<string, SsoRole> = {};
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const at = line.lastIndexOf("=");
    const value = line.slice(0, at).trim();
    const role = line
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (at < 0 || !value || !(SSO_ROLES as readonly string[]).includes(role)) return { error: index + 1 };
    map[value] = role as SsoRole;
  }
  return { map };
}

/** `a.com, b.com` (or one a line) → `["a.com", "b.com"]`. */
export const parseDomains = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);

/** The `sso_error` the server's callback put in the login URL (`#/login?sso_error=sso.user_not_found`), if any. */
export function ssoErrorOf(hash: string): string | null {
  const match = /[?&]sso_error=([^&]+)/.exec(hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
