import { describe, expect, it } from "vitest";
import { roundTrip } from "../examples/round-trip.ts";

describe("README example", () => {
  it("when the round-trip example runs, the customer's text arrives and the reply reaches sent, delivered and read", async () => {
    const { received, replyWamid } = await roundTrip();
    expect(received.find((e) => e.kind === "message")).toMatchObject({
      content: { type: "text", body: "Olá! Meu pedido já saiu?" },
      from: { name: "Lia" },
    });
    const statuses = received.flatMap((e) => (e.kind === "status" && e.wamid === replyWamid ? [e.status] : []));
    expect(statuses).toEqual(["sent", "delivered", "read"]);
  });
});
