import { request as httpRequest } from "node:http";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/raw.ts";
import type { TestPapo } from "../testing/papo.test-utils.ts";

/**
 * SQL-injection strings: classic tautologies and stacked queries, UNION probes, LIKE wildcards, comment and quote
 * tricks, look-alike quotes (U+2019, U+02BC, fullwidth) that a careless normaliser turns into ASCII quotes, NUL bytes,
 * PostgreSQL casts and placeholders, and a time-based probe.
 */
export const SQL_INJECTION = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR ""="',
  '"; DROP TABLE contacts; --',
  "'; DROP TABLE contacts; --",
  "1; DELETE FROM messages --",
  "%' UNION SELECT id, email, password_hash FROM users --",
  "' UNION SELECT NULL, NULL, NULL --",
  "admin'--",
  ") OR (1=1",
  "1' AND (SELECT COUNT(*) FROM users) > 0 --",
  "'; SELECT pg_sleep(10); --",
  "\u2019 OR 1=1 --",
  "\u02bc OR \u02bc1\u02bc=\u02bc1",
  "\uff07 OR 1=1 --",
  "\0",
  "abc\0' OR 1=1 --",
  "%",
  "_",
  "%%' --",
  "\\",
  "\\' OR 1=1 --",
  "$1",
  "'::text || (select current_user) || '",
  "00000000-0000-0000-0000-000000000000' OR '1'='1",
  "1 OR 1=1",
  "-1",
  "9".repeat(400),
  "𝕏' OR 1=1 --",
  "<script>alert(1)</script>",
];

/** Cursors built by hand: the API's own formats around an injected key, so the decoder, not base64, is what is tested. */
export const FORGED_CURSORS = [
  ...["' OR 1=1 --", "00000000-0000-0000-0000-000000000000' OR '1'='1", "\0", "x"].map((id) =>
    Buffer.from(`2024-01-01T00:00:00.000Z|${id}`).toString("base64url"),
  ),
  Buffer.from("' OR 1=1 --|00000000-0000-0000-0000-000000000000").toString("base64url"),
  Buffer.from("-100000-01-01T00:00:00.000Z|00000000-0000-0000-0000-000000000000").toString("base64url"),
  Buffer.from("+275760-09-13T00:00:00.000Z|00000000-0000-0000-0000-000000000000").toString("base64url"),
  Buffer.from("f1.1 OR 1=1.1").toString("base64url"),
  Buffer.from("f1.99999999999999999999999.1").toString("base64url"),
  Buffer.from("f1.-1.0").toString("base64url"),
];

export interface ApiParameter {
  in: "path" | "query" | "header";
  name: string;
  required?: boolean;
  schema?: { type?: string; format?: string; enum?: unknown[] };
}

/**
 * A harmless value for a required query parameter that is not the one under attack (the search's `q`), so the
 * route's answer is about the attacked parameter alone.
 */
export function benignValue(parameter: ApiParameter): string {
  if (parameter.schema?.enum?.length) return String(parameter.schema.enum[0]);
  if (parameter.schema?.format === "uuid") return "00000000-0000-4000-8000-000000000000";
  return "zzzbenign";
}

export interface ApiOperation {
  method: string;
  /** OpenAPI form: `/api/v1/contacts/{id}`. */
  path: string;
  parameters: ApiParameter[];
  /** The JSON body's schema, when the route takes one. */
  jsonBody?: JsonSchema;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  nullable?: boolean;
}

/** Every operation of the running API, read from its own OpenAPI document: a new route is attacked without listing it. */
export async function apiOperations(t: TestPapo): Promise<ApiOperation[]> {
  const doc = (await (await fetch(`${t.papo.url}/api/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<string, { parameters?: ApiParameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
    >;
  };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => {
      const jsonBody = op.requestBody?.content?.["application/json"]?.schema;
      return { method: method.toUpperCase(), path, parameters: op.parameters ?? [], ...(jsonBody ? { jsonBody } : {}) };
    }),
  );
}

/** Fills `{name}` placeholders: the given values, else a well-formed id nobody has. */
export function fillPath(path: string, values: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "00000000-0000-4000-8000-000000000000");
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  json: { error?: { code?: string; message?: string }; data?: unknown[] } | null;
}

/**
 * One request through node:http with the path sent byte for byte (fetch would normalise `..` segments and encode
 * what it dislikes), with the admin's token unless told otherwise.
 */
export function rawRequest(
  t: TestPapo,
  { method = "GET", path, body, headers = {} }: { method?: string; path: string; body?: string | Buffer; headers?: Record<string, string> },
): Promise<RawAnswer> {
  const url = new URL(t.papo.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${t.token}`,
          ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const contentType = String(res.headers["content-type"] ?? "");
          let json: RawAnswer["json"] = null;
          if (contentType.includes("json")) {
            try {
              json = JSON.parse(text) as RawAnswer["json"];
            } catch {
              json = null;
            }
          }
          resolve({ status: res.statusCode ?? 0, contentType, text, json });
        });
      },
    );
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Row counts of the tables an injection would most like to read, change or drop (a dropped table fails the query). */
export async function tableCounts(t: TestPapo): Promise<Record<string, number>> {
  const tables = ["users", "contacts", "conversations", "messages", "canned_responses", "contact_notes", "channels", "media"];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ n: number | string }>(t.papo.deps.database.db, sql.raw(`select count(*) as n from ${table}`));
    counts[table] = Number(row?.n);
  }
  return counts;
}

/** A short description of an answer for assertion messages. */
export const describeAnswer = (label: string, answer: RawAnswer): string => `${label} → ${answer.status} ${answer.text.slice(0, 300)}`;
