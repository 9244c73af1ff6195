import { FAULT_TARGETS, type FaultScenario } from "../rules/faults.ts";
import { ControlInputError, oneOf, optionalNumber, optionalString, readObject } from "./fields.ts";

function parseScenario(raw: unknown, path: string): FaultScenario {
  const source = readObject(raw, path);
  const f = (key: string): string => (path ? `${path}.${key}` : key);
  const on = oneOf(source, "on", FAULT_TARGETS, path);
  const times = optionalNumber(source, "times", path) ?? 1;
  if (!Number.isInteger(times) || times < 1) throw new ControlInputError(f("times"), "must be a positive integer");
  const code = optionalNumber(source, "code", path);
  if (code !== undefined && (!Number.isInteger(code) || code < 0)) throw new ControlInputError(f("code"), "must be a Meta error code");
  const httpStatus = optionalNumber(source, "httpStatus", path);
  if (httpStatus !== undefined && (!Number.isInteger(httpStatus) || httpStatus < 100 || httpStatus > 599)) {
    throw new ControlInputError(f("httpStatus"), "must be an HTTP status between 100 and 599");
  }
  const delayMs = optionalNumber(source, "delayMs", path);
  if (delayMs !== undefined && delayMs < 0) throw new ControlInputError(f("delayMs"), "must not be negative");
  const to = optionalString(source, "to", path);
  if (to !== undefined && on !== "send") throw new ControlInputError(f("to"), 'only applies to on: "send"');
  const as = source.as === undefined ? undefined : oneOf(source, "as", ["response", "status"] as const, path);
  if (as === "status" && on !== "send") throw new ControlInputError(f("as"), 'only applies to on: "send"');
  if (as === "status" && code === undefined) throw new ControlInputError(f("code"), 'is required with as: "status"');
  return {
    on,
    times,
    ...(code === undefined ? {} : { code }),
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(to === undefined ? {} : { to }),
    ...(as === undefined ? {} : { as }),
  };
}

/** Reads fault scenarios given as one scenario, an array, or `{ scenarios: [...] }`. */
export function parseFaults(input: unknown): FaultScenario[] {
  if (Array.isArray(input)) return input.map((raw, i) => parseScenario(raw, `[${i}]`));
  const body = readObject(input, "");
  if (Array.isArray(body.scenarios)) return body.scenarios.map((raw, i) => parseScenario(raw, `scenarios[${i}]`));
  return [parseScenario(body, "")];
}
