import type { InboundContent } from "@papo/whatsapp";
import type { Logger } from "pino";
import type { Clock } from "../../clock.ts";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { Db, DbOrTx } from "../../db/client.ts";
import type { DomainEvent } from "../../events/bus.ts";
import { createAuditTrail } from "../audit/trail.ts";
import { onMarketingWithdrawn } from "../campaigns/opt-out.ts";
import { createConversationsRepo } from "../conversations/repo.ts";
import type { OutboundDocument } from "../messages/outbound.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import { recordOutboundMessage } from "../reports/facts.ts";
import { matchKeyword } from "./keywords.ts";
import { createConsentRepo } from "./repo.ts";
import { createConsentSettingsRepo } from "./settings-repo.ts";

/** Meta's customer service window: a reply is free-form only within 24 hours of the customer's message. */
const SERVICE_WINDOW_MS = 24 * 3600 * 1000;
/** How Papo names itself in consent history and the audit log for what keywords do. */
export const KEYWORD_ACTOR = "consent-keywords";

/** The words of a message a customer typed or tapped (a template's quick-reply button, e.g. "Stop promotions"). */
function typedText(content: InboundContent): string | undefined {
  if (content.type === "text") return content.body;
  if (content.type === "button") return content.text;
  return undefined;
}

/**
 * Called by ingest inside the transaction that stored a new inbound customer message (never for a redelivery, whose
 * insert did nothing). When the whole message is an opt-out keyword, marketing consent is withdrawn (evidence: the
 * message), `contact.opted_out` is audited and the confirmation is queued as a system message; an opt-in keyword grants
 * marketing again (`contact.consent_changed`). Everything commits or rolls back with the message, so a webhook
 * processed twice acts once.
 */
export async function applyConsentKeywords({
  tx,
  deps,
  workspaceId,
  channelId,
  conversationId,
  contactId,
  message,
  emit,
}: {
  tx: DbOrTx;
  deps: { db: Db; cipher: FieldCipher; clock: Clock; log: Logger };
  workspaceId: string;
  channelId: string;
  conversationId: string;
  contactId: string;
  /** The stored inbound message: Papo's id, its content and when the customer sent it. */
  message: { id: string; content: InboundContent; sentAt: Date };
  emit: (event: DomainEvent) => void;
}): Promise<void> {
  const text = typedText(message.content);
  if (text === undefined || text.length > 200) return;
  const settings = await createConsentSettingsRepo({ db: tx }).get(workspaceId);
  const match = matchKeyword(settings, text);
  if (!match) return;

  const { cipher, clock } = deps;
  const now = clock.now();
  const optOut = match.kind === "opt_out";
  const state = optOut ? "withdrawn" : "granted";
  const source = optOut ? "opt_out_keyword" : "opt_in_keyword";
  const recorded = await createConsentRepo({ db: tx, cipher }).record(workspaceId, {
    contactId,
    purpose: "marketing",
    state,
    source,
    evidence: text,
    messageId: message.id,
    actor: { type: "system", name: KEYWORD_ACTOR },
    at: now,
  });
  const audit = createAuditTrail({ db: deps.db, cipher, clock });
  const actor = { type: "system" as const, id: KEYWORD_ACTOR };
  await audit.record(
    {
      workspaceId,
      actor,
      action: optOut ? "contact.opted_out" : "contact.consent_changed",
      target: { type: "contact", id: contactId },
      details: { purpose: "marketing", state, source, consentRecordId: recorded.id, messageId: message.id, language: match.language },
    },
    { tx },
  );
  emit({ type: "contact.updated", workspaceId, contactId });
  if (optOut) await onMarketingWithdrawn(tx, workspaceId, contactId, { at: now, emit });

  const reply = (optOut ? settings.optOutReply : settings.optInReply)[match.language].trim();
  if (!reply) return;
  // A body processed after a long outage: the window has closed and Meta would refuse a free-form reply.
  if (now.getTime() - message.sentAt.getTime() >= SERVICE_WINDOW_MS) {
    deps.log.warn({ contactId, messageId: message.id }, "consent keyword processed after the 24-hour window: no confirmation sent");
    return;
  }
  const document: OutboundDocument = { request: { type: "text", body: reply } };
  const queued = await createMessagesRepo({ db: tx, cipher }).insertOutbound({
    workspaceId,
    channelId,
    conversationId,
    contactId,
    direction: "outbound",
    type: "text",
    senderKind: "system",
    senderUserId: null,
    text: reply,
    content: document,
    status: "queued",
    // One confirmation per keyword message, whatever happens upstream.
    idempotencyKey: `consent-reply:${message.id}`,
    nextAttemptAt: now,
    createdAt: now,
  });
  if (!queued.created) return;
  await createConversationsRepo({ db: tx }).recordOutbound(workspaceId, conversationId, now);
  await recordOutboundMessage(tx, {
    workspaceId,
    conversationId,
    channelId,
    type: "text",
    at: now,
    senderKind: "system",
    senderUserId: null,
    campaignId: null,
  });
  await audit.record(
    {
      workspaceId,
      actor,
      action: "message.sent",
      target: { type: "message", id: queued.message.id },
      details: { type: "text", conversationId, contactId, channelId, reason: match.kind },
    },
    { tx },
  );
  emit({ type: "message.created", workspaceId, conversationId, messageId: queued.message.id });
}
