import { bindTemplate, type TemplateSendBody } from "../templates/bind.ts";
import type { TemplateMapping, TemplateVariable } from "../templates/mapping.ts";
import { componentOf, type TemplateShape } from "../templates/variables.ts";
import type { AudienceMember } from "./audience.ts";
import { limitOfTier } from "./messaging-limit.ts";
import type { PriceLookup } from "./pricing.ts";
import { fromMicros } from "./pricing-defaults.ts";
import type { EstimateDto, ExclusionReason } from "./schemas.ts";

export interface EstimateTemplate extends TemplateShape {
  name: string;
  language: string;
  category: string;
}

/** One member's fate: messaged (with the body it would get), or excluded and why. */
export type Decision =
  | { member: AudienceMember; reason: ExclusionReason; body?: undefined }
  | { member: AudienceMember; reason: null; body: TemplateSendBody };

const SAMPLE_SIZE = 3;

/**
 * Who of the audience gets the message, in this order of reasons: no WhatsApp number; a number already taken by an
 * earlier member; for MARKETING templates, a withdrawn consent (opted out) or none given (a CSV row saying yes counts
 * as given, unless the person withdrew before); a variable the mapping cannot fill for them.
 */
export function decide(
  members: readonly AudienceMember[],
  { template, mapping, variables }: { template: EstimateTemplate; mapping: TemplateMapping; variables: readonly TemplateVariable[] },
): Decision[] {
  const marketing = template.category.toUpperCase() === "MARKETING";
  const seen = new Set<string>();
  return members.map((member): Decision => {
    if (!member.digits) return { member, reason: "no_whatsapp_id" };
    if (seen.has(member.digits)) return { member, reason: "duplicate" };
    seen.add(member.digits);
    if (marketing) {
      if (member.marketing === "opted_out") return { member, reason: "opted_out" };
      if (member.marketing === "no_consent" && !member.csvConsent) return { member, reason: "no_marketing_consent" };
    }
    const bound = bindTemplate({ template, mapping, contact: member.contact, variables, ...(member.row ? { row: member.row } : {}) });
    return bound.ok ? { member, reason: null, body: bound.body } : { member, reason: "missing_variables" };
  });
}

/** CSV rows refused at upload, counted under the estimate's reasons so that recipients + excluded = audience. */
const UPLOAD_REASONS: Record<string, ExclusionReason> = {
  invalid_number: "invalid_number",
  missing_phone: "invalid_number",
  too_many_columns: "invalid_number",
  duplicate: "duplicate",
  missing_value: "missing_variables",
};

const parameterText = (parameter: unknown): string | undefined => {
  if (typeof parameter === "string") return parameter;
  if (typeof parameter !== "object" || parameter === null) return undefined;
  const p = parameter as { text?: unknown; fallbackValue?: unknown };
  if (typeof p.text === "string") return p.text;
  if (typeof p.fallbackValue === "string") return p.fallbackValue;
  return undefined;
};

/** The template's body text as the recipient would read it (positional {{1}} or named {{first_name}} filled). */
export function renderBody(template: TemplateShape, body: TemplateSendBody): string {
  const text = componentOf(template, "BODY")?.text;
  if (typeof text !== "string") return "";
  const parameters = body.components?.find((c) => c.type === "body");
  const list = parameters && "parameters" in parameters ? parameters.parameters : [];
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const parameter = /^[0-9]+$/.test(name)
      ? list[Number(name) - 1]
      : list.find((p) => typeof p === "object" && p !== null && "parameterName" in p && p.parameterName === name);
    return parameterText(parameter) ?? whole;
  });
}

/**
 * The pre-launch estimate from the decisions: counts by reason, the list-price cost of the recipients by country
 * (recipients in a market without a price are counted apart, not guessed), the budget check and the number's
 * messaging limit, and up to three rendered messages.
 */
export function buildEstimate({
  decisions,
  template,
  prices,
  uploadRejected = {},
  budgetCapMicros,
  currency,
  messagingLimitTier,
  at,
}: {
  decisions: readonly Decision[];
  template: EstimateTemplate;
  prices: PriceLookup;
  uploadRejected?: Record<string, number>;
  budgetCapMicros: number | null;
  currency: string;
  messagingLimitTier: string | null;
  at: Date;
}): EstimateDto {
  const excluded: Record<ExclusionReason, number> = {
    no_marketing_consent: 0,
    opted_out: 0,
    duplicate: 0,
    invalid_number: 0,
    no_whatsapp_id: 0,
    missing_variables: 0,
  };
  let rejectedAtUpload = 0;
  for (const [code, count] of Object.entries(uploadRejected)) {
    const reason = UPLOAD_REASONS[code];
    if (!reason) continue;
    excluded[reason] += count;
    rejectedAtUpload += count;
  }
  const groups = new Map<string, { country: string; category: string; count: number; unitMicros: number }>();
  let totalMicros = 0;
  let unpriced = 0;
  let recipients = 0;
  const sample: EstimateDto["sample"] = [];
  const category = template.category.toUpperCase();
  for (const decision of decisions) {
    if (decision.reason !== null) {
      excluded[decision.reason]++;
      continue;
    }
    recipients++;
    if (sample.length < SAMPLE_SIZE)
      sample.push({ contactName: decision.member.contact.name ?? null, body: renderBody(template, decision.body) });
    const price = prices(decision.member.country, category);
    if (!price) {
      unpriced++;
      continue;
    }
    const country = decision.member.country ?? "*";
    const key = `${country}|${price.priceMicros}`;
    const group = groups.get(key) ?? { country, category, count: 0, unitMicros: price.priceMicros };
    group.count++;
    groups.set(key, group);
    totalMicros += price.priceMicros;
  }
  const limit = limitOfTier(messagingLimitTier);
  return {
    estimatedAt: at.toISOString(),
    audience: decisions.length + rejectedAtUpload,
    recipients,
    excluded,
    cost: {
      currency,
      total: fromMicros(totalMicros),
      byCountry: [...groups.values()]
        .sort((a, b) => b.count - a.count || a.country.localeCompare(b.country))
        .map((g) => ({
          country: g.country,
          category: g.category,
          count: g.count,
          unitPrice: fromMicros(g.unitMicros),
          subtotal: fromMicros(g.unitMicros * g.count),
        })),
      unpriced,
    },
    budgetCap: budgetCapMicros === null ? null : fromMicros(budgetCapMicros),
    withinBudget: budgetCapMicros === null || totalMicros <= budgetCapMicros,
    messagingLimit: { tier: messagingLimitTier, limit: Number.isFinite(limit) ? limit : null },
    sample,
  };
}
