import type { ApiErrorBody } from "./api-types.ts";
import type { SessionStore } from "./session.ts";

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
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (multipart uploads). */
  body?: FormData;
  query?: Record<string, string | number | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClient {
  /** Calls the API and parses its JSON answer. */
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Calls the API and returns the body as a Blob (media downloads). */
  blob(path: string, options?: RequestOptions): Promise<Blob>;
  /** The bearer token of the current session, for the live stream's URL. */
  token(): string | null;
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

/**
 * The console's single HTTP client: adds the bearer token, sends and reads JSON, turns error answers into `ApiError`,
 * and ends the session on a 401 to an authenticated call. `fetch` is a parameter so tests pass a fake one.
 *
 * @example
 * const client = createApiClient({ session, fetch: window.fetch.bind(window) });
 * const page = await client.request<Page<Conversation>>("/api/v1/conversations", { query: { status: "open" } });
 */
export function createApiClient({
  fetch,
  session,
  baseUrl = "",
}: {
  fetch: FetchLike;
  session: SessionStore;
  baseUrl?: string;
}): ApiClient {
  async function send(path: string, options: RequestOptions): Promise<Response> {
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
    // Only a call that carried a token can prove the session dead; a wrong password at login is a 401 too.
    if (response.status === 401 && token) session.clear();
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
    token: () => session.get()?.token ?? null,
  };
}
