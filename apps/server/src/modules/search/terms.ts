import { messageQueryGroup, messageTextTerms, type Term, termKey, wordSpans } from "@papo/copilot";
import type { InboundContent } from "@papo/whatsapp";
import type { Contact } from "../contacts/repo.ts";
import type { InboundDocument } from "../messages/models.ts";
import type { OutboundDocument } from "../messages/outbound.ts";
import type { SendMessageBody } from "../messages/schemas.ts";

/** Name prefixes are indexed from 2 characters up to this length (longer words still match whole). */
export const MAX_PREFIX_LENGTH = 20;
/** Phone numbers are found by their last 4 digits or more (the full number being the longest such suffix). */
export const MIN_PHONE_SUFFIX = 4;
const MAX_PHONE_DIGITS = 15; // E.164

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The message fields Papo searches by: what it is, and its stored content document (see messages/models.ts). */
export interface SearchableMessage {
  direction: "inbound" | "outbound";
  text: string | null;
  content: unknown;
}

/**
 * The readable text of a message, as separate fragments: the words of inbound and outbound content of every kind —
 * text, captions, document file names, locations, shared contact cards, interactive titles and bodies, template
 * parameters and button texts, order notes. Media ids, links, payload ids and coordinates are not words.
 */
export function messageTexts(message: SearchableMessage): string[] {
  let out: string[] = [];
  try {
    out =
      message.direction === "inbound"
        ? inboundTexts((message.content as InboundDocument | null)?.content)
        : outboundTexts((message.content as OutboundDocument | null)?.request);
  } catch {
    // A document of an older or unknown shape: fall back to the stored one-line text below.
  }
  if (out.length === 0 && message.text) out.push(message.text);
  return out;
}

/** The non-blank strings among the values. */
const texts = (...values: unknown[]): string[] =>
  values.filter((value): value is string => typeof value === "string" && value.trim() !== "");

function inboundTexts(content: InboundContent | null | undefined): string[] {
  switch (content?.type) {
    case "text":
      return texts(content.body);
    case "image":
    case "video":
    case "document":
    case "audio":
    case "sticker":
      return texts(content.media.caption, content.media.filename);
    case "location":
      return texts(content.name, content.address);
    case "contacts":
      return content.contacts.flatMap((card) => texts(card.name.formattedName, card.org?.company));
    case "interactive":
      if (content.reply.type === "nfm_reply") return texts(content.reply.body);
      return texts(content.reply.title, content.reply.type === "list_reply" ? content.reply.description : undefined);
    case "button":
      return texts(content.text);
    case "order":
      return texts(content.text);
    case "system":
      return texts(content.body);
    case "edit":
      return inboundTexts(content.edited);
    default:
      return [];
  }
}

function outboundTexts(request: SendMessageBody | null | undefined): string[] {
  const headerText = (header: { type: string; text?: string } | undefined) => (header?.type === "text" ? header.text : undefined);
  switch (request?.type) {
    case "text":
      return texts(request.body);
    case "image":
    case "video":
      return texts(request.caption);
    case "document":
      return texts(request.caption, request.filename);
    case "location":
      return texts(request.name, request.address);
    case "contacts":
      return request.contacts.flatMap((card) => texts(card.name.formattedName, card.org?.company));
    case "buttons":
      return texts(headerText(request.header), request.body, request.footer, ...request.buttons.map((button) => button.title));
    case "list":
      return texts(
        request.header,
        request.body,
        request.footer,
        request.buttonText,
        ...request.sections.flatMap((section) => [section.title, ...section.rows.flatMap((row) => [row.title, row.description])]),
      );
    case "cta_url":
      return texts(headerText(request.header), request.body, request.footer, request.displayText);
    case "flow":
      return texts(headerText(request.header), request.body, request.footer, request.flowCta);
    case "location_request":
      return texts(request.body);
    case "template":
      return texts(request.name.replace(/_/g, " "), ...(request.components ?? []).flatMap(templateComponentTexts));
    default:
      return [];
  }
}

type TemplateComponent = NonNullable<Extract<SendMessageBody, { type: "template" }>["components"]>[number];

/** The readable values of a template component: text parameters, currency and date fallbacks, file and place names. */
function templateComponentTexts(component: TemplateComponent): Array<string | undefined> {
  if ("parameters" in component)
    return component.parameters.flatMap((p) => {
      if (typeof p === "string") return [p];
      if (p.type === "text") return [p.text];
      if (p.type === "currency" || p.type === "date_time") return [p.fallbackValue];
      if (p.type === "document") return [p.filename];
      if (p.type === "location") return [p.name, p.address];
      return [];
    });
  if (component.subType === "url") return [component.text];
  if (component.subType === "copy_code") return [component.couponCode];
  return [];
}

/** A message's index terms (see tokenize.ts). */
export const messageTerms = (message: SearchableMessage): Term[] => messageTextTerms(messageTexts(message));

