import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { graphErrorBody } from "../errors/codes.ts";
import { WhatsAppError, WhatsAppValidationError } from "../errors/whatsapp-error.ts";
import { createWhatsAppClient } from "./client.ts";
import { createFakeFetch, hangingFetch, jsonResponse, type RecordedRequest } from "./fake-fetch.test-utils.ts";

const TOKEN = "EAAG-test-token";
const PHONE_NUMBER_ID = "106540352242922";
const TO = "+5511912345678";
const WAMID = "wamid.HBgNNTUxMTkxMjM0NTY3OBUCABEYEjJEMTVEQUMyMzMzMDNGRTZCMgA=";
const ACCEPTED = {
  messaging_product: "whatsapp",
  contacts: [{ input: TO, wa_id: "5511912345678" }],
  messages: [{ id: WAMID, message_status: "accepted" }],
};

const clientWith = (
  respond: Parameters<typeof createFakeFetch>[0],
  options: { phoneNumberId?: string; baseUrl?: string; apiVersion?: string } = {},
) => {
  const meta = createFakeFetch(respond);
  const client = createWhatsAppClient({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID, fetch: meta.fetch, ...options });
  return { client, requests: meta.requests };
};

const caught = async (promise: Promise<unknown>): Promise<WhatsAppError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WhatsAppError) return error;
    throw error;
  }
  throw new Error("expected a WhatsAppError");
};

const only = (requests: RecordedRequest[]): RecordedRequest => {
  expect(requests).toHaveLength(1);
  const [request] = requests;
  if (!request) throw new Error("no request recorded");
  return request;
};

const jsonBody = (request: RecordedRequest): unknown => JSON.parse(request.body ?? "null");

