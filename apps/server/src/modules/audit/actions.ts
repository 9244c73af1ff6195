/**
 * What the audit log records. Names are `<subject>.<what happened>` (dotted, past tense) so a filter by prefix
 * (`auth.`, `contact.`) finds a family; a name is never reused for something else.
 */
export const AUDIT_ACTIONS = [
  "auth.login.succeeded",
  "auth.login.failed",
  "auth.login.locked",
  "auth.logout",
  "auth.password_changed",
  "auth.2fa.enabled",
  "auth.2fa.disabled",
  "auth.2fa.succeeded",
  "auth.2fa.failed",
  "auth.2fa.recovery_code_used",
  "auth.sso.succeeded",
  "auth.sso.failed",
  "auth.embed.succeeded",
  "auth.embed.failed",
  "auth.refresh_reuse_detected",
  "session.revoked",
  "user.created",
  "user.updated",
  "channel.created",
  "channel.updated",
  "channel.credentials_changed",
  "channel.deleted",
  "key.rotated",
  "key.retired",
  "message.sent",
  "conversation.assigned",
  "conversation.transferred",
  "conversation.status_changed",
  "contact.created",
  "contact.viewed",
  "contact.updated",
  "contact.note_added",
  "contact.note_deleted",
  "contact.exported",
  "contact.erased",
  "contact.consent_changed",
  "contact.opted_out",
  "retention.applied",
  "settings.changed",
  "audit.exported",
  "ai.settings_changed",
  "ai.provider_used",
  // Knowledge base and hybrid bot (modules/knowledge-base, modules/bot)
  "knowledge_base.changed",
  "conversation.handed_off",
  "conversation.handed_to_bot",
  // Campaigns and the price table (modules/campaigns)
  "campaign.created",
  "campaign.updated",
  "campaign.deleted",
  "campaign.audience_uploaded",
  "campaign.launched",
  "campaign.paused",
  "campaign.resumed",
  "campaign.cancelled",
  "campaign.exported",
  "pricing_rates.changed",
  // Workspace settings and scheduled messages (modules/workspaces, modules/scheduling)
  "workspace.settings_changed",
  "scheduled_message.created",
  "scheduled_message.updated",
  "scheduled_message.cancelled",
  // Message templates (modules/templates)
  "template.created",
  "template.deleted",
  // Teams and satisfaction scores (modules/teams, modules/csat)
  "team.created",
  "team.updated",
  "team.deleted",
  "csat.recorded",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a record is about (`target_type`). */
export const AUDIT_TARGET_TYPES = [
  "user",
  "session",
  "channel",
  "message",
  "conversation",
  "contact",
  "canned_response",
  "workspace",
  "key",
  "audit_log",
  "scheduled_message",
  "campaign",
  "team",
  "template",
] as const;

export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
