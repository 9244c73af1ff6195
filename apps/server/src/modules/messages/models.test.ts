import type { InboundContent } from "@papo/whatsapp";
import { describe, expect, it } from "vitest";
import { deliveryStatusOf, SEND_OUTCOME_UNKNOWN, summarizeInbound } from "./models.ts";

const media = { id: "1", mimeType: "x" };

describe("summarizeInbound", () => {
  it.each<[InboundContent, string | null]>([
    [{ type: "text", body: "oi" }, "oi"],
    [{ type: "image", media: { ...media, caption: "foto" } }, "foto"],
    [{ type: "image", media }, "[imagem]"],
    [{ type: "document", media: { ...media, filename: "nota.pdf" } }, "[documento: nota.pdf]"],
    [{ type: "audio", media, voice: true }, "[mensagem de voz]"],
    [{ type: "audio", media, voice: false }, "[áudio]"],
    [{ type: "sticker", media, animated: true }, "[figurinha]"],
    [{ type: "location", latitude: -23.5, longitude: -46.6 }, "[localização: -23.5, -46.6]"],
    [{ type: "location", latitude: 1, longitude: 2, name: "Loja", address: "Av. Paulista" }, "Loja — Av. Paulista"],
    [{ type: "order", items: [{ productRetailerId: "a", quantity: 1, itemPrice: 1, currency: "BRL" }] }, "[pedido: 1 item]"],
    [{ type: "request_welcome" }, "[cliente abriu a conversa]"],
    [{ type: "unsupported", reportedType: "unsupported", unsupportedType: "poll_creation" }, "[mensagem não suportada: poll_creation]"],
    [{ type: "reaction", targetWamid: "w", emoji: null }, null],
    [{ type: "unknown", reportedType: "poll", raw: {} }, "[tipo de mensagem desconhecido: poll]"],
  ])("when the content is %j, the summary is %j", (content, summary) => {
    expect(summarizeInbound(content)).toBe(summary);
  });
});

describe("deliveryStatusOf", () => {
  it("when a message failed because the send outcome was unknown, a status from Meta may still replace it", () => {
    expect(deliveryStatusOf({ status: "failed", errorCode: SEND_OUTCOME_UNKNOWN })).toBeNull();
    expect(deliveryStatusOf({ status: "failed", errorCode: "131026" })).toBe("failed");
  });

  it("when the message has not been reported by Meta yet (queued, sending, accepted), there is no delivery status", () => {
    for (const status of ["queued", "sending", "accepted"] as const) expect(deliveryStatusOf({ status, errorCode: null })).toBeNull();
    expect(deliveryStatusOf({ status: "read", errorCode: null })).toBe("read");
  });
});