describe("createWhatsAppClient — send", () => {
  it("when sending a text, it POSTs the wire JSON to /v24.0/{phone-number-id}/messages with the bearer token", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, ACCEPTED));

    await client.sendText({ to: TO, body: "Olá, Lia!" });

    const request = only(requests);
    expect(request.method).toBe("POST");
    expect(request.url.toString()).toBe(`https://graph.facebook.com/v24.0/${PHONE_NUMBER_ID}/messages`);
    expect(request.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(jsonBody(request)).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: TO,
      type: "text",
      text: { body: "Olá, Lia!" },
    });
  });

  it("when Meta accepts a send, the result carries wamid, wa_id, input and status", async () => {
    const { client } = clientWith(() => jsonResponse(200, ACCEPTED));

    const result = await client.send({ type: "text", to: TO, body: "Oi" });

    expect(result).toEqual({ wamid: WAMID, waId: "5511912345678", input: TO, messageStatus: "accepted" });
  });

  it("when a template is held for quality assessment, the status says so", async () => {
    const { client } = clientWith(() =>
      jsonResponse(200, { ...ACCEPTED, messages: [{ id: WAMID, message_status: "held_for_quality_assessment" }] }),
    );

    const result = await client.sendTemplate({ to: TO, name: "promo", language: "pt_BR" });

    expect(result.messageStatus).toBe("held_for_quality_assessment");
  });

  it("when sending to a BSUID, the result carries user_id and no wa_id", async () => {
    const { client } = clientWith(() =>
      jsonResponse(200, { contacts: [{ input: "BR.77300192", user_id: "BR.77300192" }], messages: [{ id: WAMID }] }),
    );

    const result = await client.sendText({ recipient: "BR.77300192", body: "Oi" });

    expect(result).toEqual({ wamid: WAMID, userId: "BR.77300192", input: "BR.77300192", messageStatus: "accepted" });
  });

  it("when base URL, version and a per-call phone-number id are given, the URL uses them", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, ACCEPTED), { baseUrl: "http://127.0.0.1:4010/", apiVersion: "v23.0" });

    await client.send({ type: "text", to: TO, body: "Oi" }, { phoneNumberId: "999" });

    expect(only(requests).url.toString()).toBe("http://127.0.0.1:4010/v23.0/999/messages");
  });

  it("when no phone-number id is set anywhere, it fails on phoneNumberId without calling Meta", async () => {
    const meta = createFakeFetch(() => jsonResponse(200, ACCEPTED));
    const client = createWhatsAppClient({ accessToken: TOKEN, fetch: meta.fetch });

    const error = await caught(client.sendText({ to: TO, body: "Oi" }));

    expect(error.type).toBe("WhatsAppValidationError");
    expect(error instanceof WhatsAppValidationError ? error.issues[0]?.path : undefined).toBe("phoneNumberId");
    expect(meta.requests).toHaveLength(0);
  });

  it("when a message breaks a limit, it throws a validation error and makes no request", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, ACCEPTED));

    const error = await caught(
      client.sendButtons({ to: TO, body: "Escolha", buttons: [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `B${n}` })) }),
    );

    expect(error.type).toBe("WhatsAppValidationError");
    expect(error instanceof WhatsAppValidationError ? error.issues.map((issue) => issue.path) : []).toEqual([
      "interactive.action.buttons[3]",
    ]);
    expect(requests).toHaveLength(0);
  });

  it.each([
    [
      "sendMedia",
      (c: ReturnType<typeof createWhatsAppClient>) => c.sendMedia({ type: "document", to: TO, mediaId: "7", filename: "a.pdf" }),
      { type: "document", document: { id: "7", filename: "a.pdf" } },
    ],
    [
      "sendLocation",
      (c: ReturnType<typeof createWhatsAppClient>) => c.sendLocation({ to: TO, latitude: -23.56, longitude: -46.65 }),
      { type: "location", location: { latitude: -23.56, longitude: -46.65 } },
    ],
    [
      "sendContacts",
      (c: ReturnType<typeof createWhatsAppClient>) => c.sendContacts({ to: TO, contacts: [{ name: { formattedName: "Paula Reis" } }] }),
      { type: "contacts", contacts: [{ name: { formatted_name: "Paula Reis" } }] },
    ],
    [
      "sendList",
      (c: ReturnType<typeof createWhatsAppClient>) =>
        c.sendList({ to: TO, body: "Escolha", buttonText: "Ver", sections: [{ rows: [{ id: "a", title: "A" }] }] }),
      {
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: "Escolha" },
          action: { button: "Ver", sections: [{ rows: [{ id: "a", title: "A" }] }] },
        },
      },
    ],
    [
      "sendCtaUrl",
      (c: ReturnType<typeof createWhatsAppClient>) =>
        c.sendCtaUrl({ to: TO, body: "Veja", displayText: "Abrir", url: "https://a.example.com" }),
      {
        type: "interactive",
        interactive: {
          type: "cta_url",
          body: { text: "Veja" },
          action: { name: "cta_url", parameters: { display_text: "Abrir", url: "https://a.example.com" } },
        },
      },
    ],
    [
      "sendFlow",
      (c: ReturnType<typeof createWhatsAppClient>) => c.sendFlow({ to: TO, body: "Cadastro", flowName: "cadastro", flowCta: "Abrir" }),
      {
        type: "interactive",
        interactive: {
          type: "flow",
          body: { text: "Cadastro" },
          action: { name: "flow", parameters: { flow_message_version: "3", flow_name: "cadastro", flow_cta: "Abrir" } },
        },
      },
    ],
    [
      "sendReaction",
      (c: ReturnType<typeof createWhatsAppClient>) => c.sendReaction({ to: TO, messageId: "wamid.in", emoji: "❤️" }),
      { type: "reaction", reaction: { message_id: "wamid.in", emoji: "❤️" } },
    ],
    [
      "removeReaction",
      (c: ReturnType<typeof createWhatsAppClient>) => c.removeReaction({ to: TO, messageId: "wamid.in" }),
      { type: "reaction", reaction: { message_id: "wamid.in", emoji: "" } },
    ],
  ])("when calling %s, it sends the matching wire body", async (_name, call, expected) => {
    const { client, requests } = clientWith(() => jsonResponse(200, ACCEPTED));

    await call(client);

    expect(jsonBody(only(requests))).toEqual({ messaging_product: "whatsapp", recipient_type: "individual", to: TO, ...expected });
  });
});

describe("createWhatsAppClient — read receipts", () => {
  it("when marking as read, it POSTs the read body and returns success", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, { success: true }));

    const result = await client.markAsRead({ messageId: "wamid.in" });

    expect(result).toEqual({ success: true });
    expect(jsonBody(only(requests))).toEqual({ messaging_product: "whatsapp", status: "read", message_id: "wamid.in" });
  });

  it("when showing the typing indicator, the read body carries typing_indicator text", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, { success: true }));

    await client.sendTypingIndicator({ messageId: "wamid.in" });

    expect(jsonBody(only(requests))).toEqual({
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.in",
      typing_indicator: { type: "text" },
    });
  });
});

