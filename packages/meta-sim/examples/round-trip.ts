/**
 * A whole WhatsApp round trip without a Meta account: a customer writes, the webhook is checked and normalised, the
 * business answers through the Graph client, and the answer's statuses come back as webhooks.
 *
 *   npx tsx packages/meta-sim/examples/round-trip.ts
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWhatsAppClient, normalizeWebhookBody, verifySignature, type WebhookEvent } from "@papo/whatsapp";
import { createMetaSim } from "../src/index.ts";

export async function roundTrip(): Promise<{ received: WebhookEvent[]; replyWamid: string }> {
  const appSecret = "example-secret";
  const received: WebhookEvent[] = [];

  // 1. Our webhook endpoint: raw bytes in, signature checked, events out.
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks);
      if (!verifySignature({ rawBody, header: req.headers["x-hub-signature-256"] as string | undefined, appSecret }).valid) {
        res.writeHead(401).end();
        return;
      }
      const result = normalizeWebhookBody(rawBody);
      if (result.ok) received.push(...result.events);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;

  // 2. Meta's side.
  const sim = await createMetaSim({ port: 0, appSecret, webhookUrl, statusDelaysMs: { sent: 20, delivered: 40, read: 60 } });
  try {
    // 3. A customer writes in.
    sim.sendAsCustomer({ from: "5511912345678", name: "Lia", type: "text", text: "Olá! Meu pedido já saiu?" });
    await until(() => received.some((e) => e.kind === "message"));

    // 4. The business answers inside the 24-hour window.
    const whatsapp = createWhatsAppClient({ accessToken: sim.accessToken, phoneNumberId: sim.phoneNumberId, baseUrl: sim.url });
    const { wamid } = await whatsapp.sendText({ to: "+5511912345678", body: "Saiu sim, Lia! Chega amanhã." });
    await until(() => received.some((e) => e.kind === "status" && e.wamid === wamid && e.status === "read"));
    return { received, replyWamid: wamid };
  } finally {
    await sim.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { received, replyWamid } = await roundTrip();
  for (const event of received) {
    if (event.kind === "message" && event.content.type === "text")
      console.log(`← ${event.from.name} (${event.from.waId}): ${event.content.body}`);
    if (event.kind === "status" && event.wamid === replyWamid) console.log(`→ reply ${event.status} at ${event.timestamp.toISOString()}`);
  }
}