/** The fields of a contact that are searched. */
export type SearchableContact = Pick<Contact, "name" | "username" | "phone" | "waId" | "tags" | "attributes">;

/** Digits of a phone number (formatting dropped), at most E.164's 15. */
export const phoneDigitsOf = (phone: string): string => phone.replace(/\D/g, "").slice(0, MAX_PHONE_DIGITS);

/** E-mail addresses among a contact's attribute values (top level, or one level down in an object or array). */
export function emailsOf(attributes: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value === "string") {
      const email = value.trim().toLowerCase();
      if (EMAIL.test(email)) found.add(email);
    } else if (depth > 0 && value && typeof value === "object") {
      for (const inner of Object.values(value)) visit(inner, depth - 1);
    }
  };
  for (const value of Object.values(attributes ?? {})) visit(value, 1);
  return [...found];
}

/**
 * A contact's index terms: the words of its name and username (whole, and every prefix of 2..20 characters for
 * type-ahead), the digits of its phone and WhatsApp id (every suffix of 4+ digits: the full international number, the
 * national number, the last digits), the e-mail addresses its attributes hold, and the words of its tags.
 */
export function contactTerms(contact: SearchableContact): Term[] {
  const out = new Map<string, Term>();
  const add = (kind: Term["kind"], value: string) => {
    if (value) out.set(termKey({ kind, value }), { kind, value });
  };
  for (const { word } of wordSpans([contact.name, contact.username].filter(Boolean).join(" "))) {
    if (word.length < 2) continue;
    add("name", word);
    for (let n = 2; n <= Math.min(word.length, MAX_PREFIX_LENGTH); n++) add("prefix", word.slice(0, n));
  }
  for (const phone of [contact.phone, contact.waId]) {
    const digits = phone ? phoneDigitsOf(phone) : "";
    for (let n = MIN_PHONE_SUFFIX; n <= digits.length; n++) add("phone", digits.slice(-n));
  }
  for (const email of emailsOf(contact.attributes)) add("email", email);
  for (const tag of contact.tags ?? []) for (const { word } of wordSpans(tag)) add("tag", word);
  return [...out.values()];
}

/** One AND-ed condition of a query: the item must hold at least one of these terms. */
export type TermGroup = Term[];

export interface ParsedQuery {
  /** For messages; empty when no query word is searchable (only stop-words or single characters). */
  messages: TermGroup[];
  /** For contacts; empty when nothing is searchable. */
  contacts: TermGroup[];
  /** The normalised words and stems the query looks for, to mark them in snippets. */
  highlight: { words: Set<string>; stems: Set<string> };
}

/**
 * A query as term groups. Messages: each query word (stop-words dropped) matches itself or its stems, all words
 * required. Contacts: each word matches a whole name word or a tag word, the last one also as a name prefix and any
 * word of 4+ digits as a phone suffix; a query that is only a phone number in any format ("+55 (11) 91234-5678")
 * matches by its digits; an e-mail address matches exactly.
 */
export function parseQuery(raw: string): ParsedQuery {
  const query = raw.trim().slice(0, 500);
  const messages: TermGroup[] = [];
  const highlight = { words: new Set<string>(), stems: new Set<string>() };
  for (const word of messageWordsOf(query)) {
    const group = messageQueryGroup(word);
    messages.push(group);
    highlight.words.add(word);
    for (const term of group) if (term.kind === "stem") highlight.stems.add(term.value);
  }

  const contacts: TermGroup[] = [];
  const digits = query.replace(/\D/g, "");
  if (/^[\d\s+().-]+$/.test(query) && digits.length >= MIN_PHONE_SUFFIX) {
    contacts.push([{ kind: "phone", value: phoneDigitsOf(digits) }]);
  } else {
    const chunks = query.split(/\s+/).filter(Boolean);
    const words: string[] = [];
    for (const chunk of chunks) {
      const email = chunk.toLowerCase();
      if (EMAIL.test(email)) contacts.push([{ kind: "email", value: email }]);
      else words.push(...wordSpans(chunk).map((s) => s.word));
    }
    const kept = words.filter((word) => word.length >= 2);
    kept.forEach((word, i) => {
      const group: TermGroup = [
        { kind: "name", value: word },
        { kind: "tag", value: word },
      ];
      // Prefixes are indexed up to MAX_PREFIX_LENGTH characters: a longer start of a word is looked up by its first ones.
      if (i === kept.length - 1) group.push({ kind: "prefix", value: word.slice(0, MAX_PREFIX_LENGTH) });
      if (/^\d+$/.test(word) && word.length >= MIN_PHONE_SUFFIX) group.push({ kind: "phone", value: phoneDigitsOf(word) });
      contacts.push(group);
    });
  }
  return { messages, contacts, highlight };
}

/** The searchable words of a query, as the index side finds them in a message (same tokenizer, same filter). */
function messageWordsOf(query: string): string[] {
  return [...new Set(messageTextTerms([query], Number.POSITIVE_INFINITY).flatMap((t) => (t.kind === "word" ? [t.value] : [])))];
}
