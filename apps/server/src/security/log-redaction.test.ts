import { Writable } from "node:stream";
import type { OutboundMessage } from "@papo/whatsapp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";

/** Values that must never reach a log line: secrets, and a customer's and a user's personal data. */
const CUSTOMER = {
  phone: "5511987651234",
  formatted: "+55 11 98765-1234",
  name: "Zuleica Quintanilha",
  text: "quero cancelar o pedido xablau",
};
const REPLY = "resposta confidencial para a Zuleica";
const FAILING_REPLY = "resposta que falha com detalhes sigilosos";
const WRONG_PASSWORD = "senha-errada-do-atacante";
const CHANNEL = { accessToken: "EAAGsegredoDoCanalQueNaoPodeVazar", appSecret: "segredo-do-app-meta-vazio" };
const USER = { email: "bruna.sigilo@papo.test", password: "uma-senha-bem-longa-e-rara-9" };

/**
 * The log redaction, driven end to end at `trace` level (everything Papo can log): a login with a wrong and a right
 * password, a refresh, a customer's message through the webhook, a reply, a WebSocket with its token in the URL, a
 * lookup by phone, a channel created with credentials, a user created with a password, and two error paths whose
 * errors carry credentials and message text in their properties and personal data in their message.
 */
describe("log redaction, end to end", () => {
  let t: TestPapo;
  const lines: string[] = [];
  const secrets: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    /** What an HTTP client library's error carries: the request, with its authorization header and body. */
    const hostileError = (what: string, body: string) =>
      Object.assign(new Error(`${what} failed for ${CUSTOMER.formatted} <${USER.email}>`), {
        request: { headers: { authorization: `Bearer ${CHANNEL.accessToken}` }, body },
        config: { data: body, auth: { password: CHANNEL.appSecret } },
        response: { data: { to: CUSTOMER.phone, name: CUSTOMER.name } },
      });
    t = await startTestPapo({
      db: "pglite",
      start: {
        log: createLogger("trace", sink),
        wrapClient: (client) => ({
          ...client,
          listTemplates: async () => {
            throw hostileError("listing templates", `{"access_token":"${CHANNEL.accessToken}"}`);
          },
          send: async (message: OutboundMessage, options) => {
            if (message.type === "text" && message.body.includes("falha")) throw hostileError("send", JSON.stringify(message));
            return client.send(message, options);
          },
        }),
      },
    });
    secrets.push(ADMIN.password, t.token, t.appSecret);

    // Login: wrong password, then right with the refresh token in the body, then a refresh.
    const wrong = await t.api("POST", "/api/v1/auth/login", { email: ADMIN.email, password: WRONG_PASSWORD });
    expect(wrong.status).toBe(401);
    const login = await t.api<{ token: string; refreshToken?: string }>("POST", "/api/v1/auth/login", {
      ...ADMIN,
      tokenDelivery: "body",
    });
    expect(login.status).toBe(200);
    secrets.push(login.body.token);
    if (login.body.refreshToken) {
      secrets.push(login.body.refreshToken);
      const refreshed = await t.api<{ token: string; refreshToken?: string }>("POST", "/api/v1/auth/refresh", {
        refreshToken: login.body.refreshToken,
        tokenDelivery: "body",
      });
      expect(refreshed.status).toBe(200);
      secrets.push(refreshed.body.token, ...(refreshed.body.refreshToken ? [refreshed.body.refreshToken] : []));
    }

    // The live stream takes its token in the URL.
    const socket = t.openStream(login.body.token);
    await socket.opened;

    // A customer writes in; the agent answers; the answer reaches WhatsApp.
    // Its WhatsApp id encodes the customer's number (base64): it is personal data too.
    secrets.push(t.sim.sendAsCustomer({ from: CUSTOMER.phone, name: CUSTOMER.name, type: "text", text: CUSTOMER.text }).wamid);
    const conversation = await eventually(async () => {
      const { body } = await t.api<{ data: Array<{ id: string; contact: { waId: string } | null }> }>("GET", "/api/v1/conversations");
      return body.data.find((c) => c.contact?.waId === CUSTOMER.phone);
    }, "the customer's conversation");
    expect((await t.api("POST", `/api/v1/conversations/${conversation.id}/messages`, { type: "text", body: REPLY })).status).toBe(202);
    await eventually(() => t.sim.sentTo(CUSTOMER.phone).find((m) => JSON.stringify(m.body).includes(REPLY)), "the reply at WhatsApp");
    expect((await t.api("GET", `/api/v1/contacts?phone=${encodeURIComponent(CUSTOMER.formatted)}`)).status).toBe(200);
    socket.ws.close();

    // A channel and a user with credentials.
    const channel = await t.api<{ id: string }>("POST", "/api/v1/channels", {
      name: "Loja Centro",
      phoneNumberId: "106540399999999",
      wabaId: "102290199999999",
      ...CHANNEL,
    });
    expect(channel.status).toBe(201);
    expect((await t.api("POST", "/api/v1/users", { name: "Bruna Sigilo", role: "agent", ...USER })).status).toBe(201);

    // Error paths: an API call that fails unexpectedly (500) and a send the worker cannot make.
    expect((await t.api("GET", `/api/v1/channels/${channel.body.id}/templates`)).status).toBe(500);
    await t.api("POST", `/api/v1/conversations/${conversation.id}/messages`, { type: "text", body: FAILING_REPLY });
    await eventually(() => lines.some((l) => l.includes("send failed unexpectedly")), "the failed send's log line");
  });
  afterAll(async () => t?.close());

  it("when every flow has run, the logs hold requests, the error paths and their stacks", () => {
    const all = lines.join("");
    expect(lines.length).toBeGreaterThan(30);
    for (const expected of [
      "incoming request",
      "request completed",
      "unhandled error",
      "send failed unexpectedly",
      "/api/v1/stream",
      "at ",
    ])
      expect(all).toContain(expected);
  });

  it("when the captured logs are searched, no secret and no personal value appears in any line", () => {
    const values = [
      ...secrets,
      WRONG_PASSWORD,
      CHANNEL.accessToken,
      CHANNEL.appSecret,
      USER.password,
      USER.email,
      ADMIN.email,
      CUSTOMER.phone,
      CUSTOMER.formatted,
      "98765-1234",
      "987651234",
      CUSTOMER.name,
      "Zuleica",
      CUSTOMER.text,
      "xablau",
      REPLY,
      FAILING_REPLY,
      "sigilosos",
    ];
    const leaks = values.flatMap((value) =>
      lines.filter((line) => line.includes(value)).map((line) => `${value} in ${line.slice(0, 400)}`),
    );
    expect(leaks).toEqual([]);
  });
});
