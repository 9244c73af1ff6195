import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformEvents } from "../../db/schema/webhook-events.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import {
  customerWrites,
  type ErrorView,
  expectReadTimeline,
  pngBytes,
  sendMessage,
  uploadMedia,
  waitForStatus,
  wireBody,
} from "../messages/outbound.test-utils.ts";
import { bindTemplate } from "./bind.ts";
import type { TemplateMapping, TemplateVariable } from "./mapping.ts";
import type { TemplateDto } from "./schemas.ts";

const LIA = "5511912347001";

type Contact = { id: string; name: string | null; phone: string | null; attributes: Record<string, unknown> };

describe.each(DATABASE_KINDS)("message templates (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let channelId: string;
  let wabaId: string;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    // Reviews happen when a test says so (or after a delay it sets), never behind its back.
    t = await startTestPapo({ db: kind, start: { sandboxSim: { templateApprovalDelayMs: null } } });
    const channel = t.papo.sandbox?.channel;
    if (!channel) throw new Error("no sandbox channel");
    channelId = channel.id;
    wabaId = channel.wabaId;
    const synced = await t.api<{ channels: number; templates: number }>("POST", "/api/v1/templates/sync", {});
    expect(synced).toEqual({ status: 200, body: { channels: 1, templates: t.sim.templates().length } });
  });
  afterAll(async () => t?.close());

  const list = async (query = ""): Promise<TemplateDto[]> => {
    const answer = await t.api<{ data: TemplateDto[] }>("GET", `/api/v1/templates${query}`);
    expect(answer.status).toBe(200);
    return answer.body.data;
  };
  const byName = async (name: string): Promise<TemplateDto> => {
    const found = (await list(`?q=${name}`)).find((template) => template.name === name);
    if (!found) throw new Error(`no template ${name}`);
    return found;
  };
  const get = async (id: string) => t.api<TemplateDto & ErrorView>("GET", `/api/v1/templates/${id}`);
  /** Polls Papo's copy until `check` holds: webhooks arrive asynchronously. */
  const eventuallyTemplate = (id: string, check: (template: TemplateDto) => boolean, what: string) =>
    eventually(async () => {
      const { status, body } = await get(id);
      return status === 200 && check(body) ? body : undefined;
    }, what);
  const create = (body: Record<string, unknown>) =>
    t.api<TemplateDto & ErrorView>("POST", "/api/v1/templates", { channelId, category: "UTILITY", language: "pt_BR", ...body });
  /** A Meta webhook about one template, as Meta shapes it. */
  const templateWebhook = (field: string, template: TemplateDto, value: Record<string, unknown>) => ({
    object: "whatsapp_business_account",
    entry: [
      {
        id: wabaId,
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field,
            value: {
              message_template_id: Number(template.metaId),
              message_template_name: template.name,
              message_template_language: template.language,
              ...value,
            },
          },
        ],
      },
    ],
  });

  run("a sync lists the WABA's templates with the variables each send must fill", async () => {
    const templates = await list();
    expect(templates.map((template) => template.name).sort()).toEqual(
      t.sim
        .templates()
        .map((template) => template.name)
        .sort(),
    );

    const reminder = await byName("lembrete_consulta");
    expect(reminder).toMatchObject({ channelId, wabaId, language: "pt_BR", category: "UTILITY", status: "APPROVED", quality: "UNKNOWN" });
    expect(reminder.metaId).toBe(t.sim.templates().find((template) => template.name === "lembrete_consulta")?.id);
    expect(reminder.variables.map((v) => [v.key, v.kind, v.example])).toEqual([
      ["body.1", "text", "Lia"],
      ["body.2", "text", "Clínica Sol"],
      ["body.3", "text", "10/07 às 14h"],
      ["button.0", "url_suffix", "A-1193"],
    ]);
    expect((await byName("pedido_enviado")).variables.map((v) => [v.key, v.example])).toEqual([
      ["body.nome", "Lia"],
      ["body.pedido", "#4721"],
      ["body.prazo", "sexta-feira"],
      ["button.0", "Falar com atendente"],
    ]);
    expect((await byName("promo_relampago")).variables.map((v) => [v.key, v.kind, v.optional ?? false])).toEqual([
      ["header.media", "image", false],
      ["body.1", "text", false],
      ["body.2", "text", false],
      ["button.0", "payload", true],
      ["button.1", "payload", true],
    ]);

    expect((await list("?status=PAUSED")).map((template) => template.name)).toEqual(["oferta_natal"]);
    expect((await list("?category=AUTHENTICATION")).map((template) => template.name)).toEqual(["codigo_verificacao"]);
    expect((await list(`?channelId=${channelId}&q=PEDIDO_`)).map((template) => template.name)).toEqual(["pedido_enviado"]);
    expect((await list("?q=_%")).length).toBe(0);
    expect((await get(reminder.id)).body).toEqual(reminder);
  });

  run("a sync again changes nothing, and a template deleted elsewhere disappears", async () => {
    const hello = await byName("hello_world");
    const again = await t.api("POST", "/api/v1/templates/sync", { channelId });
    expect(again.body).toEqual({ channels: 1, templates: t.sim.templates().length });
    expect((await byName("hello_world")).updatedAt).toBe(hello.updatedAt);

    const channel = t.papo.sandbox?.channel;
    if (!channel) throw new Error("no sandbox channel");
    await t.papo.deps.clientFor(channel).deleteTemplate({ wabaId, name: "hello_world" });
    await t.api("POST", "/api/v1/templates/sync", {});
    expect((await list()).some((template) => template.name === "hello_world")).toBe(false);
    expect((await get(hello.id)).status).toBe(404);
  });

  run("when Meta refuses the sync, the answer is 502 with Meta's message", async () => {
    t.sim.setFaults([{ on: "templates", code: 190, times: 1 }]);
    const refused = await t.api<ErrorView>("POST", "/api/v1/templates/sync", { channelId });
    t.sim.setFaults([]);
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe("templates.whatsapp_error");
    expect(refused.body.error.message).toMatch(/WhatsApp refused to list the templates/);
  });

  run("a created template is PENDING until Meta's review approves it, then APPROVED", async () => {
    t.sim.configure({ templateApprovalDelayMs: 20 });
    const created = await create({
      name: "confirmacao_pedido",
      body: { text: "Olá, {{1}}! Seu pedido {{2}} foi confirmado.", examples: ["Lia", "#4721"] },
      footer: { text: "Loja Sol" },
      buttons: [{ type: "QUICK_REPLY", text: "Falar com atendente" }],
    });
    t.sim.configure({ templateApprovalDelayMs: null });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "confirmacao_pedido",
      status: "PENDING",
      category: "UTILITY",
      parameterFormat: "POSITIONAL",
    });
    expect(created.body.variables.map((v) => v.key)).toEqual(["body.1", "body.2", "button.0"]);
    const atMeta = t.sim.templates().find((template) => template.id === created.body.metaId);
    expect(atMeta?.components).toEqual([
      { type: "BODY", text: "Olá, {{1}}! Seu pedido {{2}} foi confirmado.", example: { body_text: [["Lia", "#4721"]] } },
      { type: "FOOTER", text: "Loja Sol" },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Falar com atendente" }] },
    ]);
    await eventuallyTemplate(created.body.id, (template) => template.status === "APPROVED", "the review's approval");

    const audit = await t.api<{ data: Array<{ action: string; target: { id: string } | null }> }>(
      "GET",
      "/api/v1/audit-events?action=template.",
    );
    expect(audit.body.data.some((e) => e.action === "template.created" && e.target?.id === created.body.id)).toBe(true);
  });

  run("a rejected template shows Meta's reason", async () => {
    const created = await create({ name: "aviso_rejeitado", category: "MARKETING", body: { text: "Promoção imperdível hoje." } });
    expect(created.status).toBe(201);
    t.sim.setTemplateStatus(created.body.metaId, "REJECTED", "INCORRECT_CATEGORY");
    const rejected = await eventuallyTemplate(created.body.id, (template) => template.status === "REJECTED", "the rejection");
    expect(rejected.statusReason).toBe("INCORRECT_CATEGORY");
    expect((await list("?status=REJECTED")).map((template) => template.name)).toContain("aviso_rejeitado");
  });

  run("webhooks pause a template, lower its quality and change its category", async () => {
    const reminder = await byName("lembrete_consulta");
    t.sim.setTemplateStatus(reminder.metaId, "PAUSED");
    await eventuallyTemplate(reminder.id, (template) => template.status === "PAUSED", "the pause");

    t.sim.deliverRaw({
      payload: templateWebhook("message_template_quality_update", reminder, { previous_quality_score: "GREEN", new_quality_score: "RED" }),
    });
    await eventuallyTemplate(reminder.id, (template) => template.quality === "RED", "the quality update");

    t.sim.deliverRaw({
      payload: templateWebhook("template_category_update", reminder, { previous_category: "UTILITY", new_category: "MARKETING" }),
    });
    const moved = await eventuallyTemplate(reminder.id, (template) => template.category === "MARKETING", "the category update");
    expect(moved).toMatchObject({ status: "PAUSED", quality: "RED" });

    t.sim.setTemplateStatus(reminder.metaId, "APPROVED");
    await eventuallyTemplate(reminder.id, (template) => template.status === "APPROVED", "the reinstatement");

    // A pause from an hour ago, delivered late: Papo already knows better.
    const stored = async () =>
      (await t.papo.deps.database.db.select().from(platformEvents).where(eq(platformEvents.kind, "template_status"))).length;
    const before = await stored();
    const late = templateWebhook("message_template_status_update", reminder, { event: "PAUSED", reason: "NONE" });
    const [entry] = late.entry;
    if (entry) entry.time -= 3600;
    t.sim.deliverRaw({ payload: late });
    await eventually(async () => (await stored()) > before || undefined, "the late webhook recorded");
    expect((await get(reminder.id)).body.status).toBe("APPROVED");
  });

  run("a webhook about a template Papo has not seen makes Papo read the WABA", async () => {
    const channel = t.papo.sandbox?.channel;
    if (!channel) throw new Error("no sandbox channel");
    // Created in WhatsApp Manager, not through Papo.
    const made = await t.papo.deps.clientFor(channel).createTemplate({
      wabaId,
      name: "criado_fora",
      category: "UTILITY",
      language: "pt_BR",
      components: [{ type: "BODY", text: "Criado no WhatsApp Manager." }],
    });
    t.sim.setTemplateStatus(made.id, "APPROVED");
    const found = await eventually(
      async () => (await list("?q=criado_fora")).find((template) => template.status === "APPROVED"),
      "the template read after its webhook",
    );
    expect(found.metaId).toBe(made.id);
  });

  run("deleting a template removes that language at Meta and from Papo", async () => {
    const created = await create({ name: "para_apagar", body: { text: "Será apagado." } });
    expect(created.status).toBe(201);
    const deleted = await t.api("DELETE", `/api/v1/templates/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect(t.sim.templates().some((template) => template.id === created.body.metaId)).toBe(false);
    expect((await get(created.body.id)).status).toBe(404);
    expect((await t.api("DELETE", `/api/v1/templates/${created.body.id}`)).status).toBe(404);
  });

  run("an invalid definition is refused before Meta sees it, naming the field", async () => {
    const before = t.sim.templates().length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: "Nome Ruim", body: { text: "Oi." } }, "name"],
      [{ name: "sem_exemplo", body: { text: "Oi {{1}}, tudo bem?" } }, "body.examples.0"],
      [{ name: "comeca_variavel", body: { text: "{{1}} chegou", examples: ["Lia"] } }, "body.text"],
      [{ name: "cabecalho", header: { format: "TEXT", text: "Oi {{1}}" }, body: { text: "Oi." } }, "header.example"],
      [{ name: "rodape", body: { text: "Oi." }, footer: { text: "x".repeat(61) } }, "footer.text"],
      [{ name: "botao", body: { text: "Oi." }, buttons: [{ type: "COPY_CODE", example: "CUPOM-LONGO-DEMAIS" }] }, "buttons.0.example"],
      [{ name: "autenticacao", category: "AUTHENTICATION", body: { text: "Código {{1}}." } }, "category"],
    ];
    for (const [body, field] of cases) {
      const refused = await create(body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.error.code).toBe("templates.invalid");
      expect(refused.body.error.details).toMatchObject({ field });
      expect(refused.body.error.message.startsWith(`${field}: `)).toBe(true);
    }
    expect(t.sim.templates().length).toBe(before);
  });

  run("when Meta refuses a creation, its message is in the answer", async () => {
    const duplicate = await create({ name: "lembrete_consulta", body: { text: "Outra versão." } });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error.code).toBe("templates.whatsapp_rejected");
    expect(duplicate.body.error.message).toMatch(/already exists/);
    const unknownChannel = await create({ channelId: "00000000-0000-4000-8000-000000000000", name: "qualquer", body: { text: "Oi." } });
    expect(unknownChannel.status).toBe(404);
  });

  describe("sending every parameter kind through bound templates", () => {
    let conversationId: string;
    let contact: Contact;

    /** Creates, approves and returns a template. */
    async function approved(body: Record<string, unknown>): Promise<TemplateDto> {
      const created = await create(body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      t.sim.setTemplateStatus(created.body.metaId, "APPROVED");
      return eventuallyTemplate(created.body.id, (template) => template.status === "APPROVED", `${created.body.name} approved`);
    }

    /** Binds for the conversation's contact, sends through the API and returns what reached the customer. */
    async function sendBound(
      template: TemplateDto,
      mapping: TemplateMapping,
      { row, variables }: { row?: Record<string, string>; variables?: TemplateVariable[] } = {},
    ) {
      const bound = bindTemplate({ template, mapping, contact, ...(row ? { row } : {}), ...(variables ? { variables } : {}) });
      if (!bound.ok) throw new Error(`missing ${bound.missing.join(", ")}`);
      const queued = await sendMessage(t, conversationId, bound.body);
      expect(queued.status, JSON.stringify(queued.body)).toBe(202);
      const message = await waitForStatus(t, queued.body.id, "read");
      expectReadTimeline(message);
      return wireBody(t.sim, LIA, message.waMessageId).template as Record<string, unknown>;
    }

    beforeAll(async () => {
      if (!isAvailable(kind)) return;
      const written = await customerWrites(t, { from: LIA, name: "Lia Souza", text: "Oi, meu pedido chegou?" });
      conversationId = written.conversationId;
      const answer = await t.api<Contact>("PATCH", `/api/v1/contacts/${written.inbound.contactId}`, {
        attributes: { pedido: "#4721", cupom: "LIA10" },
      });
      expect(answer.status).toBe(200);
      contact = answer.body;
    });

    run("an image header by Papo media id, positional body from the contact, quick-reply payloads", async () => {
      const template = await approved({
        name: "envio_imagem",
        header: { format: "IMAGE", exampleUrl: "https://cdn.example.com/exemplo.png" },
        body: { text: "Olá, {{1}}! Seu pedido {{2}} saiu para entrega.", examples: ["Lia", "#1"] },
        buttons: [
          { type: "QUICK_REPLY", text: "Recebi" },
          { type: "QUICK_REPLY", text: "Falar com atendente" },
        ],
      });
      const upload = await uploadMedia(t, { data: pngBytes(), mimeType: "image/png", filename: "pedido.png" });
      expect(upload.status).toBe(201);
      const wire = await sendBound(template, {
        "header.media": { source: "media", mediaId: upload.body.id },
        "body.1": { source: "contact", field: "first_name" },
        "body.2": { source: "attribute", attribute: "pedido" },
        "button.0": { source: "fixed", value: "recebi:4721" },
      });
      expect(wire).toMatchObject({
        name: "envio_imagem",
        language: { code: "pt_BR" },
        components: [
          { type: "header", parameters: [{ type: "image", image: { id: expect.any(String) } }] },
          {
            type: "body",
            parameters: [
              { type: "text", text: "Lia" },
              { type: "text", text: "#4721" },
            ],
          },
          { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "recebi:4721" }] },
          { type: "button", sub_type: "quick_reply", index: "1", parameters: [{ type: "payload", payload: "Falar com atendente" }] },
        ],
      });
    });

    run("an image header by link", async () => {
      const template = await byName("envio_imagem");
      const wire = await sendBound(template, {
        "header.media": { source: "link", url: "https://cdn.example.com/pedido.png" },
        "body.1": { source: "contact", field: "name" },
        "body.2": { source: "fixed", value: "#9" },
      });
      expect(wire.components).toEqual([
        { type: "header", parameters: [{ type: "image", image: { link: "https://cdn.example.com/pedido.png" } }] },
        {
          type: "body",
          parameters: [
            { type: "text", text: "Lia Souza" },
            { type: "text", text: "#9" },
          ],
        },
        { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "Recebi" }] },
        { type: "button", sub_type: "quick_reply", index: "1", parameters: [{ type: "payload", payload: "Falar com atendente" }] },
      ]);
    });

    run("a document header with its filename, named body variables, a URL suffix and a copy code", async () => {
      const template = await approved({
        name: "boleto_disponivel",
        parameterFormat: "NAMED",
        header: { format: "DOCUMENT" },
        body: {
          text: "Oi {{first_name}}, o boleto do pedido {{pedido}} está anexo.",
          examples: { first_name: "Lia", pedido: "#1" },
        },
        buttons: [
          { type: "URL", text: "Pagar", url: "https://pague.example.com/b/{{1}}", example: "https://pague.example.com/b/abc" },
          { type: "COPY_CODE", example: "LIA10" },
        ],
      });
      expect(template.variables.map((v) => [v.key, v.kind])).toEqual([
        ["header.media", "document"],
        ["body.first_name", "text"],
        ["body.pedido", "text"],
        ["button.0", "url_suffix"],
        ["button.1", "coupon_code"],
      ]);
      const wire = await sendBound(
        template,
        {
          "header.media": { source: "link", url: "https://cdn.example.com/boleto.pdf", filename: "boleto-4721.pdf" },
          "body.first_name": { source: "contact", field: "first_name" },
          "body.pedido": { source: "csv", column: "pedido" },
          "button.0": { source: "csv", column: "boleto" },
          "button.1": { source: "attribute", attribute: "cupom" },
        },
        { row: { pedido: "#4721", boleto: "b-4721" } },
      );
      expect(wire).toMatchObject({
        components: [
          {
            type: "header",
            parameters: [{ type: "document", document: { link: "https://cdn.example.com/boleto.pdf", filename: "boleto-4721.pdf" } }],
          },
          {
            type: "body",
            parameters: [
              { type: "text", text: "Lia", parameter_name: "first_name" },
              { type: "text", text: "#4721", parameter_name: "pedido" },
            ],
          },
          { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "b-4721" }] },
          { type: "button", sub_type: "copy_code", index: "1", parameters: [{ type: "coupon_code", coupon_code: "LIA10" }] },
        ],
      });
    });

    run("a video header, currency and date_time variables, and a flow button", async () => {
      const template = await approved({
        name: "fatura_video",
        parameterFormat: "NAMED",
        header: { format: "VIDEO" },
        body: {
          text: "Sua fatura de {{valor}} vence em {{vencimento}}. Agende o pagamento.",
          examples: { valor: "R$ 10", vencimento: "10/07" },
        },
        buttons: [{ type: "FLOW", text: "Agendar", flowId: "1234567890", flowAction: "navigate", navigateScreen: "INICIO" }],
      });
      // Meta does not say a variable is money or a date: the caller who knows retypes it.
      const variables = template.variables.map(
        (v): TemplateVariable =>
          v.key === "body.valor" ? { ...v, kind: "currency" } : v.key === "body.vencimento" ? { ...v, kind: "date_time" } : v,
      );
      const wire = await sendBound(
        template,
        {
          "header.media": { source: "link", url: "https://cdn.example.com/fatura.mp4" },
          "body.valor": { source: "fixed", value: "BRL 1.234,50" },
          "body.vencimento": { source: "fixed", value: "10 de julho" },
          "button.0": { source: "fixed", value: "fatura-4721" },
        },
        { variables },
      );
      expect(wire).toMatchObject({
        components: [
          { type: "header", parameters: [{ type: "video", video: { link: "https://cdn.example.com/fatura.mp4" } }] },
          {
            type: "body",
            parameters: [
              {
                type: "currency",
                parameter_name: "valor",
                currency: { fallback_value: "BRL 1.234,50", code: "BRL", amount_1000: 1234500 },
              },
              { type: "date_time", parameter_name: "vencimento", date_time: { fallback_value: "10 de julho" } },
            ],
          },
          {
            type: "button",
            sub_type: "flow",
            index: "0",
            parameters: [{ type: "action", action: { flow_token: "fatura-4721" } }],
          },
        ],
      });
    });

    run("a location header and a text header variable", async () => {
      const store = await approved({
        name: "retirada_loja",
        header: { format: "LOCATION" },
        body: { text: "Seu pedido está pronto para retirada, {{1}}.", examples: ["Lia"] },
      });
      const atStore = await sendBound(store, {
        "header.location": { source: "fixed", value: "-23.5614,-46.6559|Loja Paulista|Av. Paulista, 1578" },
        "body.1": { source: "contact", field: "first_name" },
      });
      expect(atStore).toMatchObject({
        components: [
          {
            type: "header",
            parameters: [
              {
                type: "location",
                location: { latitude: -23.5614, longitude: -46.6559, name: "Loja Paulista", address: "Av. Paulista, 1578" },
              },
            ],
          },
          { type: "body", parameters: [{ type: "text", text: "Lia" }] },
        ],
      });

      const titled = await approved({
        name: "titulo_variavel",
        header: { format: "TEXT", text: "Pedido {{1}}", example: "#1" },
        body: { text: "Seu pedido foi atualizado. Veja os detalhes no app." },
      });
      const withTitle = await sendBound(titled, { "header.1": { source: "attribute", attribute: "pedido" } });
      expect(withTitle).toMatchObject({ components: [{ type: "header", parameters: [{ type: "text", text: "#4721" }] }] });
    });

    run("a seeded named template binds from the sync", async () => {
      const shipped = await byName("pedido_enviado");
      const wire = await sendBound(shipped, {
        "body.nome": { source: "contact", field: "first_name" },
        "body.pedido": { source: "attribute", attribute: "pedido" },
        "body.prazo": { source: "csv", column: "prazo", fallback: "sexta-feira" },
      });
      expect(wire).toMatchObject({
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Lia", parameter_name: "nome" },
              { type: "text", text: "#4721", parameter_name: "pedido" },
              { type: "text", text: "sexta-feira", parameter_name: "prazo" },
            ],
          },
          { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "Falar com atendente" }] },
        ],
      });
    });
  });
});
