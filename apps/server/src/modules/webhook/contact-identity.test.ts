import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type Page<T> = { data: T[]; nextCursor: string | null };
type Contact = { id: string; waId: string | null; userId: string | null };
type Message = { text: string | null; contactId: string };

describe.each(DATABASE_KINDS)("a customer known by two ids (%s)", (kind) => {
  let t: TestPapo;
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  it.skipIf(!isAvailable(kind))(
    "when a CRM contact (by phone) and a username contact (by BSUID) exist and a message carries both ids, it is stored and nothing fails",
    async () => {
      const phone = "5511955507777";
      const userId = "BR.4455667788990011";
      const crm = await t.api<Contact>("POST", "/api/v1/contacts", { name: "Do CRM", phone: `+${phone}` });
      t.sim.sendAsCustomer({ userId, name: "Sem número", type: "text", text: "oi, sou eu pelo usuário" });
      await eventually(
        async () =>
          (await t.api<Page<Message>>("GET", "/receive-message?limit=200")).body.data.some((m) => m.text === "oi, sou eu pelo usuário"),
        "the BSUID-only message",
      );

      t.sim.sendAsCustomer({ from: phone, userId, name: "Com os dois", type: "text", text: "agora com número e usuário" });
      const both = await eventually(
        async () =>
          (await t.api<Page<Message>>("GET", "/receive-message?limit=200")).body.data.find((m) => m.text === "agora com número e usuário"),
        "the message carrying both ids",
      );
      expect([crm.body.id]).toContain(both.contactId);
      const bsuidContact = (await t.api<Page<Contact>>("GET", "/api/v1/contacts?limit=200")).body.data.find((c) => c.userId === userId);
      expect(bsuidContact?.waId).toBeNull();
      expect((await t.api<Contact>("GET", `/api/v1/contacts/${crm.body.id}`)).body.userId).toBeNull();
    },
  );
});
