import { randomBytes } from "node:crypto";
import { serializeLikeMeta, signPayload } from "@papo/whatsapp";

/** The simulator's default number, which a sandbox Papo owns as its channel. */
export const SANDBOX_PHONE_NUMBER_ID = "106540352242922";
export const SANDBOX_WABA_ID = "102290129340398";
export const SANDBOX_DISPLAY_NUMBER = "5511955550000";

/** A wamid shaped like Meta's: `wamid.` + base64 of a record with the customer's number and a unique key. */
export function makeWamid(from: string): string {
  const customer = Buffer.from(from, "utf8");
  const key = Buffer.from(`3A${randomBytes(9).toString("hex").toUpperCase()}`, "utf8");
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, customer.length]),
    customer,
    Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, key.length]),
    key,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString("base64")}`;
}

/** Meta's `messages` webhook carrying one inbound message (Meta's `messages[0]` without `from`) to the sandbox number. */
export function inboundMessagePayload({ from, name, message }: { from: string; name: string; message: Record<string, unknown> }) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: SANDBOX_WABA_ID,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: SANDBOX_DISPLAY_NUMBER, phone_number_id: SANDBOX_PHONE_NUMBER_ID },
              contacts: [{ profile: { name }, wa_id: from }],
              messages: [{ from, ...message }],
            },
          },
        ],
      },
    ],
  };
}

/** One inbound text message, as Meta delivers it. */
export function inboundTextPayload({
  wamid,
  from,
  name,
  text,
  timestamp = Math.floor(Date.now() / 1000),
}: {
  wamid: string;
  from: string;
  name: string;
  text: string;
  timestamp?: number;
}) {
  return inboundMessagePayload({ from, name, message: { id: wamid, timestamp: String(timestamp), type: "text", text: { body: text } } });
}

/** The exact bytes and headers Meta would POST: serialised like Meta (`\u00e7`, `\/`) and signed over those bytes. */
export function signedWebhook(payload: unknown, appSecret: string): { body: string; headers: Record<string, string> } {
  const body = serializeLikeMeta(payload);
  return { body, headers: { "content-type": "application/json", "x-hub-signature-256": signPayload({ body, appSecret }) } };
}
