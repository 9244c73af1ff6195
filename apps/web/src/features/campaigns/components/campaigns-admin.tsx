import { useQuery } from "@tanstack/react-query";
import { Button } from "../../../components/ui/button.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useApiClient } from "../../../lib/services.tsx";
import { useCampaign, useWorkspaceTimeZone } from "../api/campaigns.ts";
import type { ChannelOption, Page } from "../api/types.ts";
import { useCampaignLive } from "../hooks/use-campaign-live.ts";
import { campaignHref, useCampaignRoute } from "../hooks/use-campaign-route.ts";
import { browserTimeZone } from "../utils/time-zone.ts";
import { CampaignDetail } from "./campaign-detail.tsx";
import { CampaignList } from "./campaign-list.tsx";
import { CampaignWizard } from "./campaign-wizard.tsx";

function useCampaignChannels() {
  const client = useApiClient();
  return useQuery({
    queryKey: ["campaigns", "channels"],
    queryFn: ({ signal }) => client.request<Page<ChannelOption>>("/api/v1/channels", { signal }),
    staleTime: 60_000,
  });
}

/**
 * Admin → Campaigns (permission campaigns.manage): the list, the wizard that builds and launches one (a draft
 * reopens in it), and a launched campaign's live report. Which one shows follows the URL's hash.
 */
export function CampaignsAdmin() {
  const t = useT();
  const errorText = useErrorText();
  useCampaignLive();
  const route = useCampaignRoute();
  const openId = route.open && route.open !== "new" ? route.open : null;
  const campaign = useCampaign(openId);
  const channels = useCampaignChannels();
  const zone = useWorkspaceTimeZone();
  const timeZone = zone.data ?? browserTimeZone();
  const ready = channels.data && !zone.isPending;

  let content: React.JSX.Element;
  if (route.open === "new" || (openId && campaign.data?.status === "draft")) {
    content = ready ? (
      <CampaignWizard
        key={openId ?? "new"}
        draft={openId ? (campaign.data ?? null) : null}
        channels={channels.data?.data ?? []}
        timeZone={timeZone}
        onLaunched={(launched) => route.go(launched.id)}
        onClose={() => route.go(null)}
      />
    ) : (
      <p className="text-sm">{t("common.loading")}</p>
    );
  } else if (openId) {
    content = campaign.data ? (
      <CampaignDetail campaign={campaign.data} onBack={() => route.go(null)} />
    ) : campaign.isError ? (
      <div role="alert" className="space-y-2 text-sm text-red-700 dark:text-red-300">
        <p>{errorText(campaign.error)}</p>
        <Button size="sm" onClick={() => route.go(null)}>
          {t("campaigns.back")}
        </Button>
      </div>
    ) : (
      <p className="text-sm">{t("common.loading")}</p>
    );
  } else {
    content = <CampaignList hrefOf={(c) => campaignHref(c.id)} onNew={() => route.go("new")} />;
  }
  return <div className="mx-auto max-w-6xl space-y-6 p-4 md:p-6">{content}</div>;
}
