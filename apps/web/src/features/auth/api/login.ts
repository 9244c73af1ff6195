import { useMutation } from "@tanstack/react-query";
import type { ApiClient } from "../../../lib/api-client.ts";
import { authPaths, type LoginAnswer } from "./types.ts";

export interface LoginInput {
  email: string;
  password: string;
}

export function login(client: ApiClient, input: LoginInput): Promise<LoginAnswer> {
  return client.request<LoginAnswer>(authPaths.login, { method: "POST", json: input });
}

/** Checks the password; the caller starts the session, or goes on to the second step the answer asks for. */
export function useLogin(client: ApiClient) {
  return useMutation({ mutationFn: (input: LoginInput) => login(client, input) });
}
