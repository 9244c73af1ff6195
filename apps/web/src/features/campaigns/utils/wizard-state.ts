import type { Audience, Campaign, TemplateMapping } from "../api/types.ts";
import { browserTimeZone, isoToZoned } from "./time-zone.ts";

/** What the wizard's form holds between steps; saved into the draft on every "Next". */
export interface WizardState {
  name: string;
  channelId: string;
  templateId: string;
  mapping: TemplateMapping;
  audienceKind: "filter" | "csv";
  /** Comma-separated, as typed. */
  allTags: string;
  anyTags: string;
  attributes: Array<{ key: string; value: string }>;
  /** CSV columns known from the last upload. */
  csvColumns: string[];
  /** Recipients accepted by the last upload (null: none this session). */
  csvAccepted: number | null;
  startMode: "now" | "later";
  /** Wall-clock time in the workspace's zone (datetime-local format). */
  startLocal: string;
  rate: number;
  /** As typed; empty means no cap. */
  budgetCap: string;
}

export const DEFAULT_RATE = 20;

export function emptyWizard(): WizardState {
  return {
    name: "",
    channelId: "",
    templateId: "",
    mapping: {},
    audienceKind: "filter",
    allTags: "",
    anyTags: "",
    attributes: [],
    csvColumns: [],
    csvAccepted: null,
    startMode: "now",
    startLocal: "",
    rate: DEFAULT_RATE,
    budgetCap: "",
  };
}

/** The form for a saved draft, so a draft reopened from the list picks up where it was left. */
export function wizardFromCampaign(campaign: Campaign, timeZone: string | null): WizardState {
  const audience = campaign.audience;
  const mapped = Object.values(campaign.mapping).flatMap((s) => (s.source === "csv" ? [s.column] : []));
  const csvColumns = audience.kind === "csv" && audience.columns?.length ? audience.columns : mapped;
  return {
    ...emptyWizard(),
    name: campaign.name,
    channelId: campaign.channelId,
    templateId: campaign.template.id ?? "",
    mapping: campaign.mapping,
    audienceKind: audience.kind,
    allTags: audience.kind === "filter" ? (audience.tags ?? []).join(", ") : "",
    anyTags: audience.kind === "filter" ? (audience.anyTags ?? []).join(", ") : "",
    attributes: audience.kind === "filter" ? Object.entries(audience.attributes ?? {}).map(([key, value]) => ({ key, value })) : [],
    csvColumns,
    csvAccepted: audience.kind === "csv" && campaign.counts.recipients > 0 ? campaign.counts.recipients : null,
    startMode: campaign.startAt ? "later" : "now",
    startLocal: campaign.startAt ? isoToZoned(campaign.startAt, timeZone ?? browserTimeZone()) : "",
    rate: campaign.ratePerSecond,
    budgetCap: campaign.budgetCap === null ? "" : String(campaign.budgetCap),
  };
}

export const splitTags = (text: string): string[] => [
  ...new Set(
    text
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** The audience as the API takes it. */
export function audienceOf(state: WizardState): Audience {
  if (state.audienceKind === "csv") return { kind: "csv" };
  const tags = splitTags(state.allTags);
  const anyTags = splitTags(state.anyTags);
  const attributes = Object.fromEntries(
    state.attributes.filter((a) => a.key.trim() && a.value.trim()).map((a) => [a.key.trim(), a.value.trim()]),
  );
  return {
    kind: "filter",
    ...(tags.length ? { tags } : {}),
    ...(anyTags.length ? { anyTags } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
}

/** The budget cap typed, as a number; undefined when it is not a valid amount. */
export function parseBudget(text: string): number | null | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
