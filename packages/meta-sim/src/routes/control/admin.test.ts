import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimHarness, startSimHarness } from "../../testing/sim.test-utils.ts";

let h: SimHarness;

beforeAll(async () => {
  h = await startSimHarness();
});

afterAll(async () => {
  await h.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${h.sim.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("control API", () => {
  it("when the simulator is described, it lists the token, the Graph base URL and the business numbers", async () => {
    const { json } = await call("GET", "/_sim");

    expect(json).toMatchObject({
      graphBaseUrl: `${h.sim.url}/v24.0`,
      accessTokens: ["sim-access-token"],
      businessAccounts: [{ wabaId: h.sim.wabaId, phoneNumbers: [{ id: h.sim.phoneNumberId }] }],
    });
  });

  it("when faults are posted, they are listed and consumed by matching calls, and DELETE clears them", async () => {
    const posted = await call("POST", "/_sim/faults", {
      scenarios: [
        { on: "send", code: 131000, times: 2 },
        { on: "webhook", times: 1 },
      ],
    });
    const cleared = await call("DELETE", "/_sim/faults");

    expect(posted.json.faults).toHaveLength(2);
    expect(cleared.json).toEqual({ faults: [] });
    expect((await call("GET", "/_sim/faults")).json).toEqual({ faults: [] });
  });

  it("when a fault names an unknown target, the answer is 400 naming the field", async () => {
    expect(await call("POST", "/_sim/faults", { on: "everything", times: 1 })).toMatchObject({
      status: 400,
      json: { error: { code: "invalid_request", field: "on" } },
    });
  });

  it("when a fault has a non-positive times, the answer is 400 naming scenarios[0].times", async () => {
    expect(await call("POST", "/_sim/faults", { scenarios: [{ on: "send", times: 0 }] })).toMatchObject({
      status: 400,
      json: { error: { field: "scenarios[0].times" } },
    });
  });

  it("when the configuration is patched, the new values are returned and used", async () => {
    const { json } = await call("PATCH", "/_sim/config", { statusDelaysMs: { read: null }, duplicateDeliveries: true });

    expect(json).toMatchObject({ statusDelaysMs: { sent: 5, delivered: 10, read: null }, duplicateDeliveries: true });
    await call("POST", "/_sim/reset");
  });

  it("when the configuration patch has an unknown key, the answer is 400 naming it", async () => {
    expect(await call("PATCH", "/_sim/config", { statusDelay: 1 })).toMatchObject({
      status: 400,
      json: { error: { field: "statusDelay" } },
    });
  });

  it("when the configuration patch has a negative delay, the answer is 400 naming the delay", async () => {
    expect(await call("PATCH", "/_sim/config", { statusDelaysMs: { sent: -1 } })).toMatchObject({
      status: 400,
      json: { error: { field: "statusDelaysMs.sent" } },
    });
  });

  it("when the simulator is reset, messages, faults and the delivery log are gone and the configuration is back", async () => {
    await call("POST", "/_sim/customers/messages", { from: "5511912345678", type: "text", text: "oi" });
    await call("POST", "/_sim/faults", { on: "send", code: 1, times: 1 });
    await call("PATCH", "/_sim/config", { windowMode: "strict" });

    await call("POST", "/_sim/reset");

    expect((await call("GET", "/_sim/customers/5511912345678/messages")).json).toMatchObject({ messages: [], received: [] });
    expect((await call("GET", "/_sim/faults")).json).toEqual({ faults: [] });
    expect((await call("GET", "/_sim/webhooks")).json).toEqual({ deliveries: [] });
    expect((await call("GET", "/_sim/config")).json).toMatchObject({ windowMode: "async" });
  });

  it("when the delivery log is read, each entry shows its kind, state and attempts", async () => {
    await call("POST", "/_sim/customers/messages", { from: "5511912345678", type: "text", text: "log" });
    await h.sim.webhooksIdle();

    const { json } = await call("GET", "/_sim/webhooks");

    expect(json.deliveries).toEqual([
      expect.objectContaining({
        kind: "message:text",
        state: "delivered",
        attempts: [expect.objectContaining({ attempt: 1, statusCode: 200 })],
      }),
    ]);
  });

  it("when a raw webhook is posted, it is delivered and logged", async () => {
    const { json } = await call("POST", "/_sim/webhooks/raw", {
      payload: { object: "whatsapp_business_account", entry: [{ id: "0", changes: [] }] },
    });

    await h.receiver.waitForCount(1, (r) => r.rawBody.includes('"id":"0"'));
    expect(json).toMatchObject({ deliveryId: expect.any(Number), state: "queued" });
  });

  it("when a raw webhook has neither payload nor body, the answer is 400 naming payload", async () => {
    expect(await call("POST", "/_sim/webhooks/raw", {})).toMatchObject({ status: 400, json: { error: { field: "payload" } } });
  });

  it("when a template is rejected through the control API, a REJECTED webhook with the reason arrives", async () => {
    const template = h.sim.templates().find((t) => t.name === "hello_world");

    const { json } = await call("POST", `/_sim/templates/${template?.id}/status`, { event: "REJECTED", reason: "INCORRECT_CATEGORY" });

    expect(json).toMatchObject({ templates: [{ status: "REJECTED", rejected_reason: "INCORRECT_CATEGORY" }] });
    const [hook] = await h.receiver.waitForCount(1, (r) => r.rawBody.includes("INCORRECT_CATEGORY"));
    expect(hook?.json).toMatchObject({
      entry: [
        {
          id: h.sim.wabaId,
          time: expect.any(Number),
          changes: [{ field: "message_template_status_update", value: { event: "REJECTED" } }],
        },
      ],
    });
  });

  it("when a template status change names an unknown event, the answer is 400 naming event", async () => {
    expect(await call("POST", "/_sim/templates/hello_world/status", { event: "LOVED" })).toMatchObject({
      status: 400,
      json: { error: { field: "event" } },
    });
  });

  it("when a control path does not exist, the answer is 404 in the control dialect", async () => {
    expect(await call("POST", "/_sim/nothing/here/at/all")).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });
  });

  it("when the control body is not JSON, the answer is 400 in the control dialect", async () => {
    const response = await fetch(`${h.sim.url}/_sim/customers/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_request" } });
  });
});
