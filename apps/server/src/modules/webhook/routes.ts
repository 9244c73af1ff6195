import { parseWebhookBody, SIGNATURE_HEADER, verifyHandshake, verifySignature } from "@papo/whatsapp";
import type { FastifyInstance } from "fastify";
import type { WebhookEventsRepo } from "./repo.ts";

export interface WebhookRouteDeps {
  repo: WebhookEventsRepo;
  /** Every app secret that may sign a webhook: the configured one and each channel's. */
  appSecrets: () => Promise<string[]>;
  /** A comparable fingerprint of the secret that signed a body, stored with it to limit where its events may go. */
  fingerprint: (appSecret: string) => string;
  /** Every verify token accepted by the GET handshake. */
  verifyTokens: () => Promise<string[]>;
  /** Wakes the processor once a body is committed. */
  onStored: () => void;
}

/** Meta allows 3 MB per delivery; a little headroom, and nothing bigger is buffered. */
const BODY_LIMIT = 4 * 1024 * 1024;

/**
 * `GET /webhook` answers Meta's verification handshake; `POST /webhook` checks the signature over the raw bytes, stores
 * the body durably and answers 200 at once. Processing happens after the answer.
 */
export async function webhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  // Raw bytes for this plugin only: the signature is over the exact body Meta sent, never re-serialised JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.get("/webhook", { schema: { hide: true } }, async (request, reply) => {
    const tokens = await deps.verifyTokens();
    const query = request.query as Record<string, unknown>;
    const result =
      tokens.map((verifyToken) => verifyHandshake({ query, verifyToken })).find((r) => r.ok) ?? verifyHandshake({ query, verifyToken: "" });
    if (!result.ok)
      return reply.code(403).send({ error: { code: "webhook.verification_failed", message: `Handshake refused: ${result.reason}` } });
    return reply.type("text/plain").send(result.challenge);
  });

  app.post("/webhook", { schema: { hide: true } }, async (request, reply) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const header = request.headers[SIGNATURE_HEADER];
    const secrets = await deps.appSecrets();
    const signer = secrets.find(
      (appSecret) => verifySignature({ rawBody, header: Array.isArray(header) ? header[0] : header, appSecret }).valid,
    );
    if (signer === undefined) {
      request.log.warn({ hasHeader: Boolean(header) }, "webhook refused: bad or missing signature");
      return reply.code(401).send({ error: { code: "webhook.invalid_signature", message: "Missing or invalid X-Hub-Signature-256" } });
    }
    const parsed = parseWebhookBody(rawBody);
    if (!parsed.ok) return reply.code(400).send({ error: { code: "webhook.invalid_json", message: "The body is not valid JSON" } });
    const stored = await deps.repo.store(rawBody, deps.fingerprint(signer));
    deps.onStored();
    return reply.code(200).send({ received: true, id: stored.id, duplicate: !stored.created });
  });
}
