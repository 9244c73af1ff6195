import { serializeLikeMeta, type WebhookEvent } from "@papo/whatsapp";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { createIngest, EventOrigin } from "./ingest.ts";
import { MAX_ATTEMPTS, startWebhookProcessor } from "./processor.ts";
import type { ClaimedWebhookEvent, WebhookEventsRepo } from "./repo.ts";

const text = (id: string) => ({ from: "5511900000000", id, timestamp: "1779883200", type: "text", text: { body: id } });
const body = serializeLikeMeta({
  object: "whatsapp_business_account",
  entry: [
    {
      id: "1",
      changes: [
        { field: "messages", value: { metadata: { phone_number_id: "2" }, messages: [text("wamid.a"), text("wamid.b"), text("wamid.c")] } },
      ],
    },
  ],
});

/** A stored body claimed once with the given attempt count, recording what the processor decides. */
function inMemoryRepo(attempts: number) {
  let claimed = false;
  const decisions: string[] = [];
  const repo = {
    claimDue: async (): Promise<ClaimedWebhookEvent | undefined> => {
      if (claimed) return undefined;
      claimed = true;
      return { id: "body-1", body, attempts, receivedAt: new Date(), signedBy: null };
    },
    markProcessed: async () => {
      decisions.push("processed");
    },
    markRetry: async () => {
      decisions.push("retry");
    },
    markFailed: async () => {
      decisions.push("failed");
    },
  } as unknown as WebhookEventsRepo;
  return { repo, decisions };
}

/** An ingest whose second event always fails, as a bug or a broken row would make it. */
function ingestFailingOn(wamid: string) {
  const applied: string[] = [];
  const deadLettered: string[] = [];
  const wamidOf = (event: WebhookEvent) => (event.kind === "message" ? event.wamid : event.kind);
  const ingest = {
    apply: async (event: WebhookEvent, _origin: EventOrigin) => {
      if (wamidOf(event) === wamid) throw new Error("broken event");
      applied.push(wamidOf(event));
    },
    deadLetter: async (event: WebhookEvent) => {
      deadLettered.push(wamidOf(event));
    },
  } as unknown as ReturnType<typeof createIngest>;
  return { ingest, applied, deadLettered };
}

async function runOnce(attempts: number) {
  const { repo, decisions } = inMemoryRepo(attempts);
  const { ingest, applied, deadLettered } = ingestFailingOn("wamid.b");
  const loop = startWebhookProcessor({ repo, ingest, clock: { now: () => new Date() }, log: pino({ level: "silent" }) });
  const deadline = Date.now() + 5_000;
  while (decisions.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  await loop.stop();
  return { decisions, applied, deadLettered };
}

describe("webhook processor", () => {
  it("when one event of a body fails, the others are still applied and the body is retried", async () => {
    const { decisions, applied, deadLettered } = await runOnce(1);
    expect(applied).toEqual(["wamid.a", "wamid.c"]);
    expect(decisions).toEqual(["retry"]);
    expect(deadLettered).toEqual([]);
  });

  it("when the event still fails on the last attempt, only it is dead-lettered and the body counts as processed", async () => {
    const { decisions, applied, deadLettered } = await runOnce(MAX_ATTEMPTS);
    expect(applied).toEqual(["wamid.a", "wamid.c"]);
    expect(deadLettered).toEqual(["wamid.b"]);
    expect(decisions).toEqual(["processed"]);
  });
});
