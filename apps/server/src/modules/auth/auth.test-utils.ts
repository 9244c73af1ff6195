import { and, eq } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import { users } from "../../db/schema/users.ts";
import type { TestPapo } from "../../testing/papo.test-utils.ts";
import { sessionFor } from "./sessions.test-utils.ts";

/** A clock tests move by hand: lockouts end, tokens expire and TOTP steps pass without waiting. */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function createTestClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export interface Cookie {
  value: string;
  attributes: string[];
}

export interface CallResult<T> {
  status: number;
  body: T;
  headers: Headers;
  /** Cookies set by the answer, by name (an emptied cookie has the value ""). */
  cookies: Record<string, Cookie>;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  /** Sent as `Cookie: papo_refresh=<value>`. */
  refreshCookie?: string;
  /** The client address, through X-Forwarded-For (the suites start Papo with TRUST_PROXY=1). */
  ip?: string;
  userAgent?: string;
  headers?: Record<string, string>;
}

/** Calls Papo like a browser or an API client would, and takes the answer's cookies apart. */
export async function call<T = unknown>(t: TestPapo, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const response = await fetch(`${t.papo.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.refreshCookie !== undefined ? { cookie: `papo_refresh=${options.refreshCookie}` } : {}),
      ...(options.ip ? { "x-forwarded-for": options.ip } : {}),
      "user-agent": options.userAgent ?? "papo-tests/1.0",
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const cookies: Record<string, Cookie> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
    const at = pair.indexOf("=");
    cookies[pair.slice(0, at)] = { value: decodeURIComponent(pair.slice(at + 1)), attributes };
  }
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers, cookies };
}

export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };
export type Grant = {
  token: string;
  expiresIn: number;
  user: { id: string; email: string };
  refreshToken?: string;
  refreshExpiresIn?: number;
};

/**
 * Calls as the harness's admin through a fresh session each time: the harness's own token expires as soon as a test
 * moves the clock past the access-token lifetime.
 */
export async function asAdmin<T = unknown>(t: TestPapo, method: string, path: string, body?: unknown): Promise<CallResult<T>> {
  const { bootstrap } = t.papo;
  const [admin] = await t.papo.deps.database.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, bootstrap.workspaceId), eq(users.email, bootstrap.admin.email)));
  if (!admin) throw new Error("the harness admin is missing");
  const { token } = await sessionFor(t.papo.deps, { userId: admin.id, workspaceId: bootstrap.workspaceId });
  return call<T>(t, method, path, { token, ...(body === undefined ? {} : { body }) });
}
