/**
 * Build-time settings, read once. `VITE_API_BASE_URL` lets the console call an API on another origin; empty (the
 * default) means the page's own origin, which is how the server serves it.
 */
function readEnv() {
  const apiBaseUrl = import.meta.env.VITE_API_BASE_URL ?? "";
  if (typeof apiBaseUrl !== "string" || (apiBaseUrl !== "" && !/^https?:\/\/[^/]+$/.test(apiBaseUrl))) {
    throw new Error(`VITE_API_BASE_URL must be an origin such as https://papo.example.com (got ${String(apiBaseUrl)})`);
  }
  return Object.freeze({ apiBaseUrl });
}

export const env = readEnv();
