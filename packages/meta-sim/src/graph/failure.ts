/**
 * A Graph API error the simulator answers with. `httpStatus` defaults to the status Meta uses for `code`
 * (from `lookupErrorCode`), so callers only say what went wrong.
 */
export interface GraphFailure {
  code: number;
  /** `error_data.details`: the sentence that tells the caller which field or rule failed. */
  details?: string;
  /** Replaces the code's title in `error.message`. */
  message?: string;
  httpStatus?: number;
  subcode?: number;
}

/** The outcome of a simulator operation that Graph routes turn into a response. */
export type GraphResult<T> = { ok: true; value: T } | { ok: false; failure: GraphFailure };

/** Wraps a success. */
export const succeed = <T>(value: T): GraphResult<T> => ({ ok: true, value });

/** Wraps a failure. */
export const fail = <T = never>(failure: GraphFailure): GraphResult<T> => ({ ok: false, failure });

/** Meta's answer for any id the caller may not see or that does not exist, whatever the object type. */
export const objectNotFound = ({ id, method }: { id: string; method: "get" | "post" | "delete" }): GraphFailure => ({
  code: 100,
  subcode: 33,
  httpStatus: 400,
  message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
  details: `Object with ID '${id}' does not exist`,
});
