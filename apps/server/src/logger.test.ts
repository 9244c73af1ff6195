import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, scrubLine, scrubText } from "./logger.ts";

describe("createLogger", () => {
  it("when a request is logged, only its path is written: no query string, no headers", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    createLogger("info", sink).info(
      {
        req: {
          method: "GET",
          url: "/api/v1/contacts?phone=%2B5511912345678",
          id: "req-1",
          headers: { authorization: "Bearer secret-token" },
        },
      },
      "incoming request",
    );
    const [line] = lines;
    expect(JSON.parse(line ?? "{}").req).toEqual({ method: "GET", path: "/api/v1/contacts", id: "req-1" });
    expect(line).not.toContain("5511912345678");
    expect(line).not.toContain("secret-token");
  });
});

describe("log redaction", () => {
  const capture = () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, log: createLogger("trace", sink) };
  };

  it("when credentials or personal data are logged under their usual keys, at any depth, only [redacted] is written", () => {
    const { lines, log } = capture();
    log.info(
      {
        password: "hunter2-hunter2",
        channel: { accessToken: "EAAGsecretsecretsecret", appSecret: "app-secret-value", verifyToken: "verify-me-123" },
        headers: { authorization: "Bearer abc.def.ghi", cookie: "papo_refresh=r3fr3sh" },
        message: { text: "meu CPF é 123.456.789-00", caption: "foto do documento" },
        contact: { email: "lia@example.com", phone: "+55 11 91234-5678", wa_id: "5511912345678" },
        list: [{ refreshToken: "rt-1" }],
      },
      "something happened",
    );
    const line = lines.join("");
    for (const secret of ["hunter2", "EAAGsecret", "app-secret-value", "verify-me-123", "abc.def.ghi", "r3fr3sh", "123.456.789-00"])
      expect(line).not.toContain(secret);
    for (const personal of ["foto do documento", "lia@example.com", "91234-5678", "5511912345678", "rt-1"])
      expect(line).not.toContain(personal);
    expect(JSON.parse(line).msg).toBe("something happened");
  });

  it("when e-mails, tokens or phone numbers appear inside free text, they are masked; Meta's numeric ids and addresses stay", () => {
    expect(scrubText("login failed for lia.prado@example.com.br")).toBe("login failed for [email]");
    expect(scrubText("customer 5511912345678 → 106540352242922: text")).toBe("customer [phone] → [phone]: text");
    expect(scrubText("call +55 (11) 91234-5678 now")).toBe("call [phone] now");
    expect(scrubText("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubText("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")).toBe("token [jwt]");
    expect(scrubText("GET /api/v1/stream?token=abc123&x=1")).toBe(`GET /api/v1/stream?token=${REDACTED}&x=1`);
    expect(scrubText("duplicate wamid.HBgNNTUxMTk4NzY1MTIzNBUCABIYFDNBNzkx== ignored")).toBe("duplicate wamid.[redacted] ignored");
    expect(scrubText("from 192.168.100.200 at 2025-05-01T10:20:30.123Z id 123e4567-e89b-12d3-a456-426614174000")).toBe(
      "from 192.168.100.200 at 2025-05-01T10:20:30.123Z id 123e4567-e89b-12d3-a456-426614174000",
    );
    const line = scrubLine(`${JSON.stringify({ level: 30, time: 1714000000000, phoneNumberId: "106540352242922", msg: "x" })}\n`);
    expect(JSON.parse(line)).toEqual({ level: 30, time: 1714000000000, phoneNumberId: "106540352242922", msg: "x" });
  });

  it("when an error is logged, its bound query parameters, detail and extra properties are left out; message, stack and code stay", () => {
    const { lines, log } = capture();
    const dbError = Object.assign(new Error("duplicate key value violates unique constraint"), {
      code: "23505",
      detail: "Key (email)=(bruna@example.com) already exists.",
    });
    const drizzleError = new Error(
      'Failed query: insert into "users" ("email", "name") values ($1, $2)\nparams: bruna@example.com,Bruna Costa\nda Silva',
      {
        cause: dbError,
      },
    );
    const clientError = Object.assign(new Error("request failed"), {
      request: { headers: { Authorization: "Bearer EAAGtokentokentokentoken" }, body: '{"text":{"body":"segredo"}}' },
      raw: { recipient_id: "5511912345678" },
    });
    log.error({ err: drizzleError }, "unhandled error");
    log.error({ err: clientError }, "send failed");
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first.err.message).toBe(`Failed query: insert into "users" ("email", "name") values ($1, $2)\nparams: ${REDACTED}`);
    expect(first.err.cause).toMatchObject({ type: "Error", code: "23505", message: "duplicate key value violates unique constraint" });
    expect(first.err.stack).toContain("at ");
    expect(second.err).toEqual({ type: "Error", message: "request failed", stack: expect.any(String) });
    const all = lines.join("");
    for (const value of ["bruna@example.com", "Bruna Costa", "da Silva", "EAAGtoken", "segredo", "5511912345678"])
      expect(all).not.toContain(value);
  });
});
