import { and, asc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { contactConsents } from "../../db/schema/contact-consents.ts";
import { contacts } from "../../db/schema/contacts.ts";
import { type Contact, createContactsRepo, phoneDigits } from "../contacts/repo.ts";
import type { BindContact } from "../templates/bind.ts";
import { isYes } from "./csv.ts";
import { countryOfDigits } from "./phone.ts";
import { type Campaign, createCampaignsRepo, type StoredAudience } from "./repo.ts";

/** Where a person stands for marketing, decided like `canReceiveMarketing` (modules/consent/service.ts). */
export type MarketingStanding = "allowed" | "opted_out" | "no_consent";

/** One person the audience names, with what the estimate and the launch decide on. */
export interface AudienceMember {
  /** The contact (filter audience) or the stored CSV row (CSV audience). */
  contactId: string | null;
  recipientId: string | null;
  rowNumber: number | null;
  /** The WhatsApp number in digits, or null when the contact has none. */
  digits: string | null;
  country: string | null;
  /** What a mapping reads of the person. */
  contact: BindContact;
  /** The CSV row's cells (header text → value). */
  row?: Record<string, string>;
  marketing: MarketingStanding;
  /** The CSV row says the person agreed to marketing. */
  csvConsent: boolean;
}

const CHUNK = 5000;

const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Marketing standing of many contacts at once, by the rule of `canReceiveMarketing`: allowed when the marketing
 * consent is granted and consent to being contacted (service) was not withdrawn; opted out when either was withdrawn;
 * otherwise never asked (unknown is no).
 */
export async function marketingStandings(
  db: DbOrTx,
  workspaceId: string,
  contactIds: readonly string[],
): Promise<Map<string, MarketingStanding>> {
  const states = new Map<string, { service?: string; marketing?: string }>();
  for (const ids of chunks([...new Set(contactIds)])) {
    const rows = await db
      .select({ contactId: contactConsents.contactId, purpose: contactConsents.purpose, state: contactConsents.state })
      .from(contactConsents)
      .where(and(eq(contactConsents.workspaceId, workspaceId), inArray(contactConsents.contactId, ids)));
    for (const row of rows) states.set(row.contactId, { ...states.get(row.contactId), [row.purpose]: row.state });
  }
  const out = new Map<string, MarketingStanding>();
  for (const id of contactIds) {
    const s = states.get(id) ?? {};
    out.set(
      id,
      s.marketing === "withdrawn" || s.service === "withdrawn" ? "opted_out" : s.marketing === "granted" ? "allowed" : "no_consent",
    );
  }
  return out;
}

const emailOf = (attributes: Record<string, unknown>): string | null => {
  const email = attributes.email ?? attributes["e-mail"];
  return typeof email === "string" ? email : null;
};

const bindContactOf = (c: Contact | undefined, fallbackName: string | null, phone: string | null): BindContact => ({
  name: fallbackName ?? c?.name ?? null,
  phone: phone ?? c?.phone ?? null,
  email: c ? emailOf(c.attributes) : null,
  attributes: c?.attributes ?? {},
});

async function loadContacts(db: DbOrTx, cipher: FieldCipher, workspaceId: string, ids: readonly string[]): Promise<Map<string, Contact>> {
  const repo = createContactsRepo({ db, cipher });
  const out = new Map<string, Contact>();
  for (const part of chunks(ids)) for (const [id, contact] of await repo.getMany(workspaceId, part)) out.set(id, contact);
  return out;
}

/**
 * The contacts a filter names, oldest first: every tag of `tags`, at least one of `anyTags`, and each attribute equal
 * to its value. Tags are plain (filtered by the database); attributes are encrypted, so they are compared here.
 */
async function filterMembers(
  db: DbOrTx,
  cipher: FieldCipher,
  workspaceId: string,
  filter: Extract<StoredAudience, { kind: "filter" }>,
): Promise<AudienceMember[]> {
  const conditions: Array<SQL | undefined> = [eq(contacts.workspaceId, workspaceId), isNull(contacts.erasedAt)];
  if (filter.tags?.length) conditions.push(sql`${contacts.tags} @> ${JSON.stringify(filter.tags)}::jsonb`);
  if (filter.anyTags?.length) conditions.push(or(...filter.anyTags.map((tag) => sql`${contacts.tags} @> ${JSON.stringify([tag])}::jsonb`)));
  const ids = (
    await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(...conditions))
      .orderBy(asc(contacts.createdAt), asc(contacts.id))
  ).map((r) => r.id);
  const loaded = await loadContacts(db, cipher, workspaceId, ids);
  const wanted = Object.entries(filter.attributes ?? {});
  const matching = ids
    .map((id) => loaded.get(id))
    .filter((c): c is Contact => c !== undefined)
    .filter((c) => wanted.every(([name, value]) => scalarText(c.attributes[name]) === value));
  const standings = await marketingStandings(
    db,
    workspaceId,
    matching.map((c) => c.id),
  );
  return matching.map((c) => {
    const digits = c.waId ? phoneDigits(c.waId) : c.phone ? phoneDigits(c.phone) : "";
    return {
      contactId: c.id,
      recipientId: null,
      rowNumber: null,
      digits: digits || null,
      country: digits ? countryOfDigits(digits) : null,
      contact: bindContactOf(c, null, null),
      marketing: standings.get(c.id) ?? "no_consent",
      csvConsent: false,
    };
  });
}

