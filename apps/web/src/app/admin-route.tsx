import { type AdminSection, adminSections, paths } from "../config/paths.ts";
import { AiSettingsAdmin } from "../features/ai-settings/components/ai-settings-admin.tsx";
import { BotSettingsAdmin } from "../features/ai-settings/components/bot-settings-admin.tsx";
import { AuditAdmin } from "../features/audit/components/audit-admin.tsx";
import { CampaignsAdmin } from "../features/campaigns/components/campaigns-admin.tsx";
import { CannedResponsesAdmin } from "../features/canned-responses/components/canned-responses-admin.tsx";
import { ChannelsAdmin } from "../features/channels/components/channels-admin.tsx";
import { ConsentAdmin } from "../features/consent/components/consent-admin.tsx";
import { EmbedAdmin } from "../features/embed/components/embed-admin.tsx";
import { KnowledgeBaseAdmin } from "../features/knowledge-base/components/knowledge-base-admin.tsx";
import { PricingAdmin } from "../features/pricing/components/pricing-admin.tsx";
import { RetentionAdmin } from "../features/privacy/components/retention-admin.tsx";
import { SsoAdmin } from "../features/sso/components/sso-admin.tsx";
import { TeamsAdmin } from "../features/teams/components/teams-admin.tsx";
import { TemplatesAdmin } from "../features/templates/components/templates-admin.tsx";
import { UsersAdmin } from "../features/users/components/users-admin.tsx";
import { WorkspaceSettingsAdmin } from "../features/workspace-settings/components/workspace-settings-admin.tsx";
import { useT } from "../i18n/i18n.tsx";
import { canAdminister } from "../lib/roles.ts";
import { useSession } from "../lib/services.tsx";
import { BackToInboxHeader } from "./back-to-inbox-header.tsx";

const SECTIONS: Record<AdminSection, () => React.JSX.Element> = {
  users: UsersAdmin,
  channels: ChannelsAdmin,
  "canned-responses": CannedResponsesAdmin,
  "knowledge-base": KnowledgeBaseAdmin,
  copilot: AiSettingsAdmin,
  bot: BotSettingsAdmin,
  audit: AuditAdmin,
  sso: SsoAdmin,
  embed: EmbedAdmin,
  consent: ConsentAdmin,
  retention: RetentionAdmin,
  templates: TemplatesAdmin,
  pricing: PricingAdmin,
  campaigns: CampaignsAdmin,
  workspace: WorkspaceSettingsAdmin,
  teams: TeamsAdmin,
};

/** The workspace's settings: people, WhatsApp numbers and canned responses, one section at a time (from the URL's hash). */
export function AdminRoute({ section }: { section: AdminSection }) {
  const t = useT();
  const session = useSession();
  const Section = SECTIONS[section];
  return (
    <div className="flex h-full flex-col">
      <BackToInboxHeader title={t("admin.title")} />
      {session && canAdminister(session.user.role) ? (
        <div className="flex min-h-0 flex-1 flex-col md:flex-row">
          <nav
            aria-label={t("admin.sections")}
            className="flex shrink-0 gap-1 overflow-x-auto border-b border-slate-200 p-2 md:w-60 md:flex-col md:border-r md:border-b-0 dark:border-slate-800"
          >
            {adminSections.map((s) => (
              <a
                key={s}
                href={paths.admin.getHref(s)}
                aria-current={s === section ? "page" : undefined}
                className={`whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800 ${
                  s === section ? "bg-brand-50 text-brand-800 dark:bg-brand-900/40 dark:text-brand-100" : ""
                }`}
              >
                {t(`admin.section.${s}`)}
              </a>
            ))}
          </nav>
          <main className="min-h-0 min-w-0 flex-1 overflow-y-auto">
            <Section />
          </main>
        </div>
      ) : (
        <p role="alert" className="p-6 text-sm">
          {t("admin.forbidden")}
        </p>
      )}
    </div>
  );
}
