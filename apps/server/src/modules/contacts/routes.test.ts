import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../../events/bus.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type ErrorBody = { error: { code: string; message: string } };
type Contact = { id: string; name: string | null; tags: string[]; attributes: Record<string, unknown> };

describe.each(DATABASE_KINDS)("contact updates from the contact panel (%s)", (kind) => {
  let t: TestPapo;
  let contactId: string;
  const run = it.skipIf(!isAvailable(kind));
  const patch = <T>(body: unknown) => t.api<T>("PATCH", `/api/v1/contacts/${contactId}`, body);

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    contactId = (await t.api<Contact>("POST", "/api/v1/contacts", { name: "Lia Souza", phone: "+5511912345678" })).body.id;
  });
  afterAll(async () => t?.close());

  run("when the name, tags and attributes are patched, the contact reads back normalised and contact.updated is emitted", async () => {
    const events: DomainEvent[] = [];
    const off = t.papo.deps.events.on((event) => events.push(event));
    const response = await patch<Contact>({
      name: "Lia S. Souza",
      tags: [" VIP ", "vip", "atacado"],
      attributes: { " plano ": "ouro", cidade: "Campinas" },
    }).finally(off);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: "Lia S. Souza",
      tags: ["VIP", "atacado"],
      attributes: { plano: "ouro", cidade: "Campinas" },
    });
    expect((await t.api<Contact>("GET", `/api/v1/contacts/${contactId}`)).body).toMatchObject({
      tags: ["VIP", "atacado"],
      attributes: { plano: "ouro", cidade: "Campinas" },
    });
    expect(events).toContainEqual(expect.objectContaining({ type: "contact.updated", contactId }));
  });

  run("when attributes are patched, they replace the old ones as a whole", async () => {
    await patch({ attributes: { plano: "ouro", cidade: "Campinas" } });
    const response = await patch<Contact>({ attributes: { plano: "prata" } });
    expect(response.body.attributes).toEqual({ plano: "prata" });
  });

  run("when a tag or an attribute breaks a limit, the 400 names the field and nothing changes", async () => {
    await patch({ tags: ["VIP"] });
    for (const [body, field] of [
      [{ tags: ["ok", "  "] }, "body.tags.1"],
      [{ tags: ["x".repeat(65)] }, "body.tags.0"],
      [{ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, "body.tags"],
      [{ attributes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])) }, "body.attributes"],
      [{ attributes: { notas: "x".repeat(17 * 1024) } }, "body.attributes"],
    ] as const) {
      const response = await patch<ErrorBody>(body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("request.invalid");
      expect(response.body.error.message).toContain(field);
    }
    expect((await t.api<Contact>("GET", `/api/v1/contacts/${contactId}`)).body.tags).toEqual(["VIP"]);
  });

  run("when the name is cleared with null, the contact has no name", async () => {
    const response = await patch<Contact>({ name: null });
    expect([response.status, response.body.name]).toEqual([200, null]);
  });
});
