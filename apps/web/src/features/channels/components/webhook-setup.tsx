import { CopyField } from "../../../components/ui/copy-field.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { ChannelDetails } from "../api/types.ts";

/** What an administrator pastes into Meta so that the number's messages reach Papo. */
export function WebhookSetup({ webhook }: { webhook: ChannelDetails["webhook"] }) {
  const t = useT();
  return (
    <section aria-labelledby="webhook-setup-title" className="space-y-3">
      <h4 id="webhook-setup-title" className="font-semibold">
        {t("channels.webhook.title")}
      </h4>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("channels.webhook.intro")}</p>
      <CopyField label={t("channels.webhook.url")} value={webhook.url} />
      <CopyField label={t("channels.webhook.verify-token")} value={webhook.verifyToken} />
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("channels.webhook.fields")}</p>
    </section>
  );
}
