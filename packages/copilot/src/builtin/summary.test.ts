import { describe, expect, it } from "vitest";
import type { Turn } from "../types.ts";
import { summarizeExtractive } from "./summary.ts";

const delayed: Turn[] = [
  { role: "customer", text: "Oi, bom dia!" },
  { role: "customer", text: "Quero saber do meu pedido. Comprei dia 12/03 e até agora nada. O número é 458812." },
  { role: "agent", text: "Olá! Vou verificar com a transportadora e te retorno até amanhã." },
  { role: "customer", text: "Ok obrigado" },
  { role: "customer", text: "Consigo trocar o endereço de entrega?" },
];

describe("built-in extractive summary", () => {
  it("when a customer reports a problem, the summary keeps the request, the facts, the commitment and the open question", () => {
    const summary = summarizeExtractive(delayed, "pt");
    expect(summary.points).toEqual([
      "Cliente: Quero saber do meu pedido.",
      "Cliente: Comprei dia 12/03 e até agora nada.",
      "Atendente: Vou verificar com a transportadora e te retorno até amanhã.",
      "Em aberto: Consigo trocar o endereço de entrega?",
    ]);
    expect(summary.text).toBe(summary.points.join(" "));
    expect(summary.text).not.toContain("bom dia");
  });

  it("when the language is English or Spanish, the labels are too", () => {
    const turns: Turn[] = [
      { role: "customer", text: "hi" },
      { role: "customer", text: "My order #5521 arrived broken, I want a refund." },
      { role: "agent", text: "Sorry about that! We will refund you within 5 days." },
    ];
    expect(summarizeExtractive(turns, "en").points).toEqual([
      "Customer: My order #5521 arrived broken, I want a refund.",
      "Agent: We will refund you within 5 days.",
    ]);
    const es: Turn[] = [
      { role: "customer", text: "Hola, mi pedido 9921 llegó roto" },
      { role: "agent", text: "Le enviaremos otro mañana." },
    ];
    expect(summarizeExtractive(es, "es").points).toEqual([
      "Cliente: Hola, mi pedido 9921 llegó roto.",
      "Agente: Le enviaremos otro mañana.",
    ]);
  });

  it("when the team already answered the last question, it is not listed as open", () => {
    const turns: Turn[] = [
      { role: "customer", text: "Vocês entregam em Salvador?" },
      { role: "agent", text: "Entregamos sim, em até 7 dias úteis." },
    ];
    expect(summarizeExtractive(turns, "pt").points.some((p) => p.startsWith("Em aberto"))).toBe(false);
  });

  it("when there is no customer message, the summary says so and has no points", () => {
    expect(summarizeExtractive([{ role: "agent", text: "Olá" }], "es")).toEqual({
      text: "Conversación sin mensajes del cliente.",
      points: [],
    });
  });

  it("when a sentence is very long, it is cut and the same input always gives the same summary", () => {
    const turns: Turn[] = [{ role: "customer", text: `Meu pedido 123456 ${"não chegou e ".repeat(30)}estou esperando` }];
    const first = summarizeExtractive(turns, "pt");
    expect(first.points[0]?.length).toBeLessThanOrEqual(200);
    expect(first.points[0]?.endsWith("…")).toBe(true);
    expect(summarizeExtractive(turns, "pt")).toEqual(first);
  });
});
