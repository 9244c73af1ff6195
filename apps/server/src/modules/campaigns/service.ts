import type { ServiceContext } from "../../context.ts";
import type { DbOrTx } from "../../db/client.ts";
import type { CampaignStatus } from "../../db/schema/campaigns.ts";
import type { MessageTemplateRow } from "../../db/schema/message-templates.ts";
import type { Deps } from "../../deps.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { AuditAction } from "../audit/actions.ts";
import type { AuditJson } from "../audit/chain.ts";
import { actorOf } from "../audit/trail.ts";
import { createConsentRepo } from "../consent/repo.ts";
import { createContactsRepo } from "../contacts/repo.ts";
import type { TemplateMapping, TemplateVariable } from "../templates/mapping.ts";
import { variablesOf } from "../templates/variables.ts";
import { resolveAudience } from "./audience.ts";
import { CSV_MAX_ERRORS, parseAudienceCsv } from "./csv.ts";
import { buildEstimate, type Decision, decide } from "./estimate.ts";
import { loadPriceTable } from "./pricing.ts";
import { PRICING_CURRENCY, toMicros } from "./pricing-defaults.ts";
import {
  type Campaign,
  type CampaignChanges,
  createCampaignsRepo,
  type NewRecipient,
  type RecipientCounts,
  type StoredAudience,
} from "./repo.ts";
import type { AudienceInput, CreateCampaignBody, EstimateDto, StoredEstimate, UpdateCampaignBody } from "./schemas.ts";

export type CampaignDeps = Pick<Deps, "database" | "cipher" | "clock" | "audit" | "events" | "kick">;

/** Who calls, from where. */
export interface CampaignCall {
  deps: CampaignDeps;
  ctx: ServiceContext;
  ip?: string | undefined;
}

/** A campaign asks for at most this many messages a second unless told otherwise (and never more than its number). */
export const DEFAULT_RATE_PER_SECOND = 20;
const EDITABLE: readonly CampaignStatus[] = ["draft", "scheduled"];
/** A launched campaign can still get a new rate or budget cap (a campaign paused at its cap resumes only with a higher one). */
const SENDING: readonly CampaignStatus[] = ["running", "paused"];
const ALLOWED_WHILE_SENDING = ["ratePerSecond", "budgetCap"] as const;
const MEDIA_KINDS = new Set(["image", "video", "document"]);

const invalid = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError({ code: "campaigns.invalid", status: 422, message: `${field}: ${message}`, details: { field, ...details } });
const notEditable = (campaign: Campaign, field?: string) =>
  new AppError({
    code: "campaigns.not_editable",
    status: 409,
    message: `${field ? `${field}: ` : ""}the campaign is ${campaign.status}; ${field ? "this can only change in a draft" : "only drafts (and scheduled campaigns, partly) can change"}`,
    details: { status: campaign.status, ...(field ? { field } : {}) },
  });
const invalidTransition = (campaign: Campaign, to: string) =>
  new AppError({
    code: "campaigns.invalid_transition",
    status: 409,
    message: `A ${campaign.status} campaign cannot be ${to}`,
    details: { status: campaign.status },
  });
const templateNotFound = (templateId: string) =>
  new AppError({
    code: "templates.not_found",
    status: 404,
    message: `templateId: no synced template ${templateId} in the channel's WhatsApp Business Account (sync templates first)`,
    details: { field: "templateId", templateId },
  });

const repoOf = (deps: CampaignDeps, db: DbOrTx = deps.database.db) => createCampaignsRepo({ db, cipher: deps.cipher });

async function audit(call: CampaignCall, action: AuditAction, campaignId: string, details: Record<string, AuditJson>, tx?: DbOrTx) {
  await call.deps.audit.record(
    {
      workspaceId: call.ctx.workspaceId,
      actor: actorOf(call.ctx),
      action,
      target: { type: "campaign", id: campaignId },
      details: { campaignId, ...details },
      ...(call.ip ? { ip: call.ip } : {}),
    },
    { tx },
  );
}

