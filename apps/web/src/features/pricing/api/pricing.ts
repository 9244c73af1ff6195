import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApiClient } from "../../../lib/services.tsx";
import { type PriceTable, type PriceTableInput, pricingKeys, pricingPaths } from "./types.ts";

export function usePriceTable() {
  const client = useApiClient();
  return useQuery({
    queryKey: pricingKeys.table,
    queryFn: ({ signal }) => client.request<PriceTable>(pricingPaths.rates, { signal }),
  });
}

/** Replaces the workspace's own prices; the table is read again, since it merges them with the defaults. */
export function useSavePriceTable() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PriceTableInput) => client.request<unknown>(pricingPaths.rates, { method: "PUT", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pricingKeys.table }),
  });
}
