import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import type { BrokenReason } from "../api/types.ts";

/*
 * The catalogue keys of the values the server sends (actions, target types, reasons), written out so the compiler and
 * the catalogue test see every one. A value this console does not know yet is shown as the server wrote it.
 */

const ACTION_LABELS: Record<string, TranslationKey> = {
  "auth.login.succeeded": "audit.action.auth.login.succeeded",
  "auth.login.failed": "audit.action.auth.login.failed",
  "auth.login.locked": "audit.action.auth.login.locked",
  "auth.logout": "audit.action.auth.logout",
  "auth.password_changed": "audit.action.auth.password_changed",
  "auth.2fa.enabled": "audit.action.auth.2fa.enabled",
  "auth.2fa.disabled": "audit.action.auth.2fa.disabled",
  "auth.2fa.succeeded": "audit.action.auth.2fa.succeeded",
  "auth.2fa.failed": "audit.action.auth.2fa.failed",
  "auth.2fa.recovery_code_used": "audit.action.auth.2fa.recovery_code_used",
  "session.revoked": "audit.action.session.revoked",
  "user.created": "audit.action.user.created",
  "user.updated": "audit.action.user.updated",
  "channel.created": "audit.action.channel.created",
  "channel.updated": "audit.action.channel.updated",
  "channel.credentials_changed": "audit.action.channel.credentials_changed",
  "channel.deleted": "audit.action.channel.deleted",
  "key.rotated": "audit.action.key.rotated",
  "message.sent": "audit.action.message.sent",
  "conversation.assigned": "audit.action.conversation.assigned",
  "conversation.transferred": "audit.action.conversation.transferred",
  "conversation.status_changed": "audit.action.conversation.status_changed",
  "contact.created": "audit.action.contact.created",
  "contact.viewed": "audit.action.contact.viewed",
  "contact.updated": "audit.action.contact.updated",
  "contact.note_added": "audit.action.contact.note_added",
  "contact.note_deleted": "audit.action.contact.note_deleted",
  "contact.exported": "audit.action.contact.exported",
  "contact.erased": "audit.action.contact.erased",
  "settings.changed": "audit.action.settings.changed",
  "audit.exported": "audit.action.audit.exported",
  "ai.settings_changed": "audit.action.ai.settings_changed",
  "ai.provider_used": "audit.action.ai.provider_used",
  "knowledge_base.changed": "audit.action.knowledge_base.changed",
  "conversation.handed_off": "audit.action.conversation.handed_off",
  "conversation.handed_to_bot": "audit.action.conversation.handed_to_bot",
  "auth.sso.succeeded": "audit.action.auth.sso.succeeded",
  "auth.sso.failed": "audit.action.auth.sso.failed",
  "auth.embed.succeeded": "audit.action.auth.embed.succeeded",
  "auth.embed.failed": "audit.action.auth.embed.failed",
  "auth.refresh_reuse_detected": "audit.action.auth.refresh_reuse_detected",
  "key.retired": "audit.action.key.retired",
  "contact.consent_changed": "audit.action.contact.consent_changed",
  "contact.opted_out": "audit.action.contact.opted_out",
  "retention.applied": "audit.action.retention.applied",
};

const TARGET_LABELS: Record<string, TranslationKey> = {
  user: "audit.target.user",
  session: "audit.target.session",
  channel: "audit.target.channel",
  message: "audit.target.message",
  conversation: "audit.target.conversation",
  contact: "audit.target.contact",
  canned_response: "audit.target.canned_response",
  workspace: "audit.target.workspace",
  key: "audit.target.key",
  audit_log: "audit.target.audit_log",
};

/** The action filter's choices: a family of actions by prefix, or one action (contact views, the LGPD evidence). */
export const ACTION_FILTERS: ReadonlyArray<{ value: string; label: TranslationKey }> = [
  { value: "auth.", label: "audit.group.auth." },
  { value: "session.", label: "audit.group.session." },
  { value: "user.", label: "audit.group.user." },
  { value: "channel.", label: "audit.group.channel." },
  { value: "message.", label: "audit.group.message." },
  { value: "conversation.", label: "audit.group.conversation." },
  { value: "contact.", label: "audit.group.contact." },
  { value: "contact.viewed", label: "audit.group.contact.viewed" },
  { value: "settings.", label: "audit.group.settings." },
  { value: "key.", label: "audit.group.key." },
  { value: "audit.", label: "audit.group.audit." },
];

/** The target filter's choices. */
export const TARGET_TYPES = Object.keys(TARGET_LABELS);

export const REASON_LABELS: Record<BrokenReason, TranslationKey> = {
  missing: "audit.chain.reason.missing",
  prev_hash_mismatch: "audit.chain.reason.prev_hash_mismatch",
  hash_mismatch: "audit.chain.reason.hash_mismatch",
  unreadable: "audit.chain.reason.unreadable",
};

export const actionLabel = (action: string): TranslationKey | undefined =>
  Object.hasOwn(ACTION_LABELS, action) ? ACTION_LABELS[action] : undefined;
export const targetLabel = (type: string): TranslationKey | undefined =>
  Object.hasOwn(TARGET_LABELS, type) ? TARGET_LABELS[type] : undefined;