function changed(call: CampaignCall, campaignId: string, { kick = false }: { kick?: boolean } = {}) {
  call.deps.events.emit({ type: "campaign.updated", workspaceId: call.ctx.workspaceId, campaignId });
  if (kick) call.deps.kick.campaigns?.();
}

/** The CSV columns a mapping reads, and those it reads without a fallback (every row needs a value there). */
function csvColumnsOf(mapping: TemplateMapping): { all: string[]; required: string[] } {
  const sources = Object.values(mapping).filter((s) => s.source === "csv");
  return {
    all: sources.map((s) => s.column),
    required: sources.filter((s) => !s.fallback?.trim()).map((s) => s.column),
  };
}

/**
 * Checks a mapping against the template it fills: every key is one of the template's variables, each source fits
 * its variable (media for a media header, text otherwise), CSV columns only for a CSV audience (and, once a file is
 * uploaded, only its columns), stored media of this workspace.
 */
async function checkMapping(
  deps: CampaignDeps,
  db: DbOrTx,
  workspaceId: string,
  { template, mapping, audience }: { template: MessageTemplateRow; mapping: TemplateMapping; audience: StoredAudience },
): Promise<TemplateVariable[]> {
  const variables = variablesOf(template);
  const byKey = new Map(variables.map((v) => [v.key, v]));
  for (const [key, source] of Object.entries(mapping)) {
    const field = `mapping.${key}`;
    const variable = byKey.get(key);
    if (!variable)
      throw invalid(
        field,
        `not a variable of the template ${template.name} (it has: ${variables.map((v) => v.key).join(", ") || "none"})`,
        {
          variables: variables.map((v) => v.key),
        },
      );
    const media = source.source === "media" || source.source === "link";
    if (MEDIA_KINDS.has(variable.kind) !== media)
      throw invalid(field, media ? "a media source only fills a media header" : `the ${variable.kind} header needs a media or link source`);
    if (source.source === "csv") {
      if (audience.kind !== "csv") throw invalid(field, "CSV columns can only fill a campaign whose audience is a CSV upload");
      const known = [...audience.columns, ...(audience.nameColumn ? [audience.nameColumn] : [])];
      if (audience.columns.length > 0 && !known.includes(source.column))
        throw invalid(field, `the uploaded file has no column "${source.column}" (it has: ${known.join(", ")})`);
    }
    if (source.source === "media" && !(await repoOf(deps, db).mediaExists(workspaceId, source.mediaId)))
      throw invalid(field, `no media ${source.mediaId} (upload it with POST /api/v1/media)`);
  }
  return variables;
}

const storedAudienceOf = (input: AudienceInput, previous?: StoredAudience): StoredAudience => {
  if (input.kind === "filter") return { kind: "filter", tags: input.tags, anyTags: input.anyTags, attributes: input.attributes };
  if (previous?.kind === "csv") return previous;
  return { kind: "csv", columns: [], nameColumn: null, consentColumn: null, rejected: {} };
};

async function channelFor(deps: CampaignDeps, db: DbOrTx, workspaceId: string, channelId: string) {
  const channel = await repoOf(deps, db).channel(workspaceId, channelId);
  if (!channel)
    throw new AppError({
      code: "channels.not_found",
      status: 404,
      message: `channelId: no channel ${channelId}`,
      details: { field: "channelId" },
    });
  return channel;
}

const checkRate = (rate: number, channel: { sendRatePerSecond: number }) => {
  if (rate > channel.sendRatePerSecond)
    throw invalid("ratePerSecond", `at most ${channel.sendRatePerSecond} messages per second on this number`, {
      max: channel.sendRatePerSecond,
    });
};

const templateFields = (t: MessageTemplateRow) => ({
  templateId: t.id,
  templateName: t.name,
  templateLanguage: t.language,
  templateCategory: t.category,
});