describe("createWhatsAppClient — error mapping", () => {
  it("when Meta answers 400 with 131047, it throws WhatsAppWindowClosedError with Meta's fields", async () => {
    const { client } = clientWith(() => jsonResponse(400, graphErrorBody({ code: 131047, fbtraceId: "AtraceX" })));

    const error = await caught(client.sendText({ to: TO, body: "Oi" }));

    expect(error.type).toBe("WhatsAppWindowClosedError");
    expect(error).toMatchObject({ code: 131047, httpStatus: 400, fbtraceId: "AtraceX" });
    expect(error.classification.category).toBe("needs_template");
  });

  it("when Meta answers 500 without a body, it throws a retryable WhatsAppTransientError", async () => {
    const { client } = clientWith(() => new Response("", { status: 500 }));

    const error = await caught(client.sendText({ to: TO, body: "Oi" }));

    expect(error.type).toBe("WhatsAppTransientError");
    expect(error.classification.retryable).toBe(true);
  });

  it("when Meta answers 401 with 190, it throws WhatsAppAuthError", async () => {
    const { client } = clientWith(() => jsonResponse(401, graphErrorBody({ code: 190, subcode: 463 })));

    const error = await caught(client.getPhoneNumber());

    expect(error.type).toBe("WhatsAppAuthError");
    expect(error.subcode).toBe(463);
  });

  it("when Meta answers 400 with 130429, it throws WhatsAppRateLimitError with a delay", async () => {
    const { client } = clientWith(() => jsonResponse(400, graphErrorBody({ code: 130429 })));

    const error = await caught(client.sendText({ to: TO, body: "Oi" }));

    expect(error.type).toBe("WhatsAppRateLimitError");
    expect(error.classification.retryAfterMs).toBeGreaterThan(0);
  });

  it("when the connection is refused, it throws WhatsAppNetworkError that is not a timeout", async () => {
    const client = createWhatsAppClient({
      accessToken: TOKEN,
      phoneNumberId: PHONE_NUMBER_ID,
      fetch: () => Promise.reject(new TypeError("fetch failed")),
    });

    const error = await caught(client.sendText({ to: TO, body: "Oi" }));

    expect(error.type).toBe("WhatsAppNetworkError");
    expect(error).toMatchObject({ timedOut: false, outcome: "unknown" });
    expect(error.classification.retryable).toBe(true);
  });

  it("when Meta does not answer within timeoutMs, it throws WhatsAppNetworkError marked as timed out", async () => {
    const client = createWhatsAppClient({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID, fetch: hangingFetch, timeoutMs: 20 });

    const error = await caught(client.sendText({ to: TO, body: "Oi" }));

    expect(error.type).toBe("WhatsAppNetworkError");
    expect(error).toMatchObject({ timedOut: true, outcome: "unknown" });
  });

  it("when a 200 answer has no wamid, it throws a non-retryable error instead of inventing a result", async () => {
    const { client } = clientWith(() => jsonResponse(200, { messaging_product: "whatsapp", messages: [] }));

    const error = await caught(client.sendText({ to: TO, body: "Oi" }));

    expect(error.type).toBe("WhatsAppPermanentError");
    expect(error.title).toBe("Unexpected response from WhatsApp");
  });
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const sha = createHash("sha256").update(PNG).digest();
const MEDIA_URL = "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=42&ext=1&hash=x";
const mediaInfo = (sha256: string) => ({
  messaging_product: "whatsapp",
  url: MEDIA_URL,
  mime_type: "image/png",
  sha256,
  file_size: String(PNG.byteLength),
  id: "42",
});

/** Meta's side of a download: the info call, then the bytes (or `bytesStatus` on the n-th download). */
const mediaMeta = (
  sha256: string,
  download: (index: number) => Response = () => new Response(PNG, { status: 200, headers: { "content-type": "image/png" } }),
) => {
  let downloads = 0;
  return clientWith((request) => {
    if (request.url.hostname === "lookaside.fbsbx.com") return download(downloads++);
    return jsonResponse(200, mediaInfo(sha256));
  });
};

describe("createWhatsAppClient — media", () => {
  it("when uploading, it POSTs multipart with messaging_product, type and the file", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, { id: "4490709327384033" }));

    const result = await client.uploadMedia({ data: PNG, mimeType: "image/png", filename: "nota.png" });

    const request = only(requests);
    expect(result).toEqual({ id: "4490709327384033" });
    expect(request.url.toString()).toBe(`https://graph.facebook.com/v24.0/${PHONE_NUMBER_ID}/media`);
    expect(request.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(request.form?.get("messaging_product")).toBe("whatsapp");
    expect(request.form?.get("type")).toBe("image/png");
    const file = request.form?.get("file");
    expect(file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : undefined).toEqual(PNG);
    expect(file instanceof File ? file.name : undefined).toBe("nota.png");
  });

  it("when uploading a type WhatsApp refuses, it fails on mimeType without calling Meta", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, { id: "1" }));

    const error = await caught(client.uploadMedia({ data: PNG, mimeType: "image/gif" }));

    expect(error instanceof WhatsAppValidationError ? error.issues[0]?.path : undefined).toBe("mimeType");
    expect(requests).toHaveLength(0);
  });

  it("when uploading an image above 5 MB, it fails on data without calling Meta", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, { id: "1" }));

    const error = await caught(client.uploadMedia({ data: new Blob([new Uint8Array(5 * 1024 * 1024 + 1)]), mimeType: "image/jpeg" }));

    expect(error instanceof WhatsAppValidationError ? error.issues[0]?.path : undefined).toBe("data");
    expect(requests).toHaveLength(0);
  });

  it("when reading media info, file_size given as a string becomes a number", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, mediaInfo("abc")));

    const info = await client.getMediaInfo({ mediaId: "42", phoneNumberId: PHONE_NUMBER_ID });

    expect(info).toEqual({ id: "42", url: MEDIA_URL, mimeType: "image/png", sha256: "abc", fileSize: PNG.byteLength });
    expect(only(requests).url.toString()).toBe(`https://graph.facebook.com/v24.0/42?phone_number_id=${PHONE_NUMBER_ID}`);
  });

  it("when downloading with a hex sha256, it fetches the URL with the bearer token and returns the bytes", async () => {
    const { client, requests } = mediaMeta(sha.toString("hex"));

    const media = await client.downloadMedia({ mediaId: "42" });

    expect(media).toEqual({ data: PNG, mimeType: "image/png", sha256: sha.toString("hex"), fileSize: PNG.byteLength });
    expect(requests.map((r) => r.url.toString())).toEqual(["https://graph.facebook.com/v24.0/42", MEDIA_URL]);
    expect(requests[1]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("when downloading with a base64 sha256, the check accepts it", async () => {
    const { client } = mediaMeta(sha.toString("base64"));

    const media = await client.downloadMedia({ mediaId: "42" });

    expect(media.data).toEqual(PNG);
  });

  it("when the bytes do not match the sha256, it throws WhatsAppMediaIntegrityError", async () => {
    const { client } = mediaMeta(createHash("sha256").update("other").digest("base64"));

    const error = await caught(client.downloadMedia({ mediaId: "42" }));

    expect(error.type).toBe("WhatsAppMediaIntegrityError");
    expect(error).toMatchObject({ mediaId: "42", actualSha256: sha.toString("hex") });
  });

  it("when the download URL has expired (404), it fetches a fresh URL once and succeeds", async () => {
    const { client, requests } = mediaMeta(sha.toString("hex"), (index) =>
      index === 0 ? new Response("", { status: 404 }) : new Response(PNG),
    );

    const media = await client.downloadMedia({ mediaId: "42" });

    expect(media.data).toEqual(PNG);
    expect(requests).toHaveLength(4);
  });

  it("when deleting media, it sends DELETE /{media-id}", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, { success: true }));

    await client.deleteMedia({ mediaId: "42" });

    const request = only(requests);
    expect(request.method).toBe("DELETE");
    expect(request.url.toString()).toBe("https://graph.facebook.com/v24.0/42");
  });
});

