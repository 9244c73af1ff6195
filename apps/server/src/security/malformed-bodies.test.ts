import { randomBytes } from "node:crypto";
import { serializeLikeMeta, signPayload } from "@papo/whatsapp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../testing/databases.test-utils.ts";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";
import {
  type ApiOperation,
  apiOperations,
  describeAnswer,
  fillPath,
  type JsonSchema,
  type RawAnswer,
  rawRequest,
} from "./attack.test-utils.ts";
import { JSON_MAX_DEPTH } from "./http-hardening.ts";
import { idsFor, SEED, type SeededIds, seedWorkspace } from "./seed.test-utils.ts";

const ACCEPTED_BEFORE = "resposta aceita antes dos ataques";

/** A valid body per write route, so a variant breaks exactly one thing. Routes not listed get one built from the schema. */
const BASE_BODIES: Record<string, unknown> = {
  "POST /api/v1/auth/login": { email: ADMIN.email, password: "not-the-password-1" },
  "POST /api/v1/canned-responses": { shortcut: "novo", title: "Título", body: "Texto" },
  "POST /api/v1/channels": {
    name: "Outro número",
    phoneNumberId: "123456789",
    wabaId: "987654321",
    accessToken: "EAAtest",
    appSecret: "s",
  },
  "POST /api/v1/contacts": { name: "Caio" },
  "POST /api/v1/conversations/{id}/messages": { type: "text", body: "oi" },
  "POST /send-message": { to: "+5511912340001", text: "oi" },
  "POST /api/v1/users": { name: "Nova Pessoa", email: "nova.pessoa@papo.test", role: "agent", password: "uma-senha-bem-longa-e-rara-2" },
  "POST /api/v1/auth/password": { currentPassword: "not-the-password-1", newPassword: "uma-senha-bem-longa-e-rara-3" },
};

/** A minimal body of the right types from a JSON schema (the first alternative of a union; required properties only). */
function sample(schema: JsonSchema | undefined): unknown {
  if (!schema) return {};
  const option = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (option) return sample(option);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sample(schema.properties?.[name])]));
    case "array":
      return [];
    case "boolean":
      return false;
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "string":
      if (schema.format === "uuid") return "00000000-0000-4000-8000-000000000000";
      if (schema.format === "date-time") return new Date().toISOString();
      return "x".repeat(Math.max(schema.minLength ?? 1, 1));
    default:
      return "x";
  }
}

/** The top-level string fields of a body schema (of its first alternative), and string arrays' items as `field.0`. */
function stringFields(schema: JsonSchema | undefined): string[] {
  const object = schema?.anyOf?.[0] ?? schema?.oneOf?.[0] ?? schema;
  return Object.entries(object?.properties ?? {}).flatMap(([name, property]) => {
    const p = property.anyOf?.[0] ?? property;
    if (p.type === "string" && !p.enum && p.format !== "uuid") return [name];
    if (p.type === "array" && p.items?.type === "string" && !p.items.enum && p.items.format !== "uuid") return [`${name}.0`];
    return [];
  });
}

function withField(base: unknown, field: string, value: string): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  const [name, index] = field.split(".");
  if (name) copy[name] = index === undefined ? value : [value];
  return copy;
}

/** The answer is a 4xx JSON error; with `field`, a 400 must name it (in the message or one of the listed issues). */
function problemWith(answer: RawAnswer, { status, code, field }: { status?: number[]; code?: string; field?: string }): string | undefined {
  if (answer.status >= 500) return "a server error";
  if (answer.status < 400) return "accepted";
  // The login, 2FA and refresh routes are rate-limited per client: a limiter answering first is a refusal too.
  if (answer.status === 429 && answer.json?.error?.code === "request.rate_limited") return undefined;
  if (status && !status.includes(answer.status)) return `status ${answer.status}, expected ${status.join(" or ")}`;
  const error = answer.json?.error as { code?: string; message?: string; details?: { issues?: Array<{ field: string }> } } | undefined;
  if (!error?.code || !error.message) return "not a JSON error";
  if (code && error.code !== code) return `code ${error.code}, expected ${code}`;
  if (field && answer.status === 400) {
    const named = error.message.includes(`body.${field}`) || (error.details?.issues ?? []).some((i) => i.field.startsWith(`body.${field}`));
    // messages.invalid names the field of the WhatsApp message it built (`body` for /send-message's `text`).
    if (!named && !error.message.includes(field.split(".")[0] ?? field) && error.code !== "messages.invalid")
      return `does not name ${field}`;
  }
  return undefined;
}

