import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApiClient } from "../../../lib/services.tsx";
import {
  type Campaign,
  type CampaignAction,
  type CampaignInput,
  type CampaignReport,
  type CampaignTemplate,
  type CsvUploadResult,
  campaignKeys,
  campaignPaths,
  type Estimate,
  type Page,
  type Recipient,
} from "./types.ts";

/** Campaigns newest first, optionally of one status; further pages on demand. */
export function useCampaigns(status: string) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: campaignKeys.list(status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      client.request<Page<Campaign>>(campaignPaths.campaigns, { query: { status: status || undefined, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** One campaign; while it sends, the live stream refreshes it (and a slow poll covers a dropped stream). */
export function useCampaign(campaignId: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: campaignKeys.detail(campaignId ?? ""),
    queryFn: ({ signal }) => client.request<Campaign>(campaignPaths.campaign(campaignId ?? ""), { signal }),
    enabled: Boolean(campaignId),
    refetchInterval: (query) => (isActive(query.state.data?.status) ? 15_000 : false),
  });
}

const isActive = (status: string | undefined) => status === "running" || status === "scheduled" || status === "paused";

const HOUR = 3_600_000;

/**
 * How often to poll a report besides the live stream: the stream tells when a campaign moves on, but Meta's delivery
 * and read receipts keep arriving after its last message is queued (even after it completes), so the report is
 * polled while messages are in flight and for an hour after completion while some are still undelivered.
 */
export function reportPollMs(status: string | undefined, report: CampaignReport | undefined, now = Date.now()): number | false {
  if (!report) return isActive(status) ? 15_000 : false;
  const { queued, sending, sent, delivered, pending } = report.counts;
  if (queued + sending > 0) return 3_000;
  if (isActive(status) && pending > 0) return 15_000;
  const completedAt = report.completedAt ? new Date(report.completedAt).getTime() : null;
  if (sent > delivered && completedAt !== null && now - completedAt < HOUR) return 10_000;
  return isActive(status) ? 15_000 : false;
}

export function useCampaignReport(campaignId: string, status: string | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: campaignKeys.report(campaignId),
    queryFn: ({ signal }) => client.request<CampaignReport>(campaignPaths.report(campaignId), { signal }),
    enabled: status !== undefined && status !== "draft",
    refetchInterval: (query) => reportPollMs(status, query.state.data),
  });
}

export function useRecipients(campaignId: string, status: string) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: campaignKeys.recipients(campaignId, status),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      client.request<Page<Recipient>>(campaignPaths.recipients(campaignId), {
        query: { status: status || undefined, cursor: pageParam },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** The number's approved templates: only those can start a conversation with many customers. */
export function useApprovedTemplates(channelId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: campaignKeys.templates(channelId),
    queryFn: ({ signal }) =>
      client.request<{ data: CampaignTemplate[] }>(campaignPaths.templates, { query: { channelId, status: "APPROVED" }, signal }),
    enabled: Boolean(channelId),
    staleTime: 30_000,
  });
}

/** Tags in use on recent contacts, offered as suggestions (any tag can still be typed). */
export function useContactTags() {
  const client = useApiClient();
  return useQuery({
    queryKey: campaignKeys.tags,
    queryFn: async ({ signal }) => {
      const page = await client.request<Page<{ tags?: string[] }>>(campaignPaths.contacts, { query: { limit: 200 }, signal });
      return [...new Set(page.data.flatMap((c) => c.tags ?? []))].sort((a, b) => a.localeCompare(b));
    },
    staleTime: 60_000,
  });
}

/** The workspace's time zone for scheduling; null where the server has no such setting (the browser's is used). */
export function useWorkspaceTimeZone() {
  const client = useApiClient();
  return useQuery({
    queryKey: campaignKeys.workspaceSettings,
    queryFn: async ({ signal }) => {
      try {
        const settings = await client.request<{ timeZone?: string }>(campaignPaths.workspaceSettings, { signal });
        return settings.timeZone ?? null;
      } catch {
        return null;
      }
    },
    staleTime: 5 * 60_000,
  });
}

function useInvalidateCampaigns() {
  const queryClient = useQueryClient();
  return (campaign?: Campaign) => {
    if (campaign) queryClient.setQueryData(campaignKeys.detail(campaign.id), campaign);
    void queryClient.invalidateQueries({ queryKey: campaignKeys.lists });
    if (campaign) void queryClient.invalidateQueries({ queryKey: campaignKeys.report(campaign.id) });
  };
}

/** Creates the draft (no id) or saves the step's fields into it. */
export function useSaveCampaign() {
  const client = useApiClient();
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: Partial<CampaignInput> }) =>
      id
        ? client.request<Campaign>(campaignPaths.campaign(id), { method: "PATCH", json: input })
        : client.request<Campaign>(campaignPaths.campaigns, { method: "POST", json: input }),
    onSuccess: (campaign) => invalidate(campaign),
  });
}

export function useDeleteCampaign() {
  const client = useApiClient();
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (campaignId: string) => client.request<void>(campaignPaths.campaign(campaignId), { method: "DELETE" }),
    onSuccess: () => invalidate(),
  });
}

export function useUploadCsv(campaignId: string) {
  const client = useApiClient();
  return useMutation({
    // Sent as text/csv, not JSON: the server takes files up to 5 MB that way (JSON bodies stop at 1 MB).
    mutationFn: (csv: string) =>
      client.request<CsvUploadResult>(campaignPaths.csv(campaignId), {
        method: "POST",
        body: csv,
        headers: { "content-type": "text/csv; charset=utf-8" },
      }),
  });
}

export function useEstimate(campaignId: string) {
  const client = useApiClient();
  return useMutation({
    mutationFn: () => client.request<Estimate>(campaignPaths.estimate(campaignId), { method: "POST", json: {} }),
  });
}

/** Launch, pause, resume or cancel. */
export function useCampaignAction(campaignId: string) {
  const client = useApiClient();
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (action: CampaignAction) =>
      client.request<Campaign>(campaignPaths.action(campaignId, action), { method: "POST", json: {} }),
    onSuccess: (campaign) => invalidate(campaign),
  });
}

export const reportFileName = (name: string) =>
  `campanha-${
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-zA-Z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase() || "relatorio"
  }.csv`;

/** The per-recipient report as a file: it needs the bearer token, so it is fetched and handed to the browser. */
export function useExportReport(campaign: Pick<Campaign, "id" | "name">) {
  const client = useApiClient();
  return useMutation({
    mutationFn: async () => {
      const blob = await client.blob(campaignPaths.reportCsv(campaign.id), { headers: { accept: "text/csv" } });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = reportFileName(campaign.name);
      anchor.rel = "noopener";
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    },
  });
}
