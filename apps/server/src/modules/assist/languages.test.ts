import type { Turn } from "@papo/copilot";
import { describe, expect, it } from "vitest";
import { agentLanguage, customerLanguage, latestCustomerTurns } from "./languages.ts";

const customer = (text: string): Turn => ({ role: "customer", text });
const agent = (text: string): Turn => ({ role: "agent", text });

describe("the customer's latest turns", () => {
  it("when the customer wrote several messages since the agent spoke, they are the question, oldest first", () => {
    const turns = [customer("oi"), agent("Olá! Em que posso ajudar?"), customer("meu pedido"), customer("não chegou ainda")];
    expect(latestCustomerTurns(turns).map((t) => t.text)).toEqual(["meu pedido", "não chegou ainda"]);
  });

  it("when the agent spoke last, the customer's messages before that answer are taken", () => {
    const turns = [customer("qual o prazo de entrega?"), agent("Até 5 dias úteis."), { role: "system", text: "[transferida]" } as Turn];
    expect(latestCustomerTurns(turns).map((t) => t.text)).toEqual(["qual o prazo de entrega?"]);
  });

  it("when the customer wrote many messages in a row, only the last three are taken", () => {
    const turns = ["um", "dois", "três", "quatro"].map(customer);
    expect(latestCustomerTurns(turns).map((t) => t.text)).toEqual(["dois", "três", "quatro"]);
  });
});

describe("the customer's language", () => {
  it("when the customer writes in Spanish or English, that is their language", () => {
    expect(customerLanguage([agent("Olá!"), customer("Hola, ¿cuándo llega mi pedido? Ya pasó una semana")])).toBe("es");
    expect(customerLanguage([customer("Hello, when will my order arrive? It has been a week")])).toBe("en");
  });

  it("when nothing tells the language (emoji, no customer message), it is Portuguese", () => {
    expect(customerLanguage([customer("👍")])).toBe("pt");
    expect(customerLanguage([])).toBe("pt");
  });
});

describe("the agent's language from Accept-Language", () => {
  it("picks the most preferred of pt, en and es, by weight then order", () => {
    expect(agentLanguage("es-ES,es;q=0.9,en;q=0.8")).toBe("es");
    expect(agentLanguage("fr-FR,fr;q=0.9,en-US;q=0.8,pt-BR;q=0.7")).toBe("en");
    expect(agentLanguage("pt;q=0.5, en;q=0.9")).toBe("en");
    expect(agentLanguage("en;q=0, es")).toBe("es");
  });

  it("without a header or with no language Papo speaks, it is Portuguese", () => {
    expect(agentLanguage(undefined)).toBe("pt");
    expect(agentLanguage("fr-FR, de;q=0.5")).toBe("pt");
  });
});