const scalarText = (value: unknown): string | undefined =>
  typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;

/**
 * The stored CSV rows, each matched with the existing contact of its number (by wa_id or phone blind index) for its
 * consent and its contact fields; the CSV's name wins over the contact's.
 */
async function csvMembers(
  db: DbOrTx,
  cipher: FieldCipher,
  campaign: Campaign,
  audience: Extract<StoredAudience, { kind: "csv" }>,
): Promise<AudienceMember[]> {
  const ws = campaign.workspaceId;
  const rows = await createCampaignsRepo({ db, cipher }).csvRecipients(ws, campaign.id);
  const byIndex = await contactsByNumber(
    db,
    cipher,
    ws,
    rows.map((r) => r.digits),
  );
  const standings = await marketingStandings(db, ws, [...new Set([...byIndex.values()].map((c) => c.id))]);
  return rows.map((r) => {
    const contact = byIndex.get(r.digits);
    const name = audience.nameColumn ? r.cells[audience.nameColumn] || null : null;
    return {
      contactId: contact?.id ?? r.contactId,
      recipientId: r.id,
      rowNumber: r.rowNumber,
      digits: r.digits,
      country: r.country,
      contact: bindContactOf(contact, name, `+${r.digits}`),
      row: r.cells,
      marketing: contact ? (standings.get(contact.id) ?? "no_consent") : "no_consent",
      csvConsent: audience.consentColumn ? isYes(r.cells[audience.consentColumn] ?? "") : false,
    };
  });
}

/** Existing contacts by number (digits → contact), found through the wa_id and phone blind indexes. */
export async function contactsByNumber(
  db: DbOrTx,
  cipher: FieldCipher,
  workspaceId: string,
  numbers: readonly string[],
): Promise<Map<string, Contact>> {
  const out = new Map<string, Contact>();
  const byWaIndex = new Map<string, string>();
  const byPhoneIndex = new Map<string, string>();
  for (const digits of new Set(numbers)) {
    byWaIndex.set(cipher.blindIndex({ workspaceId, purpose: "wa_id", value: digits }), digits);
    byPhoneIndex.set(cipher.blindIndex({ workspaceId, purpose: "phone", value: digits }), digits);
  }
  const found: Array<{ id: string; digits: string }> = [];
  for (const part of chunks([...byWaIndex.keys()], 2500)) {
    const phoneIndexes = part.map((wa) => cipher.blindIndex({ workspaceId, purpose: "phone", value: byWaIndex.get(wa) ?? "" }));
    const rows = await db
      .select({ id: contacts.id, waIdBidx: contacts.waIdBidx, phoneBidx: contacts.phoneBidx })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), or(inArray(contacts.waIdBidx, part), inArray(contacts.phoneBidx, phoneIndexes))));
    for (const row of rows) {
      // A wa_id match is the WhatsApp identity itself: it wins over a contact that only has the number as its phone.
      const viaWa = row.waIdBidx ? byWaIndex.get(row.waIdBidx) : undefined;
      const viaPhone = row.phoneBidx ? byPhoneIndex.get(row.phoneBidx) : undefined;
      if (viaWa) found.push({ id: row.id, digits: viaWa });
      else if (viaPhone) found.push({ id: row.id, digits: viaPhone });
    }
  }
  const loaded = await loadContacts(
    db,
    cipher,
    workspaceId,
    found.map((f) => f.id),
  );
  for (const { id, digits } of found) {
    const contact = loaded.get(id);
    if (!contact) continue;
    const current = out.get(digits);
    if (!current || (contact.waId && !current.waId)) out.set(digits, contact);
  }
  return out;
}

/** Everyone the campaign's audience names now (contacts for a filter; the uploaded rows for a CSV). */
export async function resolveAudience(db: DbOrTx, cipher: FieldCipher, campaign: Campaign): Promise<AudienceMember[]> {
  const audience = campaign.audience;
  return audience.kind === "filter"
    ? filterMembers(db, cipher, campaign.workspaceId, audience)
    : csvMembers(db, cipher, campaign, audience);
}
