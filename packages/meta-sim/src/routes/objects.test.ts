import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimHarness, startSimHarness } from "../testing/sim.test-utils.ts";

let h: SimHarness;

beforeAll(async () => {
  h = await startSimHarness({
    businessAccounts: [
      {
        wabaId: "200000000000001",
        phoneNumbers: [
          { id: "300000000000001", displayPhoneNumber: "+55 21 3000-0001", verifiedName: "Loja Rio" },
          { id: "300000000000002", displayPhoneNumber: "+55 11 4000-0002", verifiedName: "Loja SP", qualityRating: "YELLOW" },
        ],
      },
    ],
  });
});

afterAll(async () => {
  await h.close();
});

describe("GET /{phone-number-id}", () => {
  it("when the default number is read, its profile and throughput level come back", async () => {
    const info = await h.client.getPhoneNumber();

    expect(info).toMatchObject({
      id: "300000000000001",
      displayPhoneNumber: "+55 21 3000-0001",
      verifiedName: "Loja Rio",
      qualityRating: "GREEN",
      throughputLevel: "STANDARD",
    });
  });

  it("when another number of the WABA is read, its own quality rating comes back", async () => {
    expect(await h.client.getPhoneNumber({ phoneNumberId: "300000000000002" })).toMatchObject({ qualityRating: "YELLOW" });
  });

  it("when fields are requested, only those fields and the id come back", async () => {
    const response = await fetch(`${h.sim.url}/v23.0/300000000000001?fields=verified_name`, {
      headers: { authorization: `Bearer ${h.sim.accessToken}` },
    });

    expect(await response.json()).toEqual({ verified_name: "Loja Rio", id: "300000000000001" });
  });

  it("when the id is unknown, the answer is error 100 with HTTP 400", async () => {
    const error = await h.client.getPhoneNumber({ phoneNumberId: "1" }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 100, httpStatus: 400 });
  });

  it("when the API version is malformed, the answer is an unknown-path error", async () => {
    const response = await fetch(`${h.sim.url}/latest/300000000000001`, { headers: { authorization: `Bearer ${h.sim.accessToken}` } });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 2500 } });
  });

  it("when a customer writes to the second number, the webhook metadata names that number", async () => {
    h.sim.sendAsCustomer({ from: "5511912345678", type: "text", text: "oi", phoneNumberId: "300000000000002" });

    const [hook] = await h.receiver.waitForCount(1);

    expect(hook?.json).toMatchObject({
      entry: [
        {
          id: "200000000000001",
          changes: [{ value: { metadata: { phone_number_id: "300000000000002", display_phone_number: "551140000002" } } }],
        },
      ],
    });
  });
});