export async function createCampaign(call: CampaignCall, body: CreateCampaignBody): Promise<Campaign> {
  const { deps, ctx } = call;
  const ws = ctx.workspaceId;
  const channel = await channelFor(deps, deps.database.db, ws, body.channelId);
  const template = await repoOf(deps).template(ws, body.templateId, channel.wabaId);
  if (!template) throw templateNotFound(body.templateId);
  const audience = storedAudienceOf(body.audience);
  await checkMapping(deps, deps.database.db, ws, { template, mapping: body.mapping, audience });
  const rate = body.ratePerSecond ?? Math.min(DEFAULT_RATE_PER_SECOND, channel.sendRatePerSecond);
  checkRate(rate, channel);
  const created = await repoOf(deps).insert(
    ws,
    {
      channelId: channel.id,
      name: body.name,
      ...templateFields(template),
      mapping: body.mapping,
      audience,
      startAt: body.startAt ? new Date(body.startAt) : null,
      ratePerSecond: rate,
      budgetCapMicros: body.budgetCap === undefined || body.budgetCap === null ? null : toMicros(body.budgetCap),
      currency: PRICING_CURRENCY,
      createdByUserId: ctx.actor.type === "user" ? ctx.actor.userId : null,
    },
    deps.clock.now(),
  );
  await audit(call, "campaign.created", created.id, { templateId: template.id, channelId: channel.id, audienceKind: audience.kind });
  changed(call, created.id);
  return created;
}

export async function getCampaign(
  deps: CampaignDeps,
  workspaceId: string,
  id: string,
): Promise<{ campaign: Campaign; counts: RecipientCounts }> {
  const repo = repoOf(deps);
  const campaign = await repo.get(workspaceId, id);
  if (!campaign) throw notFound("campaigns", id);
  const counts = (await repo.counts(workspaceId, [id])).get(id);
  if (!counts) throw new Error("counts missing");
  return { campaign, counts };
}

const ONLY_IN_DRAFT = ["channelId", "templateId", "mapping", "audience"] as const;

/** Changes a draft (anything) or a scheduled campaign (name, start, rate, budget: its recipients are fixed). */
export async function updateCampaign(call: CampaignCall, id: string, body: UpdateCampaignBody): Promise<Campaign> {
  const { deps, ctx } = call;
  const ws = ctx.workspaceId;
  const fields = Object.keys(body).filter((k) => body[k as keyof UpdateCampaignBody] !== undefined);
  const updated = await deps.database.db.transaction(async (tx) => {
    const repo = repoOf(deps, tx);
    const campaign = await repo.get(ws, id, { lock: true });
    if (!campaign) throw notFound("campaigns", id);
    if (SENDING.includes(campaign.status)) {
      const field = fields.find((f) => !(ALLOWED_WHILE_SENDING as readonly string[]).includes(f));
      if (field) throw notEditable(campaign, field);
    } else if (!EDITABLE.includes(campaign.status)) throw notEditable(campaign);
    if (campaign.status !== "draft") {
      const field = ONLY_IN_DRAFT.find((f) => body[f] !== undefined);
      if (field) throw notEditable(campaign, field);
    }
    const changes: CampaignChanges = {};
    const channelId = body.channelId ?? campaign.channelId;
    const channel = await channelFor(deps, tx, ws, channelId);
    if (body.channelId || body.templateId || body.mapping || body.audience) {
      const templateId = body.templateId ?? campaign.templateId;
      const template = templateId ? await repo.template(ws, templateId, channel.wabaId) : undefined;
      if (!template) throw templateNotFound(templateId ?? "(deleted)");
      const audience = body.audience ? storedAudienceOf(body.audience, campaign.audience) : campaign.audience;
      const mapping = body.mapping ?? campaign.mapping;
      await checkMapping(deps, tx, ws, { template, mapping, audience });
      if (audience.kind !== campaign.audience.kind && campaign.audience.kind === "csv") await repo.deleteRecipients(ws, id);
      Object.assign(changes, { channelId, ...templateFields(template), mapping, audience, estimate: null });
    }
    if (body.name !== undefined) changes.name = body.name;
    if (body.startAt !== undefined) {
      changes.startAt = body.startAt ? new Date(body.startAt) : null;
      // A scheduled campaign told to start now (no start, or one already past) runs at once.
      if (campaign.status === "scheduled" && (!changes.startAt || changes.startAt <= deps.clock.now())) changes.status = "running";
    }
    if (body.ratePerSecond !== undefined || body.channelId !== undefined) {
      const rate = body.ratePerSecond ?? Math.min(campaign.ratePerSecond, channel.sendRatePerSecond);
      checkRate(rate, channel);
      changes.ratePerSecond = rate;
    }
    if (body.budgetCap !== undefined) {
      changes.budgetCapMicros = body.budgetCap === null ? null : toMicros(body.budgetCap);
      if (campaign.status === "draft") changes.estimate = null;
    }
    const saved = await repo.update(ws, id, changes, { from: [campaign.status], at: deps.clock.now() });
    if (!saved) throw notEditable(campaign);
    await audit(call, "campaign.updated", id, { fields }, tx);
    return saved;
  });
  changed(call, id);
  return updated;
}

