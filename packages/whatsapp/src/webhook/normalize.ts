import type { EventSource, WebhookEvent } from "./events.ts";
import { normalizeAccountField } from "./normalize-account.ts";
import { compact, errorsOf, normalizeMessage } from "./normalize-message.ts";
import { normalizeStatus } from "./normalize-status.ts";
import { parseWebhookBody, type WebhookPayloadError } from "./parse.ts";
import { contactSchema, envelopeSchema, formatIssues, messagesValueSchema, type RawContact } from "./schema.ts";

export type NormalizeResult = { ok: true; object: string; events: WebhookEvent[] } | { ok: false; error: WebhookPayloadError; events: [] };

/**
 * Turns a webhook POST body (already parsed JSON) into a flat list of typed events: every entry, every change,
 * every message, status and error in it. A body whose envelope is malformed gives `ok: false` with the path of
 * the problem; inside a well-formed envelope, anything not understood becomes an `unknown` event carrying the raw
 * JSON. It never throws.
 *
 * @example
 * const result = normalizeWebhook(JSON.parse(rawBody));
 * if (result.ok) for (const event of result.events) if (event.kind === "message") console.log(event.from.waId, event.content);
 */
export function normalizeWebhook(body: unknown): NormalizeResult {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) {
    return {
      ok: false,
      error: { code: "invalid_envelope", message: "The body is not a WhatsApp webhook envelope", issues: formatIssues(envelope.error) },
      events: [],
    };
  }
  const events: WebhookEvent[] = [];
  if (envelope.data.object !== "whatsapp_business_account") {
    events.push({ kind: "unknown", reason: `object: "${envelope.data.object}" is not whatsapp_business_account`, raw: body });
    return { ok: true, object: envelope.data.object, events };
  }
  envelope.data.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      const path = `entry[${e}].changes[${c}].value`;
      const source: EventSource = { wabaId: entry.id, field: change.field };
      try {
        if (change.field === "messages") events.push(...normalizeMessagesValue(change.value, path, source));
        else events.push(...normalizeAccountField({ value: change.value, path, source, entryTime: entry.time }));
      } catch (error) {
        // Defence in depth: a bug here must cost one change, not the whole delivery.
        events.push({
          kind: "unknown",
          source,
          reason: `${path}: ${error instanceof Error ? error.message : String(error)}`,
          raw: change.value,
        });
      }
    });
  });
  return { ok: true, object: envelope.data.object, events };
}

/**
 * `normalizeWebhook` over the raw request bytes (after the signature check), with JSON errors reported the same way.
 */
export function normalizeWebhookBody(rawBody: Uint8Array | string): NormalizeResult {
  const parsed = parseWebhookBody(rawBody);
  return parsed.ok ? normalizeWebhook(parsed.value) : { ok: false, error: parsed.error, events: [] };
}

function normalizeMessagesValue(value: unknown, path: string, baseSource: EventSource): WebhookEvent[] {
  const parsed = messagesValueSchema.safeParse(value);
  if (!parsed.success) {
    const issue = formatIssues(parsed.error, path)[0];
    return [{ kind: "unknown", source: baseSource, reason: issue ? `${issue.path}: ${issue.message}` : path, raw: value }];
  }
  const v = parsed.data;
  const source: EventSource = compact({
    ...baseSource,
    phoneNumberId: v.metadata.phone_number_id,
    displayPhoneNumber: v.metadata.display_phone_number,
  });
  const contacts: RawContact[] = (v.contacts ?? []).flatMap((raw) => {
    const contact = contactSchema.safeParse(raw);
    return contact.success ? [contact.data] : [];
  });

  const events: WebhookEvent[] = [];
  (v.messages ?? []).forEach((raw, i) => {
    events.push(normalizeMessage({ raw, path: `${path}.messages[${i}]`, source, contacts }));
  });
  (v.statuses ?? []).forEach((raw, i) => {
    events.push(normalizeStatus({ raw, path: `${path}.statuses[${i}]`, source, contacts }));
  });
  if (v.errors?.length) events.push({ kind: "error", source, errors: errorsOf(v.errors), raw: v.errors });
  if (!v.messages?.length && !v.statuses?.length && !v.errors?.length) {
    events.push({ kind: "unknown", source, reason: `${path}: no messages, statuses or errors`, raw: value });
  }
  return events;
}
