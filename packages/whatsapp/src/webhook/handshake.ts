/** The query Meta sends to a callback URL when it is saved in the App Dashboard. */
export interface HandshakeQuery {
  "hub.mode"?: unknown;
  "hub.verify_token"?: unknown;
  "hub.challenge"?: unknown;
}

export type HandshakeResult = { ok: true; challenge: string } | { ok: false; reason: "wrong_mode" | "wrong_token" | "missing_challenge" };

export interface VerifyHandshakeOptions {
  query: HandshakeQuery | Record<string, unknown>;
  /** The verify token configured in the App Dashboard next to the callback URL. */
  verifyToken: string;
}

const first = (value: unknown): string | undefined => {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return undefined;
};

/**
 * Answers Meta's GET verification request. On success respond `200` with `challenge` as the plain-text body
 * (not JSON, not quoted); on failure respond `403`.
 *
 * @example
 * const result = verifyHandshake({ query: req.query, verifyToken });
 * result.ok ? reply.type("text/plain").send(result.challenge) : reply.code(403).send();
 */
export function verifyHandshake({ query, verifyToken }: VerifyHandshakeOptions): HandshakeResult {
  const q = query as Record<string, unknown>;
  if (first(q["hub.mode"]) !== "subscribe") return { ok: false, reason: "wrong_mode" };
  const token = first(q["hub.verify_token"]);
  if (!verifyToken || token === undefined || !constantTimeEqual(token, verifyToken)) return { ok: false, reason: "wrong_token" };
  const challenge = first(q["hub.challenge"]);
  if (!challenge) return { ok: false, reason: "missing_challenge" };
  return { ok: true, challenge };
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}
