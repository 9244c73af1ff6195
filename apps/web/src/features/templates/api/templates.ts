import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApiClient } from "../../../lib/services.tsx";
import { type CreateTemplateInput, type SyncResult, type TemplateDto, type TemplateFilters, templateKeys, templatePaths } from "./types.ts";

/** One number's templates, filtered on the server (disabled until a number is chosen). */
export function useTemplates(filters: TemplateFilters) {
  const client = useApiClient();
  return useQuery({
    queryKey: templateKeys.list(filters),
    queryFn: ({ signal }) =>
      client.request<{ data: TemplateDto[] }>(templatePaths.templates, {
        query: {
          channelId: filters.channelId,
          status: filters.status || undefined,
          category: filters.category || undefined,
          q: filters.q || undefined,
        },
        signal,
      }),
    enabled: filters.channelId !== "",
    placeholderData: keepPreviousData,
  });
}

/** Fetches the number's templates from Meta now (otherwise they sync on a schedule and from Meta's webhooks). */
export function useSyncTemplates() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) => client.request<SyncResult>(templatePaths.sync, { method: "POST", json: { channelId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

/** Submits a new template to Meta for review; it comes back PENDING. */
export function useCreateTemplate() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTemplateInput) => client.request<TemplateDto>(templatePaths.templates, { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

export function useDeleteTemplate() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.request<void>(templatePaths.template(id), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}
