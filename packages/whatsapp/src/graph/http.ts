import type { z } from "zod";
import { errorFromGraphResponse } from "../errors/factories.ts";
import { networkError, unexpectedResponseError } from "../errors/local-errors.ts";

/** Transport settings shared by every Graph call. */
export interface GraphHttpOptions {
  accessToken: string;
  baseUrl: string;
  apiVersion: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** One Graph API call; `path` is relative to `{baseUrl}/{apiVersion}/`. */
export interface GraphRequest<T> {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as multipart; fetch sets the boundary header itself. */
  form?: FormData;
  /** Shape of a successful answer; anything else becomes an "unexpected response" error. */
  schema: z.ZodType<T>;
  /** Names the expected answer in that error. */
  expected: string;
}

/** The binary answer of a media download. */
export interface BinaryResponse {
  data: Uint8Array;
  contentType: string | undefined;
}

/** Fetch, timeout and error mapping for the Graph API; every other module speaks through it. */
export interface GraphHttp {
  /** Calls a Graph endpoint and returns its parsed, validated JSON answer. */
  request<T>(request: GraphRequest<T>): Promise<T>;
  /** GETs an absolute URL (a media `url`) with the bearer token and returns the bytes. */
  download(url: string): Promise<BinaryResponse>;
}

const isTimeout = (cause: unknown): boolean => cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");

const buildUrl = ({ baseUrl, apiVersion }: GraphHttpOptions, path: string, query: GraphRequest<unknown>["query"]): string => {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}/${apiVersion}/${path.replace(/^\/+/, "")}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * Creates the transport. A failed fetch (refused, DNS, `timeoutMs` elapsed) becomes a `WhatsAppNetworkError`; a non-2xx
 * answer becomes the `WhatsAppError` subclass its code calls for. There are no automatic retries: a send is not
 * idempotent, so the caller's queue decides, using the error's classification.
 *
 * @example
 * const http = createGraphHttp({ accessToken, baseUrl: "https://graph.facebook.com", apiVersion: "v24.0", fetch, timeoutMs: 30_000 });
 * const info = await http.request({ method: "GET", path: mediaId, schema: mediaInfoSchema, expected: "media info" });
 */
export function createGraphHttp(options: GraphHttpOptions): GraphHttp {
  const authorization = `Bearer ${options.accessToken}`;

  // The timeout covers the body as well as the headers: a stalled body must not hang a send worker.
  const exchange = async (url: string, init: RequestInit): Promise<{ response: Response; read: () => Promise<ArrayBuffer> }> => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    try {
      response = await options.fetch(url, { ...init, signal });
    } catch (cause) {
      throw networkError({ cause, timedOut: isTimeout(cause) || signal.aborted });
    }
    const read = async () => {
      try {
        return await response.arrayBuffer();
      } catch (cause) {
        throw networkError({ cause, timedOut: isTimeout(cause) || signal.aborted });
      }
    };
    return { response, read };
  };

  const failIfNotOk = async (response: Response, read: () => Promise<ArrayBuffer>): Promise<void> => {
    if (response.ok) return;
    // The status alone still classifies the failure, so a body that breaks off mid-read is treated as empty.
    const text = await read().then(
      (bytes) => new TextDecoder().decode(bytes),
      () => "",
    );
    throw errorFromGraphResponse({ httpStatus: response.status, body: text });
  };

  return {
    async request<T>({ method, path, query, json, form, schema, expected }: GraphRequest<T>): Promise<T> {
      const headers: Record<string, string> = { authorization };
      let body: string | FormData | undefined;
      if (json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(json);
      } else if (form !== undefined) {
        body = form;
      }
      const { response, read } = await exchange(buildUrl(options, path, query), {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      await failIfNotOk(response, read);
      const parsed = parseJson(new TextDecoder().decode(await read()));
      const result = schema.safeParse(parsed);
      if (!result.success) throw unexpectedResponseError({ httpStatus: response.status, body: parsed, expected });
      return result.data;
    },

    async download(url: string): Promise<BinaryResponse> {
      const { response, read } = await exchange(url, { method: "GET", headers: { authorization } });
      await failIfNotOk(response, read);
      return { data: new Uint8Array(await read()), contentType: response.headers.get("content-type") ?? undefined };
    },
  };
}
