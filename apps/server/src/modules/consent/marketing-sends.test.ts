import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { createConversationsRepo } from "../conversations/repo.ts";

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };
type Conversation = { id: string; contactId: string; contact: { waId: string } | null };

/** The simulator's seeded templates: promo_relampago is MARKETING, hello_world UTILITY (packages/meta-sim/src/seed). */
const marketing = {
  type: "template",
  name: "promo_relampago",
  language: "pt_BR",
  components: [
    { type: "header", parameters: [{ type: "image", link: "https://papo.dev/promo.jpg" }] },
    { type: "body", parameters: ["Lia", "20%"] },
  ],
};
const utility = { type: "template", name: "hello_world", language: "en_US" };

describe.each(DATABASE_KINDS)("marketing templates and consent (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
  }, 120_000);
  afterAll(async () => t?.close());

  const conversationOf = async (phone: string) => {
    t.sim.sendAsCustomer({ from: phone, name: "Lia", type: "text", text: "Oi" });
    return eventually(async () => {
      const { body } = await t.api<{ data: Conversation[] }>("GET", "/api/v1/conversations");
      return body.data.find((c) => c.contact?.waId === phone);
    }, "the customer's conversation");
  };
  const send = (conversationId: string, body: unknown) =>
    t.api<ErrorBody & { id: string }>("POST", `/api/v1/conversations/${conversationId}/messages`, body);

  run("when a contact has not granted marketing consent, a MARKETING template is refused naming it; a UTILITY one goes", async () => {
    const conversation = await conversationOf("5511955550001");

    const refused = await send(conversation.id, marketing);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("consent.marketing_not_allowed");
    expect(refused.body.error.message).toMatch(/^name: promo_relampago is a marketing template/);
    expect((await send(conversation.id, utility)).status).toBe(202);
    await eventually(
      () => t.sim.sentTo("5511955550001").find((m) => JSON.stringify(m).includes("hello_world")),
      "the utility template at WhatsApp",
    );
    expect(t.sim.sentTo("5511955550001").filter((m) => JSON.stringify(m).includes("promo_relampago"))).toEqual([]);
  });

  run("when marketing consent is granted, the MARKETING template goes; after the customer writes SAIR, it is refused again", async () => {
    const conversation = await conversationOf("5511955550002");
    const granted = await t.api("POST", `/api/v1/contacts/${conversation.contactId}/consents`, {
      purpose: "marketing",
      state: "granted",
      evidence: "formulário do site",
    });
    expect(granted.status).toBe(201);

    expect((await send(conversation.id, marketing)).status).toBe(202);
    await eventually(
      () => t.sim.sentTo("5511955550002").find((m) => JSON.stringify(m).includes("promo_relampago")),
      "the marketing template at WhatsApp",
    );

    t.sim.sendAsCustomer({ from: "5511955550002", name: "Lia", type: "text", text: "SAIR" });
    await eventually(async () => (await send(conversation.id, marketing)).status === 422, "the refusal after the opt-out");
  });

  run("when WhatsApp cannot list the templates, a contact without marketing consent gets a retryable 503, not a send", async () => {
    const channel = await t.api<{ id: string }>("POST", "/api/v1/channels", {
      name: "Fora do ar",
      phoneNumberId: "7100000001",
      wabaId: "7100000002",
      accessToken: "EAAforadoar",
      apiUrl: "http://127.0.0.1:1",
    });
    expect(channel.status).toBe(201);
    const contact = await t.api<{ id: string }>("POST", "/api/v1/contacts", { name: "Rui", waId: "5511955550003" });
    const { conversation } = await createConversationsRepo({ db: t.papo.deps.database.db }).openOrReuse(
      t.papo.bootstrap.workspaceId,
      channel.body.id,
      contact.body.id,
      new Date(),
    );

    const answer = await send(conversation.id, marketing);

    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatchObject({ code: "consent.template_category_unknown", details: { field: "name", retryable: true } });
  });
});
