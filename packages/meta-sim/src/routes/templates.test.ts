import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimHarness, startSimHarness } from "../testing/sim.test-utils.ts";
import { changeValueOf } from "../testing/webhook-receiver.test-utils.ts";

let h: SimHarness;

beforeAll(async () => {
  h = await startSimHarness();
});

afterAll(async () => {
  await h.close();
});

const templateEvents = () =>
  h.receiver.received.filter((r) => JSON.stringify(r.json).includes("message_template_status_update")).map(changeValueOf);

describe("templates API", () => {
  it("when the seeded templates are listed, each category and both parameter formats are present", async () => {
    const page = await h.client.listTemplates({ wabaId: h.sim.wabaId, limit: 100 });

    expect(page.data.map((t) => t.category)).toEqual(expect.arrayContaining(["UTILITY", "MARKETING", "AUTHENTICATION"]));
    expect(page.data.find((t) => t.name === "pedido_enviado")).toMatchObject({
      language: "pt_BR",
      parameterFormat: "NAMED",
      status: "APPROVED",
    });
    expect(page.nextCursor).toBeUndefined();
  });

  it("when the page is smaller than the list, the next cursor walks through every template exactly once", async () => {
    const names: string[] = [];
    let after: string | undefined;
    do {
      const page = await h.client.listTemplates({ wabaId: h.sim.wabaId, limit: 2, ...(after ? { after } : {}) });
      names.push(...page.data.map((t) => t.name));
      after = page.nextCursor;
    } while (after);

    expect(names).toHaveLength(h.sim.templates().length);
    expect(new Set(names).size).toBe(names.length);
  });

  it("when filtered by status, only approved templates are listed", async () => {
    const page = await h.client.listTemplates({ wabaId: h.sim.wabaId, status: "APPROVED", limit: 100 });

    expect(page.data.every((t) => t.status === "APPROVED")).toBe(true);
    expect(page.data.some((t) => t.name === "oferta_natal")).toBe(false);
  });

  it("when a template is created, it starts PENDING and is approved later with a status webhook", async () => {
    const created = await h.client.createTemplate({
      wabaId: h.sim.wabaId,
      name: "confirmacao_pagamento",
      category: "UTILITY",
      language: "pt_BR",
      components: [{ type: "BODY", text: "Recebemos seu pagamento de {{1}}.", example: { body_text: [["R$ 10"]] } }],
    });

    expect(created).toMatchObject({ status: "PENDING", category: "UTILITY" });
    await h.receiver.waitForCount(1, (r) => JSON.stringify(r.json).includes("confirmacao_pagamento"));
    expect(templateEvents().at(-1)).toEqual({
      event: "APPROVED",
      message_template_id: Number(created.id),
      message_template_name: "confirmacao_pagamento",
      message_template_language: "pt_BR",
      reason: "NONE",
      message_template_category: "UTILITY",
    });
    await expect(
      h.client.sendTemplate({
        to: "+5511912345678",
        name: "confirmacao_pagamento",
        language: "pt_BR",
        components: [{ type: "body", parameters: ["R$ 10"] }],
      }),
    ).resolves.toMatchObject({
      messageStatus: "accepted",
    });
  });

  it("when a template with that name and language exists, creating it again fails with 100", async () => {
    const error = await h.client
      .createTemplate({
        wabaId: h.sim.wabaId,
        name: "hello_world",
        category: "UTILITY",
        language: "en_US",
        components: [{ type: "BODY", text: "x" }],
      })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 100 });
  });

  it("when the control API pauses a template, a webhook announces it and sends fail with 132015", async () => {
    const before = templateEvents().length;
    h.sim.setTemplateStatus("lembrete_consulta", "PAUSED");

    await h.receiver.waitForCount(before + 1, (r) => JSON.stringify(r.json).includes("message_template_status_update"));
    const error = await h.client
      .sendTemplate({
        to: "+5511912345678",
        name: "lembrete_consulta",
        language: "pt_BR",
        components: [
          { type: "body", parameters: ["Lia", "Clínica", "amanhã"] },
          { type: "button", subType: "url", index: 0, text: "A-1" },
        ],
      })
      .catch((e: unknown) => e);

    expect(templateEvents().at(-1)).toMatchObject({ event: "PAUSED", message_template_name: "lembrete_consulta" });
    expect(error).toMatchObject({ code: 132015 });
  });

  it("when a template is deleted by name, it disappears from the list", async () => {
    await expect(h.client.deleteTemplate({ wabaId: h.sim.wabaId, name: "oferta_natal" })).resolves.toEqual({ success: true });

    const page = await h.client.listTemplates({ wabaId: h.sim.wabaId, name: "oferta_natal" });

    expect(page.data).toEqual([]);
  });

  it("when deleting a template that does not exist, the answer is error 100", async () => {
    const error = await h.client.deleteTemplate({ wabaId: h.sim.wabaId, name: "nao_existe" }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 100 });
  });

  it("when a templates fault is injected, listing fails as transient", async () => {
    h.sim.setFaults([{ on: "templates", httpStatus: 503, times: 1 }]);

    const error = await h.client.listTemplates({ wabaId: h.sim.wabaId }).catch((e: unknown) => e);

    expect(error).toMatchObject({ httpStatus: 503, code: 131000 });
  });

  it("when the WABA id is unknown, listing fails with 100", async () => {
    const error = await h.client.listTemplates({ wabaId: "404" }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 100 });
  });
});