const TEMPLATE = {
  name: "lembrete_consulta",
  status: "APPROVED",
  category: "UTILITY",
  language: "pt_BR",
  parameter_format: "POSITIONAL",
  components: [{ type: "BODY", text: "Olá {{1}}, sua consulta é {{2}}." }],
  id: "1387372356726668",
};

describe("createWhatsAppClient — templates and phone numbers", () => {
  it("when listing templates, it asks for the fields and filters and maps the page", async () => {
    const { client, requests } = clientWith(() =>
      jsonResponse(200, { data: [TEMPLATE], paging: { cursors: { before: "B", after: "A1" }, next: "https://graph..." } }),
    );

    const page = await client.listTemplates({ wabaId: "WABA1", status: "APPROVED", limit: 50 });

    const url = only(requests).url;
    expect(url.pathname).toBe("/v24.0/WABA1/message_templates");
    expect(url.searchParams.get("fields")).toBe("name,status,category,language,components,parameter_format");
    expect(url.searchParams.get("status")).toBe("APPROVED");
    expect(url.searchParams.get("limit")).toBe("50");
    expect(page).toEqual({
      data: [
        {
          id: "1387372356726668",
          name: "lembrete_consulta",
          status: "APPROVED",
          category: "UTILITY",
          language: "pt_BR",
          parameterFormat: "POSITIONAL",
          components: [{ type: "BODY", text: "Olá {{1}}, sua consulta é {{2}}." }],
        },
      ],
      nextCursor: "A1",
    });
  });

  it("when the last page of templates is read, there is no next cursor", async () => {
    const { client } = clientWith(() => jsonResponse(200, { data: [], paging: { cursors: { before: "B", after: "A1" } } }));

    const page = await client.listTemplates({ wabaId: "WABA1", after: "A0" });

    expect(page).toEqual({ data: [] });
  });

  it("when creating a template, it POSTs name, category, language, format and components", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, { id: "594425479261596", status: "PENDING", category: "UTILITY" }));
    const components = [
      { type: "BODY", text: "Olá {{first_name}}", example: { body_text_named_params: [{ param_name: "first_name", example: "Lia" }] } },
    ];

    const created = await client.createTemplate({
      wabaId: "WABA1",
      name: "boas_vindas",
      category: "UTILITY",
      language: "pt_BR",
      parameterFormat: "NAMED",
      components,
    });

    expect(created).toEqual({ id: "594425479261596", status: "PENDING", category: "UTILITY" });
    expect(jsonBody(only(requests))).toEqual({
      name: "boas_vindas",
      category: "UTILITY",
      language: "pt_BR",
      parameter_format: "NAMED",
      components,
    });
  });

  it("when a template name has capitals, it fails on name without calling Meta", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, {}));

    const error = await caught(
      client.createTemplate({ wabaId: "WABA1", name: "Boas Vindas", category: "UTILITY", language: "pt_BR", components: [] }),
    );

    expect(error instanceof WhatsAppValidationError ? error.issues[0]?.path : undefined).toBe("name");
    expect(requests).toHaveLength(0);
  });

  it("when deleting a template translation, it sends DELETE with name and hsm_id", async () => {
    const { client, requests } = clientWith(() => jsonResponse(200, { success: true }));

    await client.deleteTemplate({ wabaId: "WABA1", name: "boas_vindas", hsmId: "594425479261596" });

    const request = only(requests);
    expect(request.method).toBe("DELETE");
    expect(request.url.toString()).toBe("https://graph.facebook.com/v24.0/WABA1/message_templates?name=boas_vindas&hsm_id=594425479261596");
  });

  it("when reading the phone number, it maps Meta's fields to camelCase", async () => {
    const { client, requests } = clientWith(() =>
      jsonResponse(200, {
        id: PHONE_NUMBER_ID,
        display_phone_number: "+55 11 95555-0000",
        verified_name: "Clínica Sol",
        quality_rating: "GREEN",
        code_verification_status: "VERIFIED",
        platform_type: "CLOUD_API",
        throughput: { level: "STANDARD" },
      }),
    );

    const phone = await client.getPhoneNumber();

    expect(only(requests).url.pathname).toBe(`/v24.0/${PHONE_NUMBER_ID}`);
    expect(phone).toEqual({
      id: PHONE_NUMBER_ID,
      displayPhoneNumber: "+55 11 95555-0000",
      verifiedName: "Clínica Sol",
      qualityRating: "GREEN",
      codeVerificationStatus: "VERIFIED",
      platformType: "CLOUD_API",
      throughputLevel: "STANDARD",
    });
  });
});
