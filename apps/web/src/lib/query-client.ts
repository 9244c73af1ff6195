import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-client.ts";

/** Retries only what may succeed on a second try: no answer at all, or a server error. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The live stream keeps data fresh; refetching on focus is the safety net after a sleep.
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
