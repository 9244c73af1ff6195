import { serializeLikeMeta, signPayload } from "@papo/whatsapp";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformEvents } from "../../db/schema/webhook-events.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type Page<T> = { data: T[]; nextCursor: string | null };

describe.each(DATABASE_KINDS)("which app may write into which number (%s)", (kind) => {
  let t: TestPapo;
  const otherSecret = "app-secret-of-another-meta-app";
  const otherNumber = { phoneNumberId: "710000000000001", wabaId: "810000000000001" };
  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    const created = await t.api("POST", "/api/v1/channels", {
      name: "Outro app",
      ...otherNumber,
      accessToken: "token",
      appSecret: otherSecret,
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  });
  afterAll(async () => t?.close());

  const post = async (appSecret: string, from: string, text: string) => {
    const body = serializeLikeMeta({
      object: "whatsapp_business_account",
      entry: [
        {
          id: otherNumber.wabaId,
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "5511900000001", phone_number_id: otherNumber.phoneNumberId },
                contacts: [{ profile: { name: "Cliente" }, wa_id: from }],
                messages: [
                  {
                    from,
                    id: `wamid.${from}${text.length}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: "text",
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const response = await fetch(`${t.papo.url}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signPayload({ body, appSecret }) },
      body,
    });
    return response.status;
  };
  const feedTexts = async () =>
    (await t.api<Page<{ text: string | null }>>("GET", "/receive-message?limit=200")).body.data.map((m) => m.text);

  it.skipIf(!isAvailable(kind))(
    "when a body signed by one channel's app names another channel's number, it is quarantined, not delivered",
    async () => {
      expect(await post(t.appSecret, "5511977770001", "forjada pelo app do sandbox")).toBe(200);
      expect(await post(otherSecret, "5511977770002", "legítima do próprio app")).toBe(200);

      await eventually(async () => (await feedTexts()).includes("legítima do próprio app"), "the legitimate message");
      const quarantined = await eventually(async () => {
        const rows = await t.papo.deps.database.db.select().from(platformEvents).where(eq(platformEvents.quarantined, true));
        return rows.length > 0 && rows;
      }, "the forged message to be quarantined");
      expect(quarantined.map((r) => [r.kind, r.phoneNumberId, r.channelId])).toEqual([["message", otherNumber.phoneNumberId, null]]);
      expect(await feedTexts()).not.toContain("forjada pelo app do sandbox");
    },
  );
});
