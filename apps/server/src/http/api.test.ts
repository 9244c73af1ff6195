import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../testing/databases.test-utils.ts";
import { ADMIN, eventually, startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";

type ErrorBody = { error: { code: string; message: string; details?: unknown } };
type Page<T> = { data: T[]; nextCursor: string | null };
type Channel = {
  id: string;
  phoneNumberId: string;
  hasAccessToken: boolean;
  hasAppSecret: boolean;
  webhook: { url: string; verifyToken: string };
  sandbox: boolean;
};
type Contact = {
  id: string;
  name: string | null;
  phone: string | null;
  waId: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  externalId: string | null;
};
type Conversation = { id: string; status: string; assigneeId: string | null; unreadCount: number; contactId: string };
type Message = { id: string; direction: string; status: string; text: string | null; type: string };

describe.each(DATABASE_KINDS)("HTTP API contract (%s)", (kind) => {
  let t: TestPapo;
  const run = it.skipIf(!isAvailable(kind));
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  const raw = (path: string, init: RequestInit = {}) => fetch(`${t.papo.url}${path}`, init);
  const customerWrites = async (from: string, text: string, name = "Cliente") => {
    t.sim.sendAsCustomer({ from, name, type: "text", text });
    return eventually(async () => {
      const contact = (await t.api<Page<Contact>>("GET", `/api/v1/contacts?phone=${from}`)).body.data[0];
      if (!contact) return undefined;
      return (await t.api<Page<Conversation>>("GET", `/api/v1/conversations?contactId=${contact.id}`)).body.data[0];
    }, `a conversation with ${from}`);
  };

  describe("auth", () => {
    run("when no token is sent, an API route answers 401 auth.missing_token", async () => {
      const response = await raw("/api/v1/conversations");
      expect(response.status).toBe(401);
      expect(((await response.json()) as ErrorBody).error.code).toBe("auth.missing_token");
    });

    run("when the token is forged, the API answers 401 auth.invalid_token", async () => {
      const response = await raw("/api/v1/conversations", { headers: { authorization: `Bearer ${t.token.slice(0, -4)}AAAA` } });
      expect(((await response.json()) as ErrorBody).error.code).toBe("auth.invalid_token");
    });

    run("when the password is wrong or the e-mail unknown, login answers the same 401 auth.invalid_credentials", async () => {
      const wrong = await t.api<ErrorBody>("POST", "/api/v1/auth/login", { email: ADMIN.email, password: "not-it-at-all" });
      const unknown = await t.api<ErrorBody>("POST", "/api/v1/auth/login", { email: "nobody@papo.test", password: "whatever-123" });
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      expect(wrong.body.error).toEqual(unknown.body.error);
    });

    run("when the login body lacks a field, the 400 names it", async () => {
      const response = await t.api<ErrorBody>("POST", "/api/v1/auth/login", { email: ADMIN.email });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("request.invalid");
      expect(response.body.error.message).toContain("password");
    });
  });

  describe("errors", () => {
    run("when the body is not JSON, the answer is 400 request.invalid_json, not a crash", async () => {
      const response = await raw("/api/v1/contacts", {
        method: "POST",
        headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" },
        body: "{nope",
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.code).toBe("request.invalid_json");
    });

    run("when a body is larger than the API accepts, the answer is 413 request.too_large", async () => {
      const response = await t.api<ErrorBody>("POST", "/api/v1/contacts", { name: "x".repeat(3 * 1024 * 1024) });
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe("request.too_large");
    });

    run("when a route does not exist, the answer is a JSON 404 route.not_found", async () => {
      const response = await t.api<ErrorBody>("GET", "/api/v1/nothing-here");
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("route.not_found");
    });

    run("when an id is not a uuid, the 400 names the path parameter", async () => {
      const response = await t.api<ErrorBody>("GET", "/api/v1/conversations/42");
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain("params.id");
    });
  });

  describe("channels", () => {
    run("when a channel is created, credentials are write-only and the webhook URL and verify token are shown", async () => {
      const created = await t.api<Channel>("POST", "/api/v1/channels", {
        name: "Loja Centro",
        phoneNumberId: "700000000000001",
        wabaId: "800000000000001",
        accessToken: "EAAG-secret-token-value",
        appSecret: "app-secret-value",
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ phoneNumberId: "700000000000001", hasAccessToken: true, hasAppSecret: true, sandbox: false });
      expect(created.body.webhook.url).toBe(`${t.config.publicUrl}/webhook`);
      expect(created.body.webhook.verifyToken.length).toBeGreaterThanOrEqual(20);
      expect(JSON.stringify(created.body)).not.toContain("EAAG-secret-token-value");
      expect(JSON.stringify(created.body)).not.toContain("app-secret-value");

      const listed = await t.api<Page<Channel>>("GET", "/api/v1/channels");
      expect(listed.body.data.map((c) => c.phoneNumberId)).toContain("700000000000001");
      expect(JSON.stringify(listed.body)).not.toContain("EAAG-secret-token-value");
    });

    run("when a number is connected twice, the second attempt is 409 channels.phone_number_taken", async () => {
      const body = { name: "Dup", phoneNumberId: "700000000000002", wabaId: "8", accessToken: "t" };
      expect((await t.api("POST", "/api/v1/channels", body)).status).toBe(201);
      const again = await t.api<ErrorBody>("POST", "/api/v1/channels", body);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("channels.phone_number_taken");
    });

    run("when a channel is patched and deleted, the change shows and then it is gone", async () => {
      const created = await t.api<Channel>("POST", "/api/v1/channels", {
        name: "Temp",
        phoneNumberId: "700000000000003",
        wabaId: "8",
        accessToken: "t",
      });
      const patched = await t.api<Channel & { name: string; sendRatePerSecond: number }>("PATCH", `/api/v1/channels/${created.body.id}`, {
        name: "Renamed",
        sendRatePerSecond: 20,
      });
      expect(patched.body).toMatchObject({ name: "Renamed", sendRatePerSecond: 20 });
      expect((await t.api("DELETE", `/api/v1/channels/${created.body.id}`)).status).toBe(204);
      expect((await t.api<ErrorBody>("GET", `/api/v1/channels/${created.body.id}`)).body.error.code).toBe("channels.not_found");
    });

    run("when a channel's API URL changes without the token being given again, the change is refused", async () => {
      const created = await t.api<Channel>("POST", "/api/v1/channels", {
        name: "Host",
        phoneNumberId: "700000000000004",
        wabaId: "8",
        accessToken: "t",
      });
      const refused = await t.api<ErrorBody>("PATCH", `/api/v1/channels/${created.body.id}`, { apiUrl: "https://elsewhere.example" });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "channels.token_required", message: expect.stringContaining("accessToken") });
      const allowed = await t.api<Channel & { apiUrl: string }>("PATCH", `/api/v1/channels/${created.body.id}`, {
        apiUrl: "https://elsewhere.example",
        accessToken: "new-token",
      });
      expect(allowed.status).toBe(200);
      expect(allowed.body.apiUrl).toBe("https://elsewhere.example");
    });

    run("when the ids are not numeric, channel creation names the field", async () => {
      const response = await t.api<ErrorBody>("POST", "/api/v1/channels", {
        name: "x",
        phoneNumberId: "abc",
        wabaId: "1",
        accessToken: "t",
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain("phoneNumberId");
    });
  });

  describe("contacts", () => {
    run("when a contact is created, it is found by phone in any formatting and read back decrypted", async () => {
      const created = await t.api<Contact>("POST", "/api/v1/contacts", {
        name: "Joana Prado",
        phone: "+55 (21) 98888-1234",
        tags: ["vip"],
        attributes: { cpf: "123.456.789-00" },
        externalId: "crm-42",
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: "Joana Prado",
        phone: "+55 (21) 98888-1234",
        waId: "5521988881234",
        tags: ["vip"],
        attributes: { cpf: "123.456.789-00" },
      });
      const found = await t.api<Page<Contact>>("GET", "/api/v1/contacts?phone=5521988881234");
      expect(found.body.data.map((c) => c.id)).toEqual([created.body.id]);
      expect((await t.api<Contact>("GET", `/api/v1/contacts/${created.body.id}`)).body.name).toBe("Joana Prado");
    });

    run("when a second contact uses the same phone or external id, the answer is 409 contacts.duplicate", async () => {
      await t.api("POST", "/api/v1/contacts", { name: "A", phone: "+5531977770000", externalId: "crm-dup" });
      expect((await t.api<ErrorBody>("POST", "/api/v1/contacts", { name: "B", phone: "+55 31 97777-0000" })).body.error.code).toBe(
        "contacts.duplicate",
      );
      expect((await t.api<ErrorBody>("POST", "/api/v1/contacts", { name: "C", externalId: "crm-dup" })).body.error.code).toBe(
        "contacts.duplicate",
      );
    });

    run("when a contact is patched, the new values are returned", async () => {
      const created = await t.api<Contact>("POST", "/api/v1/contacts", { name: "Velho Nome", phone: "+5541966660000" });
      const patched = await t.api<Contact>("PATCH", `/api/v1/contacts/${created.body.id}`, { name: "Novo Nome", tags: ["b2b"] });
      expect(patched.body).toMatchObject({ name: "Novo Nome", tags: ["b2b"], phone: "+5541966660000" });
    });

    run("when a phone is not a phone, the 400 names body.phone", async () => {
      const response = await t.api<ErrorBody>("POST", "/api/v1/contacts", { phone: "call me" });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain("body.phone");
    });

    run("when a CRM created the contact first, the customer's first message lands on that same contact", async () => {
      const created = await t.api<Contact>("POST", "/api/v1/contacts", {
        name: "Do CRM",
        phone: "+55 11 95555-1212",
        externalId: "crm-77",
      });
      const conversation = await customerWrites("5511955551212", "oi", "Nome do WhatsApp");
      expect(conversation.contactId).toBe(created.body.id);
      expect((await t.api<Contact>("GET", `/api/v1/contacts/${created.body.id}`)).body.name).toBe("Do CRM");
    });
  });

  describe("conversations", () => {
    run("when conversations are listed, newest activity comes first and the cursor pages through all of them", async () => {
      for (const n of [1, 2, 3]) await customerWrites(`55119700000${n}0`.slice(0, 13), `mensagem ${n}`);
      const first = await t.api<Page<Conversation>>("GET", "/api/v1/conversations?limit=2");
      expect(first.body.data).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const seen = [...first.body.data];
      let cursor = first.body.nextCursor;
      while (cursor) {
        const next = await t.api<Page<Conversation>>("GET", `/api/v1/conversations?limit=2&cursor=${cursor}`);
        seen.push(...next.body.data);
        cursor = next.body.nextCursor;
      }
      const all = await t.api<Page<Conversation>>("GET", "/api/v1/conversations?limit=200");
      expect(seen.map((c) => c.id)).toEqual(all.body.data.map((c) => c.id));
      expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    });

    run("when a conversation is assigned, resolved and marked read, filters find it by status and assignee", async () => {
      const conversation = await customerWrites("5511966601234", "preciso de ajuda");
      const me = (await t.api<{ user: { id: string } }>("POST", "/api/v1/auth/login", ADMIN)).body.user.id;
      const patched = await t.api<Conversation>("PATCH", `/api/v1/conversations/${conversation.id}`, {
        assigneeId: me,
        status: "resolved",
        markRead: true,
      });
      expect(patched.body).toMatchObject({ assigneeId: me, status: "resolved", unreadCount: 0 });
      const resolved = await t.api<Page<Conversation>>("GET", `/api/v1/conversations?status=resolved&assigneeId=${me}`);
      expect(resolved.body.data.map((c) => c.id)).toContain(conversation.id);
      const open = await t.api<Page<Conversation>>("GET", "/api/v1/conversations?status=open&limit=200");
      expect(open.body.data.map((c) => c.id)).not.toContain(conversation.id);
    });

    run("when a resolved conversation's customer writes again, a new conversation opens", async () => {
      const first = await customerWrites("5511966605678", "primeira");
      await t.api("PATCH", `/api/v1/conversations/${first.id}`, { status: "resolved" });
      t.sim.sendAsCustomer({ from: "5511966605678", type: "text", text: "voltei" });
      const second = await eventually(async () => {
        const list = await t.api<Page<Conversation>>("GET", `/api/v1/conversations?contactId=${first.contactId}&status=open`);
        return list.body.data[0];
      }, "a new open conversation");
      expect(second.id).not.toBe(first.id);
    });

    run("when an agent marks a conversation read, the customer's newest message gets WhatsApp's read receipt", async () => {
      const conversation = await customerWrites("5511966607777", "alguém aí?");
      expect(t.sim.conversationWith("5511966607777").received.map((m) => m.read)).toEqual([false]);
      await t.api("PATCH", `/api/v1/conversations/${conversation.id}`, { markRead: true });
      await eventually(() => t.sim.conversationWith("5511966607777").received.every((m) => m.read), "the read receipt at the simulator");
    });

    run("when a resolved conversation is reopened while a newer one is open, the answer is 409 conversations.already_open", async () => {
      const first = await customerWrites("5511966603333", "primeira");
      await t.api("PATCH", `/api/v1/conversations/${first.id}`, { status: "resolved" });
      t.sim.sendAsCustomer({ from: "5511966603333", type: "text", text: "de novo" });
      const second = await eventually(async () => {
        const list = await t.api<Page<Conversation>>("GET", `/api/v1/conversations?contactId=${first.contactId}&status=open`);
        return list.body.data[0];
      }, "the new conversation");
      const reopened = await t.api<ErrorBody>("PATCH", `/api/v1/conversations/${first.id}`, { status: "open" });
      expect(reopened.status).toBe(409);
      expect(reopened.body.error).toMatchObject({ code: "conversations.already_open", details: { openConversationId: second.id } });
    });

    run(
      "when the customer wrote minutes ago but the agent resolved the conversation, a new conversation keeps the open window",
      async () => {
        const first = await customerWrites("5511966604444", "obrigado!");
        await t.api("PATCH", `/api/v1/conversations/${first.id}`, { status: "resolved" });
        const sent = await t.api<Message & { conversationId: string }>("POST", "/send-message", {
          to: "+5511966604444",
          text: "Precisando, é só chamar.",
        });
        expect(sent.status).toBe(202);
        expect(sent.body.conversationId).not.toBe(first.id);
      },
    );

    run("when the assignee is not a user of this workspace, the 400 names assigneeId", async () => {
      const conversation = await customerWrites("5511966609999", "oi");
      const response = await t.api<ErrorBody>("PATCH", `/api/v1/conversations/${conversation.id}`, {
        assigneeId: "00000000-0000-4000-8000-000000000000",
      });
      expect(response.body.error).toMatchObject({ code: "conversations.invalid_assignee", message: expect.stringContaining("assigneeId") });
    });
  });

  describe("simple aliases", () => {
    run("when /receive-message is polled with its cursor, each inbound message is returned once, oldest first", async () => {
      const start = await t.api<{ data: Message[]; nextCursor: string | null }>("GET", "/receive-message?limit=200");
      await customerWrites("5511944440001", "primeira do feed");
      t.sim.sendAsCustomer({ from: "5511944440001", type: "text", text: "segunda do feed" });
      const texts = await eventually(async () => {
        const page = await t.api<{ data: Message[]; nextCursor: string | null }>(
          "GET",
          `/receive-message?since=${start.body.nextCursor ?? ""}`,
        );
        const found = page.body.data.map((m) => m.text);
        return found.includes("segunda do feed") && { found, cursor: page.body.nextCursor };
      }, "both messages in the feed");
      expect(texts.found.indexOf("primeira do feed")).toBeLessThan(texts.found.indexOf("segunda do feed"));
      const after = await t.api<{ data: Message[] }>("GET", `/receive-message?since=${texts.cursor}`);
      expect(after.body.data).toEqual([]);
    });

    run(
      "when /send-message gets a phone whose window is open, it sends; a free text to a new number is refused with window_closed",
      async () => {
        await customerWrites("5511944440002", "me responde?");
        const sent = await t.api<Message>("POST", "/send-message", { to: "+55 11 94444-0002", text: "Respondido!" });
        expect(sent.status).toBe(202);
        expect(sent.body).toMatchObject({ direction: "outbound", type: "text", text: "Respondido!" });
        const refused = await t.api<ErrorBody>("POST", "/send-message", { to: "+5511944449999", text: "Oi, tudo bem?" });
        expect(refused.status).toBe(422);
        expect(refused.body.error.code).toBe("messages.window_closed");
      },
    );

    run("when /send-message gets both text and template, the 400 says to give exactly one", async () => {
      const response = await t.api<ErrorBody>("POST", "/send-message", {
        to: "+5511944440002",
        text: "a",
        template: { name: "x", language: "pt_BR" },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain("exactly one");
    });
  });

  describe("documentation and health", () => {
    run("when the OpenAPI document is fetched, it lists every API route with its methods", async () => {
      const response = await raw("/api/openapi.json");
      const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toMatch(/^3\./);
      const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      expect(routes).toEqual(
        expect.arrayContaining([
          "POST /api/v1/auth/login",
          "GET /api/v1/channels",
          "POST /api/v1/channels",
          "GET /api/v1/channels/{id}",
          "PATCH /api/v1/channels/{id}",
          "DELETE /api/v1/channels/{id}",
          "GET /api/v1/conversations",
          "GET /api/v1/conversations/{id}",
          "PATCH /api/v1/conversations/{id}",
          "GET /api/v1/conversations/{id}/messages",
          "POST /api/v1/conversations/{id}/messages",
          "GET /api/v1/messages/{id}",
          "GET /api/v1/contacts",
          "POST /api/v1/contacts",
          "GET /api/v1/contacts/{id}",
          "PATCH /api/v1/contacts/{id}",
          "GET /api/v1/canned-responses",
          "POST /api/v1/canned-responses",
          "PATCH /api/v1/canned-responses/{id}",
          "DELETE /api/v1/canned-responses/{id}",
          "POST /api/v1/media",
          "GET /api/v1/media/{id}",
          "POST /send-message",
          "GET /receive-message",
          "GET /api/v1/auth/me",
          "GET /api/v1/users",
          "GET /api/v1/channels/{id}/templates",
        ]),
      );
    });

    run("when Swagger UI is opened, it answers with its page", async () => {
      const response = await raw("/api/docs/");
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("swagger");
    });

    run("when health is checked, /healthz is up and /readyz reports the database ready", async () => {
      expect(await (await raw("/healthz")).json()).toEqual({ status: "ok" });
      expect(await (await raw("/readyz")).json()).toEqual({ status: "ready", database: kind });
    });
  });
});
