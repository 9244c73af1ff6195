import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";
import {
  type ApiOperation,
  apiOperations,
  benignValue,
  describeAnswer,
  FORGED_CURSORS,
  fillPath,
  type RawAnswer,
  rawRequest,
  SQL_INJECTION,
  tableCounts,
} from "./attack.test-utils.ts";
import { idsFor, SEED, type SeededIds, seedWorkspace } from "./seed.test-utils.ts";

/**
 * Every query parameter and path id of the API, read from its OpenAPI document, gets every injection string. The
 * answer is a 4xx naming the parameter, or an empty result — never a 500, never rows that do not match — and the data
 * is intact afterwards.
 */
describe.each(DATABASE_KINDS)("SQL injection in every query parameter, path id and key (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let ids: SeededIds;
  let operations: ApiOperation[];
  let before: Record<string, number>;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    ids = await seedWorkspace(t);
    operations = await apiOperations(t);
    before = await tableCounts(t);
  });
  afterAll(async () => t?.close());

  /** What is wrong with an answer to an attacked query parameter, or undefined when it is one of the allowed ones. */
  const problemWith = (answer: RawAnswer, parameter: string, value: string, elapsedMs: number): string | undefined => {
    if (answer.status >= 500) return "a server error";
    // Only the time-based probe is timed: it sleeps 10 s if it runs, while any request may stall a second or two on a
    // loaded machine.
    if (value.includes("pg_sleep") && elapsedMs > 5_000) return `took ${elapsedMs} ms (the injected pg_sleep ran?)`;
    if (answer.status >= 400) {
      if (!answer.json?.error?.code) return "a 4xx without a JSON error";
      if (answer.status === 400 && !answer.json.error.message?.includes(parameter)) return "a 400 that does not name the parameter";
      return undefined;
    }
    if (answer.status >= 200 && answer.status < 300 && Array.isArray(answer.json?.data) && answer.json.data.length > 0) {
      return `${answer.json.data.length} rows for a value nothing matches`;
    }
    return undefined;
  };

  // About 400 requests one after another (~30 s on an idle 2-core machine): the default minute is too close.
  run(
    "when any GET query parameter carries an injection string or a forged cursor, the answer is a 4xx naming it or nothing",
    async () => {
      const problems: string[] = [];
      let attacked = 0;
      for (const op of operations.filter((o) => o.method === "GET")) {
        const base = fillPath(op.path, idsFor(op.path, ids));
        for (const parameter of op.parameters.filter((p) => p.in === "query")) {
          const others = op.parameters
            .filter((p) => p.in === "query" && p.required && p.name !== parameter.name)
            .map((p) => `&${p.name}=${encodeURIComponent(benignValue(p))}`)
            .join("");
          for (const value of [...SQL_INJECTION, ...FORGED_CURSORS]) {
            const path = `${base}?${parameter.name}=${encodeURIComponent(value)}${others}`;
            const started = Date.now();
            const answer = await rawRequest(t, { path });
            const problem = problemWith(answer, parameter.name, value, Date.now() - started);
            attacked++;
            if (problem) problems.push(`${problem}: ${describeAnswer(`GET ${path}`, answer)}`);
          }
        }
      }
      expect(problems).toEqual([]);
      // The document lists the filters this suite is about: if it stopped listing them, the suite would test nothing.
      const queryParameters = operations.flatMap((o) => o.parameters.filter((p) => p.in === "query").map((p) => `${o.path}?${p.name}`));
      expect(queryParameters).toEqual(
        expect.arrayContaining([
          "/api/v1/contacts?phone",
          "/api/v1/contacts?cursor",
          "/api/v1/conversations?status",
          "/api/v1/conversations?channelId",
          "/api/v1/conversations?assigneeId",
          "/api/v1/conversations?contactId",
          "/api/v1/conversations?cursor",
          "/api/v1/canned-responses?q",
          "/api/v1/conversations/{id}/messages?cursor",
          "/receive-message?since",
        ]),
      );
      expect(attacked).toBeGreaterThan(300);
    },
    180_000,
  );

  run(
    "when a path id carries an injection string, every route answers 400 or 404 with a JSON error, on every method",
    async () => {
      const problems: string[] = [];
      for (const op of operations) {
        for (const parameter of op.parameters.filter((p) => p.in === "path")) {
          for (const value of SQL_INJECTION) {
            const path = fillPath(op.path, { ...idsFor(op.path, ids), [parameter.name]: encodeURIComponent(value) });
            const answer = await rawRequest(t, {
              method: op.method,
              path,
              ...(op.jsonBody ? { body: "{}", headers: { "content-type": "application/json" } } : {}),
            });
            if (![400, 404].includes(answer.status) || !answer.json?.error?.code)
              problems.push(describeAnswer(`${op.method} ${path}`, answer));
          }
        }
      }
      expect(problems).toEqual([]);
    },
    180_000,
  );

  run(
    "when an Idempotency-Key is an injection string, the send is stored once under that exact key (over 200 characters: a 400)",
    async () => {
      const keys = SQL_INJECTION.filter((v) => /^[\x20-\x7e]+$/.test(v));
      const tooLong = keys.filter((k) => k.length > 200);
      for (const key of tooLong) {
        const answer = await rawRequest(t, {
          method: "POST",
          path: `/api/v1/conversations/${ids.conversationId}/messages`,
          body: JSON.stringify({ type: "text", body: "oi" }),
          headers: { "content-type": "application/json", "idempotency-key": key },
        });
        expect(answer.status).toBe(400);
        expect(answer.json?.error?.message).toContain("idempotency-key");
      }
      for (const key of keys.filter((k) => k.length <= 200)) {
        const send = () =>
          rawRequest(t, {
            method: "POST",
            path: `/api/v1/conversations/${ids.conversationId}/messages`,
            body: JSON.stringify({ type: "text", body: `reply for ${key}` }),
            headers: { "content-type": "application/json", "idempotency-key": key },
          });
        const first = await send();
        const again = await send();
        expect(first.status, describeAnswer(key, first)).toBe(202);
        expect(again.status, describeAnswer(key, again)).toBe(200);
        expect((again.json as { id?: string } | null)?.id).toBe((first.json as { id?: string } | null)?.id);
      }
      expect((await tableCounts(t)).messages).toBe((before.messages ?? 0) + keys.length - tooLong.length);
    },
  );

  run("when the attacks are over, every table is there with the same rows, and the seeded data reads back", async () => {
    const after = await tableCounts(t);
    expect({ ...after, messages: before.messages }).toEqual(before);
    const contact = await t.api<{ data: Array<{ id: string; name: string }> }>("GET", `/api/v1/contacts?phone=%2B${SEED.customerPhone}`);
    expect(contact.body.data).toEqual([expect.objectContaining({ id: ids.contactId, name: SEED.customerName })]);
    const canned = await t.api<{ data: Array<{ id: string; body: string }> }>("GET", "/api/v1/canned-responses?q=entrega");
    expect(canned.body.data).toEqual([expect.objectContaining({ id: ids.cannedResponseId, body: SEED.cannedBody })]);
    const login = await t.api("POST", "/api/v1/auth/login", { email: "bruna.costa@papo.test", password: "uma-senha-bem-longa-e-rara-1" });
    expect(login.status).toBe(200);
  });
});
