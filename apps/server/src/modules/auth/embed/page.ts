import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The `frame-ancestors` of the `/embed` page: exactly the workspace's configured CRM origins, or `'none'` (embedding
 * off, no origins, unknown workspace). Origins are validated on save (scheme://host[:port]); anything else that could
 * break out of the directive is dropped here too.
 */
export function embedFrameAncestors(origins: readonly string[]): string {
  const safe = origins.filter((o) => /^https?:\/\/[a-z0-9.\-[\]:]+$/i.test(o));
  return safe.length > 0 ? safe.join(" ") : "'none'";
}

/** The console's CSP (set by helmet for every answer) with its `frame-ancestors` replaced. */
export function withFrameAncestors(csp: string, ancestors: string): string {
  const directives = csp
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d !== "" && !/^frame-ancestors(\s|$)/i.test(d));
  return [...directives, `frame-ancestors ${ancestors}`].join(";");
}

/** index.html of the console's build, read per request (a rebuilt console is served without a restart); undefined without a build. */
export function readConsoleIndex(distDir: string): string | undefined {
  const file = join(distDir, "index.html");
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}
