import type { RuntimeConfig } from "../options.ts";
import { ControlInputError, oneOf, optionalBoolean, optionalNumber, optionalString, readObject, requiredNumber } from "./fields.ts";

/** A partial runtime configuration, as `PATCH /_sim/config` and `sim.configure` take it. */
export type ConfigPatch = Partial<Omit<RuntimeConfig, "statusDelaysMs" | "webhookRetry">> & {
  statusDelaysMs?: Partial<RuntimeConfig["statusDelaysMs"]>;
  webhookRetry?: Partial<RuntimeConfig["webhookRetry"]>;
};

const KEYS = new Set([
  "webhookUrl",
  "statusDelaysMs",
  "throughputPerSecond",
  "pairRate",
  "windowMode",
  "webhookRetry",
  "webhookTimeoutMs",
  "duplicateDeliveries",
  "shuffleStatuses",
  "templateApprovalDelayMs",
]);

const nonNegative = (value: number | undefined, field: string): number | undefined => {
  if (value !== undefined && value < 0) throw new ControlInputError(field, "must not be negative");
  return value;
};

/** Validates a configuration patch; unknown keys are refused so a typo does not silently do nothing. */
export function parseConfigPatch(input: unknown): ConfigPatch {
  const body = readObject(input, "");
  const unknown = Object.keys(body).find((key) => !KEYS.has(key));
  if (unknown) throw new ControlInputError(unknown, `is not a setting; use one of ${[...KEYS].join(", ")}`);
  const patch: ConfigPatch = {};
  if ("webhookUrl" in body) {
    const url = optionalString(body, "webhookUrl");
    if (url !== undefined && !/^https?:\/\//.test(url))
      throw new ControlInputError("webhookUrl", "must be an http(s) URL, or null to stop delivering");
    patch.webhookUrl = url;
  }
  if (body.statusDelaysMs !== undefined) {
    const delays = readObject(body.statusDelaysMs, "statusDelaysMs");
    const sent = nonNegative(optionalNumber(delays, "sent", "statusDelaysMs"), "statusDelaysMs.sent");
    const delivered = nonNegative(optionalNumber(delays, "delivered", "statusDelaysMs"), "statusDelaysMs.delivered");
    patch.statusDelaysMs = {
      ...(sent === undefined ? {} : { sent }),
      ...(delivered === undefined ? {} : { delivered }),
      ...("read" in delays
        ? {
            read:
              delays.read === null ? null : (nonNegative(optionalNumber(delays, "read", "statusDelaysMs"), "statusDelaysMs.read") ?? null),
          }
        : {}),
    };
  }
  const throughput = optionalNumber(body, "throughputPerSecond");
  if (throughput !== undefined) {
    if (throughput <= 0) throw new ControlInputError("throughputPerSecond", "must be positive");
    patch.throughputPerSecond = throughput;
  }
  if ("pairRate" in body) {
    if (body.pairRate === null) patch.pairRate = null;
    else {
      const rate = readObject(body.pairRate, "pairRate");
      const burst = requiredNumber(rate, "burst", "pairRate");
      const intervalMs = requiredNumber(rate, "intervalMs", "pairRate");
      if (burst < 1 || intervalMs <= 0) throw new ControlInputError("pairRate", "burst must be ≥ 1 and intervalMs > 0");
      patch.pairRate = { burst, intervalMs };
    }
  }
  if (body.windowMode !== undefined) patch.windowMode = oneOf(body, "windowMode", ["async", "strict"] as const);
  if (body.webhookRetry !== undefined) {
    const retry = readObject(body.webhookRetry, "webhookRetry");
    const maxAttempts = optionalNumber(retry, "maxAttempts", "webhookRetry");
    if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 1))
      throw new ControlInputError("webhookRetry.maxAttempts", "must be a positive integer");
    const baseDelayMs = nonNegative(optionalNumber(retry, "baseDelayMs", "webhookRetry"), "webhookRetry.baseDelayMs");
    patch.webhookRetry = { ...(maxAttempts === undefined ? {} : { maxAttempts }), ...(baseDelayMs === undefined ? {} : { baseDelayMs }) };
  }
  const timeout = nonNegative(optionalNumber(body, "webhookTimeoutMs"), "webhookTimeoutMs");
  if (timeout !== undefined) patch.webhookTimeoutMs = timeout;
  const duplicates = optionalBoolean(body, "duplicateDeliveries");
  if (duplicates !== undefined) patch.duplicateDeliveries = duplicates;
  const shuffle = optionalBoolean(body, "shuffleStatuses");
  if (shuffle !== undefined) patch.shuffleStatuses = shuffle;
  if ("templateApprovalDelayMs" in body) {
    patch.templateApprovalDelayMs =
      body.templateApprovalDelayMs === null
        ? null
        : (nonNegative(optionalNumber(body, "templateApprovalDelayMs"), "templateApprovalDelayMs") ?? null);
  }
  return patch;
}

/** Applies a validated patch to the live configuration. */
export function applyConfigPatch(config: RuntimeConfig, patch: ConfigPatch): void {
  const { statusDelaysMs, webhookRetry, ...rest } = patch;
  Object.assign(config, rest);
  if ("webhookUrl" in patch) config.webhookUrl = patch.webhookUrl;
  if (statusDelaysMs) config.statusDelaysMs = { ...config.statusDelaysMs, ...statusDelaysMs };
  if (webhookRetry) config.webhookRetry = { ...config.webhookRetry, ...webhookRetry };
}