export async function deleteCampaign(call: CampaignCall, id: string): Promise<void> {
  const { deps, ctx } = call;
  const repo = repoOf(deps);
  if (!(await repo.delete(ctx.workspaceId, id, { from: ["draft"] }))) {
    const campaign = await repo.get(ctx.workspaceId, id);
    if (!campaign) throw notFound("campaigns", id);
    throw notEditable(campaign);
  }
  await audit(call, "campaign.deleted", id, {});
  changed(call, id);
}

export interface CsvUploadResult {
  accepted: number;
  rejected: number;
  errors: ReturnType<typeof parseAudienceCsv>["errors"];
  columns: string[];
}

/** Replaces a draft CSV campaign's recipients with the rows of `text` that pass; reports the others row by row. */
export async function uploadCsvAudience(call: CampaignCall, id: string, text: string): Promise<CsvUploadResult> {
  const { deps, ctx } = call;
  const ws = ctx.workspaceId;
  const before = await repoOf(deps).get(ws, id);
  if (!before) throw notFound("campaigns", id);
  if (before.status !== "draft") throw notEditable(before);
  if (before.audience.kind !== "csv")
    throw invalid("audience.kind", "the campaign's audience is a contact filter: set audience { kind: csv } first");
  const columns = csvColumnsOf(before.mapping);
  const parsed = parseAudienceCsv(text, { requiredColumns: columns.required });
  const known = [...parsed.columns, ...(parsed.nameColumn ? [parsed.nameColumn] : [])];
  const absent = columns.all.find((c) => !known.includes(c));
  if (absent !== undefined)
    throw new AppError({
      code: "campaigns.csv_invalid",
      status: 422,
      message: `csv: the mapping reads the column "${absent}", which the file does not have (it has: ${known.join(", ")})`,
      details: { field: absent, columns: known },
    });
  const rejected: Record<string, number> = {};
  for (const e of parsed.errors) rejected[e.code] = (rejected[e.code] ?? 0) + 1;
  const recipients: NewRecipient[] = parsed.rows.map((row) => ({
    contactId: null,
    waIdBidx: deps.cipher.blindIndex({ workspaceId: ws, purpose: "wa_id", value: row.phone.digits }),
    phone: row.phone.e164,
    cells: row.cells,
    rowNumber: row.rowNumber,
    country: row.phone.country,
    status: "pending",
  }));
  await deps.database.db.transaction(async (tx) => {
    const repo = repoOf(deps, tx);
    const campaign = await repo.get(ws, id, { lock: true });
    if (!campaign) throw notFound("campaigns", id);
    if (campaign.status !== "draft" || campaign.audience.kind !== "csv") throw notEditable(campaign);
    await repo.deleteRecipients(ws, id);
    const now = deps.clock.now();
    await repo.insertRecipients(ws, id, recipients, now);
    const audience: StoredAudience = {
      kind: "csv",
      columns: parsed.columns,
      nameColumn: parsed.nameColumn,
      consentColumn: parsed.consentColumn,
      rejected,
    };
    await repo.update(ws, id, { audience, estimate: null }, { from: ["draft"], at: now });
    await audit(call, "campaign.audience_uploaded", id, { accepted: parsed.rows.length, rejected: parsed.errors.length }, tx);
  });
  changed(call, id);
  return {
    accepted: parsed.rows.length,
    rejected: parsed.errors.length,
    errors: parsed.errors.slice(0, CSV_MAX_ERRORS),
    columns: parsed.columns,
  };
}