describe.each(DATABASE_KINDS)("oversized and malformed bodies on every write route (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let ids: SeededIds;
  let operations: ApiOperation[];
  /** A second channel for the write routes of `/channels/{id}`: the sandbox channel's credentials must stay intact. */
  let spareChannelId: string;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    ids = await seedWorkspace(t);
    operations = (await apiOperations(t)).filter((o) => o.jsonBody);
    const spare = await t.api<{ id: string }>("POST", "/api/v1/channels", {
      name: "Reserva",
      phoneNumberId: "111222333",
      wabaId: "444555666",
      accessToken: "EAAspare",
      appSecret: "spare-secret",
    });
    spareChannelId = spare.body.id;
    // Queued before the attacks: the send worker must still deliver it while (and after) they go on.
    const before = await t.api("POST", `/api/v1/conversations/${ids.conversationId}/messages`, { type: "text", body: ACCEPTED_BEFORE });
    if (before.status !== 202) throw new Error(`the first send was refused: ${JSON.stringify(before.body)}`);
  });
  afterAll(async () => t?.close());

  const pathOf = (op: ApiOperation) =>
    fillPath(op.path, { ...idsFor(op.path, ids), ...(op.path.startsWith("/api/v1/channels/{id}") ? { id: spareChannelId } : {}) });
  const send = (op: ApiOperation, body: string | Buffer, contentType = "application/json") =>
    rawRequest(t, { method: op.method, path: pathOf(op), body, headers: { "content-type": contentType } });

  run(
    "when a body is not JSON, has the wrong type, is over 1 MB, nests too deep or poisons prototypes, every route answers a 4xx naming it",
    async () => {
      const deep = `{"a":${"[".repeat(JSON_MAX_DEPTH * 1000)}${"]".repeat(JSON_MAX_DEPTH * 1000)}}`;
      const variants: Array<{ name: string; body: string | Buffer; contentType?: string; expect: Parameters<typeof problemWith>[1] }> = [
        { name: "truncated JSON", body: '{"a":', expect: { status: [400], code: "request.invalid_json" } },
        { name: "JSON with a trailing comma", body: '{"a":1,}', expect: { status: [400], code: "request.invalid_json" } },
        { name: "empty body", body: "", expect: { status: [400] } },
        { name: "text/plain", body: "{}", contentType: "text/plain", expect: { status: [415], code: "request.unsupported_media_type" } },
        { name: "a form", body: "a=1", contentType: "application/x-www-form-urlencoded", expect: { status: [415] } },
        { name: "XML", body: "<a>1</a>", contentType: "application/xml", expect: { status: [415] } },
        { name: "UTF-16 JSON", body: Buffer.from("{}", "utf16le"), contentType: "application/json; charset=utf-16", expect: {} },
        {
          name: "2 MB of JSON",
          body: JSON.stringify({ a: "x".repeat(2 * 1024 * 1024) }),
          expect: { status: [413], code: "request.too_large" },
        },
        { name: "JSON nested 64 000 deep", body: deep, expect: { status: [400], code: "request.invalid" } },
        { name: "an array", body: "[]", expect: { status: [400] } },
        { name: "null", body: "null", expect: { status: [400] } },
        { name: "a string", body: '"x"', expect: { status: [400] } },
        { name: "a number", body: "42", expect: { status: [400] } },
        { name: "__proto__", body: '{"__proto__":{"role":"admin","isAdmin":true}}', expect: { status: [400] } },
        { name: "constructor.prototype", body: '{"constructor":{"prototype":{"role":"admin"}}}', expect: { status: [400] } },
      ];
      const problems: string[] = [];
      for (const op of operations) {
        for (const variant of variants) {
          const answer = await send(op, variant.body, variant.contentType);
          const problem = problemWith(answer, variant.expect);
          if (problem) problems.push(`${problem}: ${variant.name}: ${describeAnswer(`${op.method} ${op.path}`, answer)}`);
        }
      }
      expect(problems).toEqual([]);
      expect(({}.constructor.prototype as Record<string, unknown>).role).toBeUndefined();
      expect(operations.length).toBeGreaterThan(15);
    },
  );

  run("when any string field is 900 000 characters long or holds a NUL, the route answers a 4xx naming that field", async () => {
    const problems: string[] = [];
    let attacked = 0;
    for (const op of operations) {
      const base = BASE_BODIES[`${op.method} ${op.path}`] ?? sample(op.jsonBody);
      for (const field of stringFields(op.jsonBody)) {
        for (const [name, value] of [
          ["900 000 characters", "x".repeat(900_000)],
          ["a NUL", "a\u0000b"],
        ] as const) {
          const answer = await send(op, JSON.stringify(withField(base, field, value)));
          attacked++;
          const problem = problemWith(answer, { field });
          if (problem) problems.push(`${problem}: ${field} with ${name}: ${describeAnswer(`${op.method} ${op.path}`, answer)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(attacked).toBeGreaterThan(50);
  });

  run("when an upload is not multipart or has no file, it is refused by name", async () => {
    const json = await rawRequest(t, {
      method: "POST",
      path: "/api/v1/media",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(400);
    expect(json.json?.error?.code).toBe("media.multipart_required");
    const boundary = "----papoempty";
    const empty = await rawRequest(t, {
      method: "POST",
      path: "/api/v1/media",
      body: `--${boundary}--\r\n`,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(empty.status).toBe(400);
    expect(empty.json?.error?.code).toBe("media.file_required");
  });

  run(
    "when garbage arrives at /webhook between two real deliveries, both real messages are processed and nothing else is stored as one",
    async () => {
      const phoneNumberId = t.papo.sandbox?.channel.phoneNumberId ?? "";
      const wabaId = t.papo.sandbox?.channel.wabaId ?? "";
      const delivery = (from: string, text: string) =>
        serializeLikeMeta({
          object: "whatsapp_business_account",
          entry: [
            {
              id: wabaId,
              changes: [
                {
                  field: "messages",
                  value: {
                    messaging_product: "whatsapp",
                    metadata: { display_phone_number: "5511955550000", phone_number_id: phoneNumberId },
                    contacts: [{ profile: { name: "Cliente" }, wa_id: from }],
                    messages: [
                      {
                        from,
                        id: `wamid.T${randomBytes(10).toString("hex")}`,
                        timestamp: String(Math.floor(Date.now() / 1000)),
                        type: "text",
                        text: { body: text },
                      },
                    ],
                  },
                },
              ],
            },
          ],
        });
      const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
        rawRequest(t, {
          method: "POST",
          path: "/webhook",
          body,
          headers: { authorization: "", "content-type": "application/json", ...headers },
        });
      const signed = (body: string | Buffer, headers: Record<string, string> = {}) =>
        post(body, { "x-hub-signature-256": signPayload({ body: Buffer.from(body), appSecret: t.appSecret }), ...headers });

      const first = await signed(delivery("5511912347001", "primeira mensagem antes do lixo"));
      expect(first.status).toBe(200);
      expect((await signed('{"object":')).json?.error?.code).toBe("webhook.invalid_json");
      expect((await post(delivery("5511912347002", "sem assinatura"))).status).toBe(401);
      expect((await signed(JSON.stringify({ a: "x".repeat(5 * 1024 * 1024) }))).json?.error?.code).toBe("request.too_large");
      expect((await signed(`{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`)).status).toBeLessThan(500);
      expect((await signed(Buffer.from([0xff, 0xfe, 0x00, 0x7b]))).status).toBe(400);
      expect((await signed("[]", { "content-type": "text/plain" })).status).toBeLessThan(500);
      const last = await signed(delivery("5511912347003", "última mensagem depois do lixo"));
      expect(last.status).toBe(200);

      for (const [from, text] of [
        ["5511912347001", "primeira mensagem antes do lixo"],
        ["5511912347003", "última mensagem depois do lixo"],
      ] as const) {
        const conversation = await eventually(async () => {
          const { body } = await t.api<{ data: Array<{ id: string; contact: { waId: string } | null }> }>("GET", "/api/v1/conversations");
          return body.data.find((c) => c.contact?.waId === from);
        }, `the conversation of ${from}`);
        const { body } = await t.api<{ data: Array<{ text: string | null }> }>("GET", `/api/v1/conversations/${conversation.id}/messages`);
        expect(body.data.map((m) => m.text)).toEqual([text]);
      }
      const { body } = await t.api<{ data: Array<{ contact: { waId: string } | null }> }>("GET", "/api/v1/conversations");
      expect(body.data.some((c) => c.contact?.waId === "5511912347002")).toBe(false);
    },
  );

  run("when a message was accepted before the barrage, it still reaches WhatsApp, once", async () => {
    await eventually(
      () => t.sim.sentTo(SEED.customerPhone).find((m) => JSON.stringify(m.body).includes(ACCEPTED_BEFORE)),
      "the reply at WhatsApp",
    );
    expect(t.sim.sentTo(SEED.customerPhone).filter((m) => JSON.stringify(m.body).includes(ACCEPTED_BEFORE))).toHaveLength(1);
  });
});
