import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type { Page } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { reportQuery } from "../utils/range.ts";
import {
  type DrillPage,
  type DrillRequest,
  type OverviewReport,
  type ReportByTab,
  type ReportFilters,
  type ReportTab,
  type ReportUser,
  reportKeys,
  reportPaths,
  type Team,
  type TeamsReport,
} from "./types.ts";

/** One tab's report for the header's filters; the previous answer stays on screen while the next one loads. */
export function useReport<Tab extends ReportTab>(tab: Tab, filters: ReportFilters, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: reportKeys.report(tab, filters),
    queryFn: ({ signal }) => client.request<ReportByTab[Tab]>(reportPaths.report(tab), { query: reportQuery(filters), signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTeamsReport(filters: ReportFilters, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: reportKeys.report("teams", filters),
    queryFn: ({ signal }) => client.request<TeamsReport>(reportPaths.report("teams"), { query: reportQuery(filters), signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** How often the live strip refreshes when no stream frame arrives: often enough for a wallboard. */
export const OVERVIEW_REFRESH_MS = 15_000;

export function useOverview(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: reportKeys.overview,
    queryFn: ({ signal }) => client.request<OverviewReport>(reportPaths.report("overview"), { signal }),
    refetchInterval: OVERVIEW_REFRESH_MS,
    enabled,
  });
}

/** The conversations behind a number, a page at a time. */
export function useDrillDown(request: DrillRequest | null) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: reportKeys.drill(request),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      if (!request) throw new Error("a drill-down runs only with a request (the query is disabled without one)");
      const { metric, bucketStart, bucketEnd, handoffReason, ...filters } = request;
      const { granularity: _granularity, ...query } = reportQuery(filters);
      return client.request<DrillPage>(reportPaths.conversations, {
        query: { ...query, metric, bucketStart, bucketEnd, handoffReason, cursor: pageParam, limit: DRILL_PAGE_SIZE },
        signal,
      });
    },
    getNextPageParam: (last) => last.nextCursor,
    enabled: request !== null,
  });
}

export const DRILL_PAGE_SIZE = 25;

export function useTeams(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: reportKeys.teams,
    queryFn: ({ signal }) => client.request<{ items: Team[] }>(reportPaths.teams, { signal }),
    staleTime: 60_000,
    enabled,
  });
}

/** The same key as the assignee pickers' query: one fetch of the workspace's people. */
export function useReportUsers(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => client.request<Page<ReportUser>>(reportPaths.users, { signal }),
    enabled,
  });
}

/**
 * Whether the signed-in user holds `reports.view` (granted ones included): the login answer only carries the role,
 * so `/auth/me` is asked; until it answers (or if it fails) the role's default decides.
 */
export function useCanViewAllReports(role: string) {
  const client = useApiClient();
  const me = useQuery({
    queryKey: reportKeys.me,
    queryFn: ({ signal }) => client.request<ReportUser>(reportPaths.me, { signal }),
    staleTime: 60_000,
  });
  const fromRole = role === "admin" || role === "supervisor";
  return me.data?.effectivePermissions ? me.data.effectivePermissions.includes("reports.view") : fromRole;
}

/** The current tab's table as CSV: the bearer token is needed, so the file is fetched and handed to the browser. */
export function useExportCsv() {
  const client = useApiClient();
  return useMutation({
    mutationFn: async ({ tab, filters }: { tab: ReportTab; filters: ReportFilters }) => {
      const blob = await client.blob(reportPaths.report(tab), {
        query: { ...reportQuery(filters), format: "csv" },
        headers: { accept: "text/csv" },
      });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = `papo-${tab}-${filters.from}-${filters.to}.csv`;
      anchor.rel = "noopener";
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    },
  });
}
