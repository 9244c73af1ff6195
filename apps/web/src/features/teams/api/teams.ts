import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { Page, User } from "../../../lib/api-types.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { useApiClient } from "../../../lib/services.tsx";

/** `GET /api/v1/teams`: a group of agents the reports filter and compare by. */
export interface Team {
  id: string;
  name: string;
  memberIds: string[];
  createdAt: string;
}

export interface TeamInput {
  name: string;
  memberIds: string[];
}

export const teamsPath = "/api/v1/teams";
const teamPath = (teamId: string) => `${teamsPath}/${encodeURIComponent(teamId)}`;
export const teamsKey = ["teams"] as const;

export function getTeams(client: ApiClient, signal?: AbortSignal): Promise<Team[]> {
  return client.request<Team[]>(teamsPath, { signal });
}

/** The workspace's teams, by name. */
export function useTeams() {
  const client = useApiClient();
  return useQuery(queryOptions({ queryKey: teamsKey, queryFn: ({ signal }) => getTeams(client, signal) }));
}

/** The workspace's users for the members picker (the users query's key: the users page's changes show here too). */
export function usePeople() {
  const client = useApiClient();
  return useQuery(
    queryOptions({ queryKey: queryKeys.users, queryFn: ({ signal }) => client.request<Page<User>>(apiPaths.users, { signal }) }),
  );
}

/** Creates a team, or (with `teamId`) renames it and replaces its members; `users.manage` (administrators). */
export function useSaveTeam(teamId?: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamInput) =>
      client.request<Team>(teamId ? teamPath(teamId) : teamsPath, { method: teamId ? "PATCH" : "POST", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}

export function useDeleteTeam(teamId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.request<null>(teamPath(teamId), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}
