import { Icon } from "../../../components/ui/icon.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { Referral } from "../../../lib/api-types.ts";
import { safeHttpUrl } from "../../../lib/safe-url.ts";

/** The Click-to-WhatsApp ad (or Status post) the customer came from. */
export function ReferralBanner({ referral }: { referral: Referral }) {
  const t = useT();
  const href = safeHttpUrl(referral.sourceUrl);
  return (
    <aside className="mb-1.5 rounded-lg border-l-4 border-amber-500 bg-amber-50 p-2 text-xs text-amber-950 dark:bg-amber-950/50 dark:text-amber-100">
      <p className="font-semibold">{t("message.referral")}</p>
      {referral.headline ? <p className="font-medium">{referral.headline}</p> : null}
      {referral.body ? <p>{referral.body}</p> : null}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 underline">
          {t("message.referral.open")}
          <Icon name="external" className="size-3" />
        </a>
      ) : null}
    </aside>
  );
}