/** The campaign's template as synced (undefined when it was deleted at Meta). */
async function syncedTemplate(deps: CampaignDeps, db: DbOrTx, campaign: Campaign): Promise<MessageTemplateRow | undefined> {
  return campaign.templateId ? repoOf(deps, db).template(campaign.workspaceId, campaign.templateId) : undefined;
}

/** Audience → decisions → estimate, read through `db` (the launch's transaction, or the pool). */
async function evaluate(deps: CampaignDeps, db: DbOrTx, campaign: Campaign, template: MessageTemplateRow) {
  const variables = variablesOf(template);
  const members = await resolveAudience(db, deps.cipher, campaign);
  const decisions = decide(members, { template, mapping: campaign.mapping, variables });
  const channel = await repoOf(deps, db).channel(campaign.workspaceId, campaign.channelId);
  const estimate = buildEstimate({
    decisions,
    template,
    prices: await loadPriceTable(db, campaign.workspaceId),
    uploadRejected: campaign.audience.kind === "csv" ? campaign.audience.rejected : {},
    budgetCapMicros: campaign.budgetCapMicros,
    currency: campaign.currency,
    messagingLimitTier: channel?.messagingLimitTier ?? null,
    at: deps.clock.now(),
  });
  return { decisions, estimate, variables };
}

/** The estimate without the rendered samples (they hold names): what the campaign keeps. */
const storable = ({ sample: _sample, ...stored }: EstimateDto): StoredEstimate => stored;

/** Counts who would be messaged and what it would cost, now; kept on the campaign as its latest estimate. */
export async function estimateCampaign(call: CampaignCall, id: string): Promise<EstimateDto> {
  const { deps, ctx } = call;
  const ws = ctx.workspaceId;
  const campaign = await repoOf(deps).get(ws, id);
  if (!campaign) throw notFound("campaigns", id);
  if (campaign.status !== "draft") throw notEditable(campaign);
  const template = await syncedTemplate(deps, deps.database.db, campaign);
  if (!template) throw templateNotFound(campaign.templateId ?? "(deleted)");
  const { estimate } = await evaluate(deps, deps.database.db, campaign, template);
  await repoOf(deps).update(ws, id, { estimate: storable(estimate) }, { from: ["draft"], at: deps.clock.now() });
  return estimate;
}

/**
 * A filter campaign's recipient rows: one per contact of the audience. Excluded ones are kept as skipped with their
 * reason (the report shows them); as `wa_id_bidx` is unique per campaign, a row without a number of its own (no
 * WhatsApp number, or the number of an earlier contact) gets a key that is not an index of any number.
 */
function filterRecipients(deps: CampaignDeps, workspaceId: string, decisions: readonly Decision[]): NewRecipient[] {
  return decisions.map(({ member, reason }) => {
    const own = member.digits && reason !== "duplicate";
    return {
      contactId: member.contactId,
      waIdBidx: own
        ? deps.cipher.blindIndex({ workspaceId, purpose: "wa_id", value: member.digits ?? "" })
        : `${reason}:${member.contactId}`,
      country: member.country,
      status: reason === null ? "pending" : "skipped",
      skipReason: reason,
    };
  });
}

