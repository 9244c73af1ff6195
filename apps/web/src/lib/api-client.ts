import type { ApiErrorBody, LoginResponse } from "./api-types.ts";
import type { SessionStore } from "./session.ts";

/** Trades the refresh cookie (httpOnly, path /api/v1/auth) for a new access token; the cookie is replaced too. */
const REFRESH_PATH = "/api/v1/auth/refresh";
/** Renew the access token this long before it expires, so a live socket reconnecting never presents a dead one. */
const REFRESH_AHEAD_MS = 60_000;

/**
 * A failed API call. `code` is the server's stable dotted code (docs/errors.md), or one of the console's own:
 * `network.error` (no answer) and `request.failed` (an answer that is not Papo's error shape).
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor({ code, status, message, details }: { code: string; status: number; message: string; details?: unknown }) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is: multipart uploads, or a text body whose `content-type` the caller sets in `headers` (CSV uploads). */
  body?: FormData | string;
  query?: Record<string, string | number | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not try a token refresh on a 401 (logout: a refused token must not bring the session back). */
  skipRefresh?: boolean;
}

export interface ApiClient {
  /** Calls the API and parses its JSON answer. */
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Calls the API and returns the body as a Blob (media downloads). */
  blob(path: string, options?: RequestOptions): Promise<Blob>;
  /**
   * Calls the API asking for Server-Sent Events and returns the successful response unread, for the caller to read
   * its body as it streams (copilot suggestions). Errors, token and refresh work as in `request`.
   */
  stream(path: string, options?: RequestOptions): Promise<Response>;
  /** The bearer token of the current session, for the live stream's URL. */
  token(): string | null;
  /**
   * Renews the access token with the refresh cookie (one request at a time, across tabs where the browser can lock).
   * Resolves true when the session goes on; a refused refresh ends the session.
   */
  refresh(): Promise<boolean>;
  /** On page load: resumes the session the refresh cookie holds, once; later calls resolve the first outcome. */
  restore(): Promise<boolean>;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

function withQuery(path: string, query: RequestOptions["query"]): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Runs `task` under a lock shared by the browser's tabs (Web Locks), or directly where there is none. */
function exclusively<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? (locks.request(name, task) as Promise<T>) : task();
}

/**
 * The console's single HTTP client: adds the bearer token, sends and reads JSON, turns error answers into `ApiError`.
 * An authenticated call refused with `auth.invalid_token` (the access token expired or was revoked) renews the token
 * once with the refresh cookie and is retried; if the refresh is refused too, the session ends. The token is also
 * renewed shortly before it expires. `fetch` is a parameter so tests pass a fake one.
 *
 * @example
 * const client = createApiClient({ session, fetch: window.fetch.bind(window) });
 * const page = await client.request<Page<Conversation>>("/api/v1/conversations", { query: { status: "open" } });
 */
export function createApiClient({
  fetch,
  session,
  baseUrl = "",
  refreshPath = REFRESH_PATH,
}: {
  fetch: FetchLike;
  session: SessionStore;
  baseUrl?: string;
  /** Where the refresh cookie is traded (the embedded console has its own: /api/v1/auth/embed/refresh). */
  refreshPath?: string;
}): ApiClient {
  let refreshing: Promise<boolean> | null = null;
  let restored: Promise<boolean> | null = null;

  async function callRefresh(): Promise<"ok" | "refused" | "failed"> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${refreshPath}`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: "{}",
        credentials: "same-origin",
      });
    } catch {
      return "failed";
    }
    if (!response.ok) return response.status === 401 ? "refused" : "failed";
    session.start((await response.json()) as LoginResponse);
    return "ok";
  }

  /** One refresh at a time; `endOnFailure`: whether anything but success ends the session (after a refused token). */
  function refresh({ endOnFailure }: { endOnFailure: boolean }): Promise<boolean> {
    refreshing ??= exclusively("papo-refresh", callRefresh)
      .then((outcome) => {
        if (outcome === "refused" || (outcome === "failed" && endOnFailure)) session.clear();
        return outcome === "ok";
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  session.subscribe(() => {
    clearTimeout(timer);
    const current = session.get();
    if (!current) return;
    const due = Math.max(5_000, current.expiresAt - Date.now() - REFRESH_AHEAD_MS);
    // Browsers cap timers at about 24.8 days; tokens live minutes.
    timer = setTimeout(() => void refresh({ endOnFailure: false }), Math.min(due, 2_000_000_000));
  });

  async function send(path: string, options: RequestOptions, retried = false): Promise<Response> {
    const token = session.get()?.token;
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.body) {
      body = options.body;
    }
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${withQuery(path, options.query)}`, {
        method: options.method ?? "GET",
        headers,
        body,
        signal: options.signal,
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw new ApiError({ code: "network.error", status: 0, message: cause instanceof Error ? cause.message : String(cause) });
    }
    if (response.ok) return response;
    const parsed: unknown = await response.json().catch(() => null);
    const error = isErrorBody(parsed)
      ? new ApiError({ status: response.status, ...parsed.error })
      : new ApiError({ code: "request.failed", status: response.status, message: `HTTP ${response.status}` });
    // Only a call that carried a token can prove it dead; a wrong password at login is a 401 too.
    if (response.status === 401 && token && !options.skipRefresh) {
      if (error.code === "auth.invalid_token" && !retried && (await refresh({ endOnFailure: true }))) return send(path, options, true);
      session.clear();
    }
    throw error;
  }

  return {
    async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
      const response = await send(path, options);
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    },
    async blob(path, options = {}) {
      const response = await send(path, { ...options, headers: { accept: "*/*", ...options.headers } });
      return response.blob();
    },
    stream(path, options = {}) {
      return send(path, { ...options, headers: { accept: "text/event-stream", ...options.headers } });
    },
    token: () => session.get()?.token ?? null,
    refresh: () => refresh({ endOnFailure: true }),
    restore() {
      restored ??= session.get() ? Promise.resolve(true) : refresh({ endOnFailure: false });
      return restored;
    },
  };
}
