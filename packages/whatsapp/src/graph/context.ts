import { validationError } from "../errors/local-errors.ts";
import type { GraphHttp } from "./http.ts";

/** What every endpoint module needs: the transport and the sender id resolution. */
export interface GraphContext {
  http: GraphHttp;
  /** The call's phone-number id, else the client's default; throws a validation error when neither is set. */
  phoneNumberId(override: string | undefined): string;
}

/** Builds the context around the client's default phone-number id. */
export function createGraphContext({
  http,
  defaultPhoneNumberId,
}: {
  http: GraphHttp;
  defaultPhoneNumberId: string | undefined;
}): GraphContext {
  return {
    http,
    phoneNumberId(override) {
      const id = override ?? defaultPhoneNumberId;
      if (!id)
        throw validationError({ issues: [{ path: "phoneNumberId", message: "no phone-number id: set it on the client or on the call" }] });
      return id;
    },
  };
}

/** Graph ids go into the URL path; encoding keeps a malformed id from addressing another resource. */
export const segment = (id: string): string => encodeURIComponent(id);