/**
 * A CSV campaign's rows at launch: each recipient gets its contact (found by number, or created with the CSV's name),
 * and a row saying yes to marketing records that consent (source `import`) unless the person has withdrawn it;
 * excluded rows are skipped with their reason (no contact is created for them).
 */
async function settleCsv(call: CampaignCall, tx: DbOrTx, campaign: Campaign, decisions: readonly Decision[]) {
  const { deps, ctx } = call;
  const ws = ctx.workspaceId;
  const contactsRepo = createContactsRepo({ db: tx, cipher: deps.cipher });
  const consents = createConsentRepo({ db: tx, cipher: deps.cipher });
  const now = deps.clock.now();
  const actor =
    ctx.actor.type === "user" ? { type: "user" as const, userId: ctx.actor.userId } : { type: "system" as const, name: ctx.actor.name };
  let contactsCreated = 0;
  let consentsRecorded = 0;
  const settled: Array<{ id: string; contactId: string | null; skipReason: string | null }> = [];
  for (const { member, reason } of decisions) {
    if (!member.recipientId) continue;
    if (reason !== null || !member.digits) {
      settled.push({ id: member.recipientId, contactId: member.contactId, skipReason: reason ?? "no_whatsapp_id" });
      continue;
    }
    let contactId = member.contactId;
    if (!contactId) {
      const fields = { phone: `+${member.digits}`, waId: member.digits, name: member.contact.name ?? null };
      const contact = (await contactsRepo.insertIfAbsent(ws, fields)) ?? (await contactsRepo.findByPhone(ws, member.digits));
      if (!contact) throw new Error("a campaign contact could not be found or created");
      contactId = contact.id;
      contactsCreated++;
    }
    if (member.csvConsent && member.marketing === "no_consent") {
      await consents.record(ws, {
        contactId,
        purpose: "marketing",
        state: "granted",
        source: "import",
        evidence: `campaign ${campaign.id} CSV row ${member.rowNumber ?? "?"}`,
        actor,
        at: now,
      });
      consentsRecorded++;
    }
    settled.push({ id: member.recipientId, contactId, skipReason: null });
  }
  await repoOf(deps, tx).settleCsvRecipients(ws, campaign.id, settled);
  return { contactsCreated, consentsRecorded };
}

/**
 * Fixes the audience and starts the campaign, in one transaction: the template must be approved and fully mapped,
 * someone must be left to message; recipients are materialised (pending, or skipped with a reason), then the campaign
 * is `running` (or `scheduled` for a future start) with its final estimate.
 */
