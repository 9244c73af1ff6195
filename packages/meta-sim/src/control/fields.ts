/** A control-API input problem, naming the field so the caller can fix it. Answered as 400 `{ error: { code, message } }`. */
export class ControlInputError extends Error {
  override readonly name = "ControlInputError";
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(field ? `${field}: ${problem}` : problem);
  }
}

/** A JSON object, or a {@link ControlInputError} on `field`. */
export function readObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ControlInputError(field, "must be an object");
  return value as Record<string, unknown>;
}

const at = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/** Reads an optional string field. */
export function optionalString(source: Record<string, unknown>, key: string, parent = ""): string | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new ControlInputError(at(parent, key), "must be a string");
  return value;
}

/** Reads a required, non-empty string field. */
export function requiredString(source: Record<string, unknown>, key: string, parent = ""): string {
  const value = optionalString(source, key, parent);
  if (value === undefined || value === "") throw new ControlInputError(at(parent, key), "is required");
  return value;
}

/** Reads an optional finite number field. */
export function optionalNumber(source: Record<string, unknown>, key: string, parent = ""): number | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new ControlInputError(at(parent, key), "must be a number");
  return value;
}

/** Reads a required finite number field. */
export function requiredNumber(source: Record<string, unknown>, key: string, parent = ""): number {
  const value = optionalNumber(source, key, parent);
  if (value === undefined) throw new ControlInputError(at(parent, key), "is required");
  return value;
}

/** Reads an optional boolean field. */
export function optionalBoolean(source: Record<string, unknown>, key: string, parent = ""): boolean | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new ControlInputError(at(parent, key), "must be true or false");
  return value;
}

/** Reads an optional object field. */
export function optionalObject(source: Record<string, unknown>, key: string, parent = ""): Record<string, unknown> | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  return readObject(value, at(parent, key));
}

/** Reads a field that must be one of `allowed`. */
export function oneOf<T extends string>(source: Record<string, unknown>, key: string, allowed: readonly T[], parent = ""): T {
  const value = source[key];
  if (typeof value !== "string" || !allowed.includes(value as T))
    throw new ControlInputError(at(parent, key), `must be one of ${allowed.join(", ")}`);
  return value as T;
}
