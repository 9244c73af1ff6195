import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/raw.ts";
import { contactConsents } from "../../db/schema/contact-consents.ts";
import { contacts } from "../../db/schema/contacts.ts";
import { workspaces } from "../../db/schema/workspaces.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import type { CampaignDto, EstimateDto } from "./schemas.ts";

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };
type Page<T> = { data: T[]; nextCursor: string | null };
type Template = { id: string; name: string; status: string; category: string };
type CsvResult = {
  accepted: number;
  rejected: number;
  errors: Array<{ row: number; field?: string; code: string; message: string }>;
  columns: string[];
};
type PriceTable = {
  currency: string;
  effectiveDate: string;
  source: string;
  rates: Array<{ country: string; category: string; price: number; custom: boolean }>;
};

describe.each(DATABASE_KINDS)("campaigns: drafts, audience, estimate, launch and lifecycle (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let workspaceId: string;
  let channelId: string;
  let otherToken: string;
  const templates = new Map<string, Template>();

  const api = <T>(method: string, path: string, body?: unknown) => t.api<T>(method, path, body);
  const templateId = (name: string) => templates.get(name)?.id ?? "missing";
  /** promo_relampago: MARKETING, image header, body {{1}} {{2}}, two quick replies. */
  const promoMapping = {
    "header.media": { source: "link", url: "https://cdn.example.com/promo.jpg" },
    "body.1": { source: "contact", field: "first_name", fallback: "cliente" },
    "body.2": { source: "fixed", value: "30%" },
  };
  /** lembrete_consulta: UTILITY, body {{1}} {{2}} {{3}}, URL button with a suffix. */
  const reminderMapping = {
    "body.1": { source: "contact", field: "first_name", fallback: "cliente" },
    "body.2": { source: "fixed", value: "Clínica Sol" },
    "body.3": { source: "attribute", attribute: "horario" },
    "button.0": { source: "fixed", value: "A-1" },
  };
  const create = (body: Record<string, unknown>) =>
    api<CampaignDto & ErrorBody>("POST", "/api/v1/campaigns", {
      name: "Campanha",
      channelId,
      templateId: templateId("promo_relampago"),
      mapping: promoMapping,
      audience: { kind: "filter", tags: ["nada"] },
      ...body,
    });
  const contact = async (fields: Record<string, unknown>) => (await api<{ id: string }>("POST", "/api/v1/contacts", fields)).body.id;
  const consent = (contactId: string, purpose: "marketing" | "service", state: "granted" | "withdrawn") =>
    api("POST", `/api/v1/contacts/${contactId}/consents`, { purpose, state, source: "api" });
  const estimate = (id: string) => api<EstimateDto & ErrorBody>("POST", `/api/v1/campaigns/${id}/estimate`);
  const upload = (id: string, csv: string) => api<CsvResult & ErrorBody>("POST", `/api/v1/campaigns/${id}/audience/csv`, { csv });
  const action = (id: string, name: string) => api<CampaignDto & ErrorBody>("POST", `/api/v1/campaigns/${id}/${name}`);

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    workspaceId = (await api<{ workspaceId: string }>("GET", "/api/v1/auth/me")).body.workspaceId;
    channelId = t.papo.sandbox?.channel.id ?? "";
    const synced = await api("POST", "/api/v1/templates/sync", { channelId });
    if (synced.status !== 200) throw new Error(`template sync failed: ${JSON.stringify(synced.body)}`);
    const list = await api<{ data: Template[] }>("GET", `/api/v1/templates?channelId=${channelId}`);
    for (const template of list.body.data) templates.set(template.name, template);
    const other = randomUUID();
    await t.papo.deps.database.db.insert(workspaces).values({ id: other, name: "Outra empresa" });
    otherToken = (await t.addUser({ workspaceId: other, email: "admin@outra.test", role: "admin" })).token;
  });
  afterAll(async () => t?.close());

  run("when a campaign is created, its template and mapping are checked and it starts as a draft", async () => {
    const unknownKey = await create({ mapping: { ...promoMapping, "body.9": { source: "fixed", value: "x" } } });
    expect(unknownKey.status).toBe(422);
    expect(unknownKey.body.error.code).toBe("campaigns.invalid");
    expect(unknownKey.body.error.message).toContain("mapping.body.9");

    const csvInFilter = await create({ mapping: { ...promoMapping, "body.2": { source: "csv", column: "desconto" } } });
    expect(csvInFilter.status).toBe(422);
    expect(csvInFilter.body.error.message).toContain("mapping.body.2");

    const mediaForText = await create({ mapping: { ...promoMapping, "body.1": { source: "link", url: "https://x.example/a.jpg" } } });
    expect(mediaForText.body.error.message).toContain("mapping.body.1");
    const textForMedia = await create({ mapping: { ...promoMapping, "header.media": { source: "fixed", value: "oi" } } });
    expect(textForMedia.body.error.message).toContain("mapping.header.media");

    const noTemplate = await create({ templateId: randomUUID() });
    expect(noTemplate.status).toBe(404);
    expect(noTemplate.body.error.code).toBe("templates.not_found");
    expect(noTemplate.body.error.message).toContain("templateId");

    const tooFast = await create({ ratePerSecond: 1000 });
    expect(tooFast.status).toBe(422);
    expect(tooFast.body.error.message).toContain("ratePerSecond");

    const malformed = await create({ mapping: { "body.1": { source: "contact", field: "cpf" } } });
    expect(malformed.status).toBe(400);

    const created = await create({ name: "Black Friday", budgetCap: 25.5 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Black Friday",
      status: "draft",
      channelId,
      template: { id: templateId("promo_relampago"), name: "promo_relampago", language: "pt_BR", category: "MARKETING" },
      mapping: promoMapping,
      audience: { kind: "filter", tags: ["nada"] },
      startAt: null,
      ratePerSecond: 20,
      budgetCap: 25.5,
      currency: "USD",
      estimate: null,
      counts: { recipients: 0, pending: 0, queued: 0, skipped: 0, cancelled: 0 },
    });
    expect((await api<CampaignDto>("GET", `/api/v1/campaigns/${created.body.id}`)).body.name).toBe("Black Friday");
    const drafts = await api<Page<CampaignDto>>("GET", "/api/v1/campaigns?status=draft&limit=200");
    expect(drafts.body.data.map((c) => c.id)).toContain(created.body.id);
    expect((await api<Page<CampaignDto>>("GET", "/api/v1/campaigns?status=running")).body.data.map((c) => c.id)).not.toContain(
      created.body.id,
    );

    const [row] = await queryRows<{ mapping_enc: string; audience_enc: string }>(
      t.papo.deps.database.db,
      sql`select mapping_enc, audience_enc from campaigns where id = ${created.body.id}`,
    );
    expect(row?.mapping_enc.startsWith("pe1:")).toBe(true);
    expect(row?.mapping_enc).not.toContain("cdn.example.com");
  });

  run("when a CSV is uploaded, bad rows are reported one by one and the good ones become recipients", async () => {
    const created = await create({
      name: "Pedidos",
      templateId: templateId("pedido_enviado"),
      mapping: {
        "body.nome": { source: "contact", field: "first_name" },
        "body.pedido": { source: "csv", column: "pedido" },
        "body.prazo": { source: "csv", column: "prazo", fallback: "em breve" },
      },
      audience: { kind: "csv" },
    });
    expect(created.status).toBe(201);
    const csv = [
      "telefone;nome;pedido;prazo",
      "(11) 98765-4321;Lia Souza;#1;sexta",
      "11 98765-4321;Outra Lia;#2;",
      "12345;Ruim;#3;",
      ";Sem número;#4;",
      "+1 415 555 2671;Joe Doe;;",
      "+52 55 1234 5678;Ana Ruiz;#6;",
      "5511912340077;Bia;#7;amanhã;sobrando",
      "+1 201 555 0123;Sam;#8;",
    ].join("\n");
    const uploaded = await upload(created.body.id, csv);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ accepted: 3, rejected: 5, columns: ["pedido", "prazo"] });
    expect(uploaded.body.errors.map((e) => [e.row, e.code, e.field])).toEqual([
      [2, "duplicate", "telefone"],
      [3, "invalid_number", "telefone"],
      [4, "missing_phone", "telefone"],
      [5, "missing_value", "pedido"],
      [7, "too_many_columns", undefined],
    ]);
    const campaign = await api<CampaignDto>("GET", `/api/v1/campaigns/${created.body.id}`);
    expect(campaign.body.counts).toMatchObject({ recipients: 3, pending: 3 });
    expect(campaign.body.audience).toEqual({ kind: "csv", columns: ["pedido", "prazo"] });
    const rows = await queryRows<{ phone_enc: string; variables_enc: string; country: string; row_number: number }>(
      t.papo.deps.database.db,
      sql`select phone_enc, variables_enc, country, row_number from campaign_recipients where campaign_id = ${created.body.id} order by row_number`,
    );
    expect(rows.map((r) => [r.row_number, r.country])).toEqual([
      [1, "BR"],
      [6, "MX"],
      [8, "US"],
    ]);
    expect(rows.every((r) => r.phone_enc.startsWith("pe1:") && !r.phone_enc.includes("5511987654321"))).toBe(true);
    expect(rows.every((r) => !r.variables_enc.includes("Lia"))).toBe(true);

    const estimated = await estimate(created.body.id);
    expect(estimated.status).toBe(200);
    // Utility template: no consent needed; rows refused at upload count in the audience under their reason.
    expect(estimated.body).toMatchObject({
      audience: 8,
      recipients: 3,
      excluded: { invalid_number: 3, duplicate: 1, missing_variables: 1, no_marketing_consent: 0, opted_out: 0, no_whatsapp_id: 0 },
    });
    expect(estimated.body.sample[0]).toEqual({
      contactName: "Lia Souza",
      body: "Olá, Lia! Seu pedido #1 foi enviado e deve chegar até sexta.",
    });
    expect(estimated.body.sample[1]?.body).toContain("deve chegar até em breve");

    // The same file sent raw as text/csv replaces the rows.
    const raw = await fetch(`${t.papo.url}/api/v1/campaigns/${created.body.id}/audience/csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}`, "content-type": "text/csv" },
      body: "phone,pedido,prazo\n+55 21 99876-5432,#9,\n",
    });
    expect(raw.status, await raw.clone().text()).toBe(200);
    expect(((await raw.json()) as CsvResult).accepted).toBe(1);
    expect((await api<CampaignDto>("GET", `/api/v1/campaigns/${created.body.id}`)).body.counts.recipients).toBe(1);

    // Raw CSV may pass the API's 1 MB JSON limit, up to 5 MB: 2 MB reach the row limit, 6 MB are refused unread.
    const raw2mb = await fetch(`${t.papo.url}/api/v1/campaigns/${created.body.id}/audience/csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}`, "content-type": "text/csv" },
      body: `phone,pedido,prazo\n${"11987654321,#1,\n".repeat(130_000)}`,
    });
    expect(((await raw2mb.json()) as ErrorBody).error.code).toBe("campaigns.csv_too_many_rows");
    const raw6mb = await fetch(`${t.papo.url}/api/v1/campaigns/${created.body.id}/audience/csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}`, "content-type": "text/csv" },
      body: `phone,pedido,prazo\n${"11987654321,#1,\n".repeat(400_000)}`,
    });
    expect(raw6mb.status).toBe(413);

    const missingColumn = await upload(created.body.id, "phone,outra\n11987654321,x\n");
    expect(missingColumn.status).toBe(422);
    expect(missingColumn.body.error.code).toBe("campaigns.csv_invalid");
    const noPhone = await upload(created.body.id, "nome,pedido\nLia,#1\n");
    expect(noPhone.body.error.code).toBe("campaigns.csv_invalid");
    expect(noPhone.body.error.details?.field).toBe("phone");

    const filter = await create({ name: "Filtro" });
    expect((await upload(filter.body.id, "phone\n11987654321\n")).body.error.code).toBe("campaigns.invalid");
  });

  run("when the template is MARKETING, only contacts with marketing consent count; a utility template reaches all", async () => {
    const granted = await contact({
      name: "Ana Consentida",
      phone: "+55 11 91111-0001",
      tags: ["consent-test"],
      attributes: { horario: "10h" },
    });
    await consent(granted, "marketing", "granted");
    await contact({ name: "Bruno Nunca", phone: "+55 11 91111-0002", tags: ["consent-test"], attributes: { horario: "11h" } });
    const optedOut = await contact({
      name: "Carla Saiu",
      phone: "+55 11 91111-0003",
      tags: ["consent-test"],
      attributes: { horario: "12h" },
    });
    await consent(optedOut, "marketing", "granted");
    await consent(optedOut, "marketing", "withdrawn");
    const noContact = await contact({
      name: "Davi Sem Contato",
      phone: "+55 11 91111-0004",
      tags: ["consent-test"],
      attributes: { horario: "13h" },
    });
    await consent(noContact, "marketing", "granted");
    await consent(noContact, "service", "withdrawn");
    await contact({ name: "Eva Sem Número", tags: ["consent-test"], attributes: { horario: "14h" } });
    // Utility needs {{3}} from the attribute `horario`: a contact without it cannot be filled.
    await contact({ name: "Fábio Sem Horário", phone: "+55 11 91111-0006", tags: ["consent-test"] });

    const marketing = await create({ name: "Promo", audience: { kind: "filter", tags: ["consent-test"] } });
    const m = await estimate(marketing.body.id);
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({
      audience: 6,
      recipients: 1,
      excluded: { opted_out: 2, no_marketing_consent: 2, no_whatsapp_id: 1, duplicate: 0, missing_variables: 0, invalid_number: 0 },
    });
    expect(m.body.sample).toEqual([
      { contactName: "Ana Consentida", body: "Ana, só hoje: 30% de desconto em toda a loja! Toque abaixo para aproveitar." },
    ]);
    expect((await api<CampaignDto>("GET", `/api/v1/campaigns/${marketing.body.id}`)).body.estimate).toMatchObject({ recipients: 1 });

    const utility = await create({
      name: "Lembrete",
      templateId: templateId("lembrete_consulta"),
      mapping: reminderMapping,
      audience: { kind: "filter", tags: ["consent-test"] },
    });
    expect(utility.status).toBe(201);
    const u = await estimate(utility.body.id);
    expect(u.body).toMatchObject({
      audience: 6,
      recipients: 4,
      excluded: { opted_out: 0, no_marketing_consent: 0, no_whatsapp_id: 1, duplicate: 0, missing_variables: 1 },
    });

    const byAttribute = await create({
      name: "Só 10h",
      templateId: templateId("lembrete_consulta"),
      mapping: reminderMapping,
      audience: { kind: "filter", tags: ["consent-test"], attributes: { horario: "10h" } },
    });
    expect((await estimate(byAttribute.body.id)).body).toMatchObject({ audience: 1, recipients: 1 });
    const anyTag = await create({
      name: "Qualquer tag",
      templateId: templateId("lembrete_consulta"),
      mapping: reminderMapping,
      audience: { kind: "filter", anyTags: ["consent-test", "outra"], attributes: { horario: "12h" } },
    });
    expect((await estimate(anyTag.body.id)).body).toMatchObject({ audience: 1, recipients: 1 });

    // Launch: one pending row per eligible contact, skipped rows with their reason.
    const launched = await action(utility.body.id, "launch");
    expect(launched.status).toBe(200);
    expect(launched.body.status).toBe("running");
    expect(launched.body.launchedAt).not.toBeNull();
    expect(launched.body.counts.recipients).toBe(6);
    expect(launched.body.counts.skipped).toBe(2);
    expect(launched.body.counts.pending + launched.body.counts.queued).toBe(4);
    const reasons = await queryRows<{ skip_reason: string }>(
      t.papo.deps.database.db,
      sql`select skip_reason from campaign_recipients where campaign_id = ${utility.body.id} and status = 'skipped' order by skip_reason`,
    );
    expect(reasons.map((r) => r.skip_reason)).toEqual(["missing_variables", "no_whatsapp_id"]);
    expect((await action(utility.body.id, "launch")).status).toBe(409);

    const nobody = await create({ name: "Ninguém", audience: { kind: "filter", tags: ["consent-test"], attributes: { horario: "11h" } } });
    const refused = await action(nobody.body.id, "launch");
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("campaigns.no_recipients");
  });

  run("when the audience spans countries, the estimate prices each with the table, custom prices and the budget cap", async () => {
    const numbers = [
      "+55 11 92222-0001",
      "+55 21 92222-0002",
      "+55 31 92222-0003",
      "+52 55 1234 0001",
      "+52 55 1234 0002",
      "+1 415 555 0101",
      "+49 151 23456789",
    ];
    const created = await create({
      name: "Países",
      mapping: { ...promoMapping, "body.1": { source: "csv", column: "apelido" } },
      audience: { kind: "csv" },
      budgetCap: 0.3,
    });
    expect(created.status).toBe(201);
    const csv = ["phone,nome,apelido,marketing_consent", ...numbers.map((n, i) => `${n},Pessoa ${i},P${i},sim`)].join("\n");
    expect((await upload(created.body.id, csv)).body).toMatchObject({ accepted: 7, rejected: 0, columns: ["apelido"] });

    const before = await estimate(created.body.id);
    expect(before.body.recipients).toBe(7);
    expect(before.body.cost.byCountry).toEqual([
      { country: "BR", category: "MARKETING", count: 3, unitPrice: 0.0625, subtotal: 0.1875 },
      { country: "MX", category: "MARKETING", count: 2, unitPrice: 0.0305, subtotal: 0.061 },
      { country: "US", category: "MARKETING", count: 1, unitPrice: 0.025, subtotal: 0.025 },
    ]);
    expect(before.body.cost).toMatchObject({ currency: "USD", total: 0.2735, unpriced: 1 });
    expect(before.body).toMatchObject({ budgetCap: 0.3, withinBudget: true });
    // The number's tier as last read from Meta (unknown counts as the lowest, 250).
    expect(before.body.messagingLimit.limit).toBeGreaterThanOrEqual(250);

    const put = await api<PriceTable>("PUT", "/api/v1/pricing-rates", {
      rates: [
        { country: "BR", category: "MARKETING", price: 0.05 },
        { country: "*", category: "marketing", price: 0.1 },
      ],
    });
    expect(put.status).toBe(200);
    const after = await estimate(created.body.id);
    expect(after.body.cost.byCountry[0]).toEqual({ country: "BR", category: "MARKETING", count: 3, unitPrice: 0.05, subtotal: 0.15 });
    expect(after.body.cost.byCountry.find((g) => g.country === "DE")).toEqual({
      country: "DE",
      category: "MARKETING",
      count: 1,
      unitPrice: 0.1,
      subtotal: 0.1,
    });
    expect(after.body.cost).toMatchObject({ total: 0.336, unpriced: 0 });
    expect(after.body.withinBudget).toBe(false);
    expect((await api("PUT", "/api/v1/pricing-rates", { rates: [] })).status).toBe(200);

    // Launch: the CSV's people become contacts with their name, and their "sim" becomes recorded marketing consent.
    const launched = await action(created.body.id, "launch");
    expect(launched.status).toBe(200);
    expect(launched.body.counts.recipients).toBe(7);
    const [first] = await queryRows<{ contact_id: string }>(
      t.papo.deps.database.db,
      sql`select contact_id from campaign_recipients where campaign_id = ${created.body.id} and row_number = 1`,
    );
    const person = await api<{ name: string; phone: string }>("GET", `/api/v1/contacts/${first?.contact_id}`);
    expect(person.body).toMatchObject({ name: "Pessoa 0" });
    const consents = await api<{ current: { marketing: { state: string; source: string } }; history: Array<{ evidence: string }> }>(
      "GET",
      `/api/v1/contacts/${first?.contact_id}/consents`,
    );
    expect(consents.body.current.marketing).toMatchObject({ state: "granted", source: "import" });
    expect(consents.body.history[0]?.evidence).toBe(`campaign ${created.body.id} CSV row 1`);

    // Erasing the contact takes the number and cells off its campaign row.
    // (Refused with 409 while the campaign's message to them is being handed to Meta: tried again until it is not.)
    await eventually(async () => {
      const erased = await api("POST", `/api/v1/contacts/${first?.contact_id}/erase`, { confirm: "APAGAR" });
      return erased.status === 200;
    }, "the contact's erasure");
    const [row] = await queryRows<{ phone_enc: string | null; variables_enc: string | null }>(
      t.papo.deps.database.db,
      sql`select phone_enc, variables_enc from campaign_recipients where campaign_id = ${created.body.id} and row_number = 1`,
    );
    expect(row).toEqual({ phone_enc: null, variables_enc: null });
  });

  run("when launching, an unapproved template, an incomplete mapping and a future start are each handled", async () => {
    const paused = await create({
      name: "Natal",
      templateId: templateId("oferta_natal"),
      mapping: { "body.1": { source: "fixed", value: "Oi" } },
    });
    expect(paused.status).toBe(201);
    const notApproved = await action(paused.body.id, "launch");
    expect(notApproved.status).toBe(422);
    expect(notApproved.body.error.code).toBe("campaigns.template_not_approved");

    const target = await contact({ name: "Gil Agendado", phone: "+55 11 93333-0001", tags: ["agendado"], attributes: { horario: "9h" } });
    expect(target).toBeTruthy();
    const partial = await create({
      name: "Parcial",
      templateId: templateId("lembrete_consulta"),
      mapping: { "body.1": { source: "fixed", value: "Oi" } },
      audience: { kind: "filter", tags: ["agendado"] },
    });
    const incomplete = await action(partial.body.id, "launch");
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.code).toBe("campaigns.mapping_incomplete");
    expect(incomplete.body.error.details?.keys).toEqual(["body.2", "body.3", "button.0"]);

    const later = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await create({
      name: "Amanhã",
      templateId: templateId("lembrete_consulta"),
      mapping: reminderMapping,
      audience: { kind: "filter", tags: ["agendado"] },
      startAt: later,
    });
    const launched = await action(scheduled.body.id, "launch");
    expect(launched.body).toMatchObject({ status: "scheduled", startAt: later });
    expect(launched.body.counts).toMatchObject({ recipients: 1, pending: 1 });

    // A scheduled campaign keeps its recipients: only its name, start, rate and budget may change.
    const renamed = await api<CampaignDto>("PATCH", `/api/v1/campaigns/${scheduled.body.id}`, { name: "Amanhã cedo", ratePerSecond: 5 });
    expect(renamed.body).toMatchObject({ name: "Amanhã cedo", ratePerSecond: 5, status: "scheduled" });
    const remap = await api<ErrorBody>("PATCH", `/api/v1/campaigns/${scheduled.body.id}`, { mapping: reminderMapping });
    expect(remap.status).toBe(409);
    expect(remap.body.error.code).toBe("campaigns.not_editable");

    // Told to start now (no start time), a scheduled campaign runs at once: checked on a second one, then cancelled.
    const another = await create({
      name: "Amanhã também",
      templateId: templateId("lembrete_consulta"),
      mapping: reminderMapping,
      audience: { kind: "filter", tags: ["agendado"] },
      startAt: later,
    });
    expect((await action(another.body.id, "launch")).body.status).toBe("scheduled");
    const now = await api<CampaignDto>("PATCH", `/api/v1/campaigns/${another.body.id}`, { startAt: null });
    expect(now.body).toMatchObject({ status: "running", startAt: null });
    expect((await action(another.body.id, "cancel")).body.status).toBe("cancelled");

    // Lifecycle: pause → resume (back to waiting for its start) → cancel; wrong moves are 409.
    const pausedNow = await action(scheduled.body.id, "pause");
    expect(pausedNow.body).toMatchObject({ status: "paused", pausedReason: "manual" });
    expect((await action(scheduled.body.id, "pause")).body.error.code).toBe("campaigns.invalid_transition");
    expect((await action(scheduled.body.id, "resume")).body).toMatchObject({ status: "scheduled", pausedReason: null });
    const cancelled = await action(scheduled.body.id, "cancel");
    expect(cancelled.body).toMatchObject({ status: "cancelled", counts: { pending: 0, cancelled: 1 } });
    expect(cancelled.body.cancelledAt).not.toBeNull();
    expect((await action(scheduled.body.id, "resume")).status).toBe(409);
    expect((await action(scheduled.body.id, "cancel")).status).toBe(409);
    expect((await api<ErrorBody>("DELETE", `/api/v1/campaigns/${scheduled.body.id}`)).body.error.code).toBe("campaigns.not_editable");
    expect((await api<ErrorBody>("PATCH", `/api/v1/campaigns/${scheduled.body.id}`, { name: "x" })).status).toBe(409);

    // A draft: edited freely, paused never, deleted.
    const edited = await api<CampaignDto>("PATCH", `/api/v1/campaigns/${partial.body.id}`, { mapping: reminderMapping, budgetCap: null });
    expect(edited.body.mapping).toEqual(reminderMapping);
    expect((await action(partial.body.id, "pause")).status).toBe(409);
    expect((await action(partial.body.id, "resume")).status).toBe(409);
    expect((await api("DELETE", `/api/v1/campaigns/${partial.body.id}`)).status).toBe(204);
    expect((await api<ErrorBody>("GET", `/api/v1/campaigns/${partial.body.id}`)).body.error.code).toBe("campaigns.not_found");

    // Running → paused → running → cancelled: one message a second to 20 people keeps it running meanwhile.
    const slow = await create({
      name: "Devagar",
      templateId: templateId("pedido_enviado"),
      mapping: {
        "body.nome": { source: "contact", field: "first_name", fallback: "cliente" },
        "body.pedido": { source: "csv", column: "pedido" },
        "body.prazo": { source: "fixed", value: "amanhã" },
      },
      audience: { kind: "csv" },
      ratePerSecond: 1,
    });
    const rows = Array.from({ length: 20 }, (_, i) => `+55 11 94444-${String(1000 + i)},#${i}`);
    expect((await upload(slow.body.id, ["phone,pedido", ...rows].join("\n"))).body.accepted).toBe(20);
    expect((await action(slow.body.id, "launch")).body.status).toBe("running");
    const stopped = await action(slow.body.id, "pause");
    expect(stopped.body).toMatchObject({ status: "paused", pausedReason: "manual" });
    // While launched, only the rate and the budget cap may change (a campaign paused at its cap needs a higher one).
    const raised = await api<CampaignDto>("PATCH", `/api/v1/campaigns/${slow.body.id}`, { budgetCap: 12.5, ratePerSecond: 2 });
    expect(raised.body).toMatchObject({ status: "paused", budgetCap: 12.5, ratePerSecond: 2 });
    const renameLaunched = await api<ErrorBody>("PATCH", `/api/v1/campaigns/${slow.body.id}`, { name: "Outro nome" });
    expect(renameLaunched.status).toBe(409);
    expect(renameLaunched.body.error.details).toMatchObject({ field: "name" });
    expect((await action(slow.body.id, "resume")).body).toMatchObject({ status: "running", pausedReason: null, throttledUntil: null });
    const ended = await action(slow.body.id, "cancel");
    expect(ended.body.status).toBe("cancelled");
    // However far the sender got meanwhile (a loaded machine slows the requests above, not the sender), every
    // recipient not yet handed to the send queue is cancelled, and at 2 a second it cannot have reached all 20.
    const left = ended.body.counts;
    expect({ recipients: left.recipients, pending: left.pending }).toEqual({ recipients: 20, pending: 0 });
    expect(left.queued + left.skipped + left.cancelled).toBe(20);
    expect(left.cancelled).toBeGreaterThan(0);
  });

  run("when another workspace asks for a campaign, it does not exist for them", async () => {
    const mine = await create({ name: "Minha" });
    for (const [method, path] of [
      ["GET", `/api/v1/campaigns/${mine.body.id}`],
      ["PATCH", `/api/v1/campaigns/${mine.body.id}`],
      ["DELETE", `/api/v1/campaigns/${mine.body.id}`],
      ["POST", `/api/v1/campaigns/${mine.body.id}/estimate`],
      ["POST", `/api/v1/campaigns/${mine.body.id}/launch`],
      ["POST", `/api/v1/campaigns/${mine.body.id}/cancel`],
    ] as const) {
      const answer = await t.apiAs<ErrorBody>(otherToken, method, path, method === "PATCH" ? { name: "x" } : undefined);
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    const theirs = await t.apiAs<Page<CampaignDto>>(otherToken, "GET", "/api/v1/campaigns");
    expect(theirs.body.data).toEqual([]);
    // Their template list is their own: our template id is not theirs to use.
    const channel = await t.apiAs<ErrorBody>(otherToken, "POST", "/api/v1/campaigns", {
      name: "x",
      channelId,
      templateId: templateId("promo_relampago"),
      mapping: {},
      audience: { kind: "filter" },
    });
    expect(channel.status).toBe(404);
  });

  run("when the price table is read and replaced, defaults and custom rows show, and bad rows are refused by field", async () => {
    const defaults = await api<PriceTable>("GET", "/api/v1/pricing-rates");
    expect(defaults.body).toMatchObject({ currency: "USD", effectiveDate: "2026-10-01" });
    expect(defaults.body.rates).toContainEqual({ country: "BR", category: "MARKETING", price: 0.0625, custom: false });
    expect(defaults.body.rates).toContainEqual({ country: "MX", category: "UTILITY", price: 0.0085, custom: false });
    expect(defaults.body.rates.some((r) => r.country === "*")).toBe(false);

    const put = await api<PriceTable>("PUT", "/api/v1/pricing-rates", {
      rates: [
        { country: "br", category: "UTILITY", price: 0.01 },
        { country: "*", category: "MARKETING", price: 0.08 },
      ],
    });
    expect(put.body.rates).toContainEqual({ country: "BR", category: "UTILITY", price: 0.01, custom: true });
    expect(put.body.rates).toContainEqual({ country: "*", category: "MARKETING", price: 0.08, custom: true });
    expect(put.body.rates.at(-1)?.country).toBe("*");

    for (const [rates, field] of [
      [[{ country: "BRA", category: "MARKETING", price: 0.1 }], "rates.0.country"],
      [[{ country: "BR", category: "PROMO", price: 0.1 }], "rates.0.category"],
      [[{ country: "BR", category: "MARKETING", price: 11 }], "rates.0.price"],
      [[{ country: "BR", category: "MARKETING", price: -1 }], "rates.0.price"],
    ] as const) {
      const refused = await api<ErrorBody>("PUT", "/api/v1/pricing-rates", { rates });
      expect(refused.status, field).toBe(400);
      expect(refused.body.error.message, field).toContain(field);
    }
    const twice = await api<ErrorBody>("PUT", "/api/v1/pricing-rates", {
      rates: [
        { country: "BR", category: "MARKETING", price: 0.1 },
        { country: "br", category: "marketing", price: 0.2 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain("rates.1");

    const back = await api<PriceTable>("PUT", "/api/v1/pricing-rates", { rates: [] });
    expect(back.body.rates.every((r) => !r.custom)).toBe(true);
    expect((await t.apiAs<PriceTable>(otherToken, "GET", "/api/v1/pricing-rates")).body.rates.every((r) => !r.custom)).toBe(true);
  });

  run("when a filter names 1,000 contacts, the estimate counts consent for each of them", async () => {
    // Set up fast, straight into the tables: contacts (encrypted like the repository does) and current consents.
    const { db } = t.papo.deps.database;
    const { cipher } = t.papo.deps;
    const people = Array.from({ length: 1000 }, (_, i) => ({
      id: randomUUID(),
      waId: `55119${String(50_000_000 + i)}`,
      name: `Cliente ${i}`,
    }));
    const place = (id: string, column: string) => ({ workspaceId, table: "contacts", column, rowId: id });
    await db.insert(contacts).values(
      people.map((p) => ({
        id: p.id,
        workspaceId,
        nameEnc: cipher.encrypt(place(p.id, "name_enc"), p.name),
        waIdEnc: cipher.encrypt(place(p.id, "wa_id_enc"), p.waId),
        waIdBidx: cipher.blindIndex({ workspaceId, purpose: "wa_id", value: p.waId }),
        tags: ["mil"],
      })),
    );
    await db.insert(contactConsents).values(
      people.slice(0, 700).map((p, i) => ({
        id: randomUUID(),
        workspaceId,
        contactId: p.id,
        purpose: "marketing" as const,
        state: i < 600 ? ("granted" as const) : ("withdrawn" as const),
        source: "import" as const,
        eventId: randomUUID(),
        updatedAt: new Date(),
      })),
    );
    const created = await create({ name: "Mil", audience: { kind: "filter", tags: ["mil"] } });
    const result = await estimate(created.body.id);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      audience: 1000,
      recipients: 600,
      excluded: { no_marketing_consent: 300, opted_out: 100, duplicate: 0, no_whatsapp_id: 0 },
      cost: {
        total: 37.5,
        byCountry: [{ country: "BR", category: "MARKETING", count: 600, unitPrice: 0.0625, subtotal: 37.5 }],
        unpriced: 0,
      },
    });
  });
});
