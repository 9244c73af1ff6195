import type { UserRole } from "../../db/schema/users.ts";

/**
 * What a user may do beyond working their own conversations. The list is closed: a route names one of these (see
 * `http/route-access.ts`), and `PATCH /api/v1/users/:id` refuses any other name.
 *
 * | permission | grants |
 * |---|---|
 * | `channels.manage` | connect, edit, disconnect WhatsApp numbers; choose each number's members |
 * | `channels.check` | run a number's connection check against Meta |
 * | `users.manage` | create users, change their role, permissions, password, deactivate them |
 * | `conversations.see_all` | every conversation of the workspace (else: those of the numbers one is a member of, and those assigned to one); the integration aliases `/send-message` and `/receive-message`, which reach the whole workspace |
 * | `data.export` | exports of personal data (data-subject access and portability) |
 * | `data.erase` | erasure of a contact's personal data (LGPD data-subject request; irreversible) |
 * | `reports.view` | the workspace's reports and their drill-downs (without it, an agent's own numbers only) |
 * | `templates.manage` | sync, create and delete message templates; edit the price table |
 * | `campaigns.manage` | create, launch, pause, cancel campaigns (broadcasts) and read their reports |
 * | `canned_responses.manage` | create, edit and delete canned responses |
 * | `knowledge_base.manage` | create, edit, import and delete knowledge-base articles (the copilot's and the bot's grounding) |
 * | `audit.view` | read, verify and export the audit log |
 * | `settings.manage` | workspace settings (security policy, retention) |
 */
export const PERMISSIONS = [
  "channels.manage",
  "channels.check",
  "users.manage",
  "conversations.see_all",
  "data.export",
  "data.erase",
  "reports.view",
  "templates.manage",
  "campaigns.manage",
  "canned_responses.manage",
  "knowledge_base.manage",
  "audit.view",
  "settings.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

/**
 * What each role has without any grant. Administrators have everything; supervisors run the team (every conversation,
 * reports, shared content, exports, the connection check) but not the workspace's people, numbers or settings; agents
 * have nothing beyond their own conversations.
 */
export const ROLE_PERMISSIONS: Readonly<Record<UserRole, readonly Permission[]>> = {
  admin: ALL,
  supervisor: [
    "channels.check",
    "conversations.see_all",
    "data.export",
    "reports.view",
    "templates.manage",
    "campaigns.manage",
    "canned_responses.manage",
    "knowledge_base.manage",
  ],
  agent: [],
};

export const isPermission = (value: unknown): value is Permission =>
  typeof value === "string" && (ALL as readonly string[]).includes(value);

/** Grants as stored (`users.permissions`): names that are no longer permissions are ignored, repeats dropped, in list order. */
export function grantsOf(stored: readonly unknown[] | null | undefined): Permission[] {
  const grants = new Set((stored ?? []).filter(isPermission));
  return PERMISSIONS.filter((p) => grants.has(p));
}

/** Role defaults ∪ the user's own grants, in the list's order. */
export function effectivePermissions(role: UserRole, stored: readonly unknown[] | null | undefined): Permission[] {
  const granted = new Set<Permission>([...ROLE_PERMISSIONS[role], ...grantsOf(stored)]);
  return PERMISSIONS.filter((p) => granted.has(p));
}
