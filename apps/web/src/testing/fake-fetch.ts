import type { FetchLike } from "../lib/api-client.ts";

/** A request the fake `fetch` received, already taken apart. */
export interface FakeCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON, or the FormData of an upload. */
  body: unknown;
}

export interface FakeRoute {
  method?: string;
  /** The path without the query; a RegExp for ids. */
  path: string | RegExp;
  respond: (call: FakeCall) => Response | Promise<Response>;
}

export type FakeFetch = FetchLike & { calls: FakeCall[]; route(route: FakeRoute): void };

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function apiError(status: number, code: string, message = code): Response {
  return json({ error: { code, message } }, status);
}

/**
 * A `fetch` that answers from a list of routes (the first that matches) and records every call, so tests fake the
 * API at the network boundary instead of mocking modules. Unmatched calls get the API's own 404.
 */
export function createFakeFetch(routes: FakeRoute[] = []): FakeFetch {
  const table = [...routes];
  const calls: FakeCall[] = [];
  const fake = async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, "http://papo.test");
    const headers = Object.fromEntries(
      Object.entries((init.headers as Record<string, string> | undefined) ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    // JSON bodies are recorded parsed; other text (a CSV upload) as sent.
    const isJson = !headers["content-type"] || headers["content-type"].startsWith("application/json");
    const body = typeof init.body === "string" && isJson ? JSON.parse(init.body) : init.body;
    const call: FakeCall = { method: init.method ?? "GET", path: url.pathname, query: url.searchParams, headers, body };
    calls.push(call);
    const route = table.find(
      (r) => (r.method ?? "GET") === call.method && (typeof r.path === "string" ? r.path === call.path : r.path.test(call.path)),
    );
    return route ? route.respond(call) : apiError(404, "route.not_found");
  };
  return Object.assign(fake, { calls, route: (route: FakeRoute) => table.unshift(route) });
}
