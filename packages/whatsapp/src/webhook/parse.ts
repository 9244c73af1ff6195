/** Why a webhook body could not be read at all. Inside a readable envelope, problems become `unknown` events instead. */
export interface WebhookPayloadError {
  code: "invalid_json" | "invalid_envelope";
  message: string;
  issues: Array<{ path: string; message: string }>;
}

/** Parses the raw request bytes as JSON without throwing. */
export function parseWebhookBody(rawBody: Uint8Array | string): { ok: true; value: unknown } | { ok: false; error: WebhookPayloadError } {
  const text = typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: "invalid_json", message: "The body is not valid JSON", issues: [{ path: "", message }] } };
  }
}
