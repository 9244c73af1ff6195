import { useMutation } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import type { ApiClient } from "../../../lib/api-client.ts";
import type { LoginResponse } from "../../../lib/api-types.ts";
import { useServices } from "../../../lib/services.tsx";

export interface LoginInput {
  email: string;
  password: string;
}

export function login(client: ApiClient, input: LoginInput): Promise<LoginResponse> {
  return client.request<LoginResponse>(apiPaths.login, { method: "POST", json: input });
}

/** Logs in and starts the session (kept across reloads until the token expires or the agent logs out). */
export function useLogin() {
  const { client, session } = useServices();
  return useMutation({
    mutationFn: (input: LoginInput) => login(client, input),
    onSuccess: (response) => session.start(response),
  });
}