export async function launchCampaign(call: CampaignCall, id: string): Promise<Campaign> {
  const { deps, ctx } = call;
  const ws = ctx.workspaceId;
  const launched = await deps.database.db.transaction(async (tx) => {
    const repo = repoOf(deps, tx);
    const campaign = await repo.get(ws, id, { lock: true });
    if (!campaign) throw notFound("campaigns", id);
    if (campaign.status !== "draft") throw invalidTransition(campaign, "launched");
    const template = await syncedTemplate(deps, tx, campaign);
    if (template?.status !== "APPROVED")
      throw new AppError({
        code: "campaigns.template_not_approved",
        status: 422,
        message: `The template ${campaign.templateName} is ${template?.status ?? "no longer at Meta"}: only APPROVED templates can be sent`,
        details: { templateId: campaign.templateId, status: template?.status ?? null },
      });
    const { decisions, estimate, variables } = await evaluate(deps, tx, campaign, template);
    const unmapped = variables.filter((v) => !v.optional && !campaign.mapping[v.key]).map((v) => v.key);
    if (unmapped.length > 0)
      throw new AppError({
        code: "campaigns.mapping_incomplete",
        status: 422,
        message: `mapping: no source for ${unmapped.join(", ")}`,
        details: { field: "mapping", keys: unmapped },
      });
    if (estimate.recipients === 0)
      throw new AppError({
        code: "campaigns.no_recipients",
        status: 422,
        message: "Nobody in the audience can receive this campaign (see the estimate's exclusions)",
        details: { excluded: estimate.excluded },
      });
    let created = { contactsCreated: 0, consentsRecorded: 0 };
    if (campaign.audience.kind === "filter") await repo.insertRecipients(ws, id, filterRecipients(deps, ws, decisions), deps.clock.now());
    else created = await settleCsv(call, tx, campaign, decisions);
    const now = deps.clock.now();
    const status: CampaignStatus = campaign.startAt && campaign.startAt > now ? "scheduled" : "running";
    const saved = await repo.update(
      ws,
      id,
      // The template's name and category as Meta has them now (Meta may recategorise a template after approval).
      { status, launchedAt: now, estimate: storable(estimate), pausedReason: null, ...templateFields(template) },
      { from: ["draft"], at: now },
    );
    if (!saved) throw invalidTransition(campaign, "launched");
    await audit(
      call,
      "campaign.launched",
      id,
      {
        status,
        recipients: estimate.recipients,
        skipped: decisions.length - estimate.recipients,
        contactsCreated: created.contactsCreated,
        consentsRecorded: created.consentsRecorded,
      },
      tx,
    );
    return saved;
  });
  changed(call, id, { kick: true });
  return launched;
}

/** A state change that only needs the current status to allow it (checked in the UPDATE, race-free). */
async function transition(
  call: CampaignCall,
  id: string,
  {
    from,
    to,
    action,
    changes,
  }: { from: readonly CampaignStatus[]; to: string; action: AuditAction; changes: (c: Campaign) => CampaignChanges },
): Promise<Campaign> {
  const { deps, ctx } = call;
  const ws = ctx.workspaceId;
  const result = await deps.database.db.transaction(async (tx) => {
    const repo = repoOf(deps, tx);
    const campaign = await repo.get(ws, id, { lock: true });
    if (!campaign) throw notFound("campaigns", id);
    if (!from.includes(campaign.status)) throw invalidTransition(campaign, to);
    const saved = await repo.update(ws, id, changes(campaign), { from, at: deps.clock.now() });
    if (!saved) throw invalidTransition(campaign, to);
    const cancelled = saved.status === "cancelled" ? await repo.cancelPending(ws, id) : 0;
    await audit(call, action, id, { from: campaign.status, to: saved.status, ...(saved.status === "cancelled" ? { cancelled } : {}) }, tx);
    return saved;
  });
  changed(call, id, { kick: result.status === "running" });
  return result;
}

export const pauseCampaign = (call: CampaignCall, id: string) =>
  transition(call, id, {
    from: ["running", "scheduled"],
    to: "paused",
    action: "campaign.paused",
    changes: () => ({ status: "paused", pausedReason: "manual" }),
  });

/** Back to sending, or to waiting when its start is still ahead; whatever paused it (a person, the budget…) is cleared. */
export const resumeCampaign = (call: CampaignCall, id: string) =>
  transition(call, id, {
    from: ["paused"],
    to: "resumed",
    action: "campaign.resumed",
    changes: (c) => ({
      status: c.startAt && c.startAt > call.deps.clock.now() ? "scheduled" : "running",
      pausedReason: null,
      throttledUntil: null,
    }),
  });

/**
 * Stops the campaign for good: recipients not messaged yet become `cancelled`. Messages already queued are left to
 * the send worker, which drops a cancelled campaign's queued messages (failed, `papo.campaign_cancelled`) instead of
 * sending them; one already handed to Meta cannot be called back.
 */
export const cancelCampaign = (call: CampaignCall, id: string) =>
  transition(call, id, {
    from: ["draft", "scheduled", "running", "paused"],
    to: "cancelled",
    action: "campaign.cancelled",
    changes: () => ({ status: "cancelled", cancelledAt: call.deps.clock.now() }),
  });
