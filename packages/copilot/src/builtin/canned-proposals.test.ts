import { describe, expect, it } from "vitest";
import type { PastReply } from "../types.ts";
import { proposeCannedResponses } from "./canned-proposals.ts";

const DELIVERY = "Entregamos em 2 a 5 dias úteis nas capitais.";
const PIX = "Sim, aceitamos Pix com 5% de desconto!";

let next = 0;
const pair = (question: string, answer: string): PastReply => ({ id: `p${++next}`, question, answer });

const pairs: PastReply[] = [
  pair("qual o prazo de entrega?", DELIVERY),
  pair("oi, qual o prazo de entrega pra SP?", DELIVERY),
  pair("prazo de entrega pro interior", "O prazo no interior é de 4 a 10 dias úteis."),
  pair("Bom dia! prazo de entrega?", DELIVERY),
  pair("vocês aceitam pix?", PIX),
  pair("aceita pix?", PIX),
  pair("aceitam pix né?", "Aceitamos sim!"),
  pair("como troco a senha", "Clique em Esqueci a senha."),
  pair("esqueci a senha", "Clique em Esqueci a senha."),
  pair("tem loja em curitiba?", "Ainda não temos loja em Curitiba."),
];

describe("proposeCannedResponses", () => {
  it("proposes the frequent questions with the agents' usual answer, most asked first", () => {
    const proposals = proposeCannedResponses(pairs);
    expect(proposals).toHaveLength(2);
    expect(proposals[0]).toMatchObject({ body: DELIVERY, count: 4, language: "pt" });
    expect(proposals[0]?.title.toLowerCase()).toContain("prazo");
    expect(proposals[0]?.title.toLowerCase()).toContain("entrega");
    expect(proposals[0]?.examples).toHaveLength(3);
    expect(proposals[1]).toMatchObject({ body: PIX, count: 3 });
    expect(proposals[1]?.title.toLowerCase()).toContain("pix");
  });

  it("honours minCount and max", () => {
    expect(proposeCannedResponses(pairs, { minCount: 2 }).map((proposal) => proposal.count)).toEqual([4, 3, 2]);
    expect(proposeCannedResponses(pairs, { max: 1 })).toHaveLength(1);
    expect(proposeCannedResponses(pairs, { minCount: 5 })).toEqual([]);
    expect(proposeCannedResponses([])).toEqual([]);
  });

  it("skips questions an existing canned response already answers", () => {
    const proposals = proposeCannedResponses(pairs, { existing: ["Entregamos em 2 a 5 dias úteis nas capitais!"] });
    expect(proposals.map((proposal) => proposal.body)).toEqual([PIX]);
  });

  it("picks the most central answer when no answer repeats word for word", () => {
    const varied = [
      pair("tem frete grátis?", "Frete grátis acima de R$ 199 no Sul e Sudeste."),
      pair("frete grátis pra BA?", "Acima de R$ 299 o frete é grátis nas demais regiões."),
      pair("qual valor pro frete grátis", "Frete grátis acima de R$ 199 no Sul e Sudeste e R$ 299 nas demais regiões."),
    ];
    const [proposal] = proposeCannedResponses(varied);
    expect(proposal?.body).toBe("Frete grátis acima de R$ 199 no Sul e Sudeste e R$ 299 nas demais regiões.");
    expect(proposal?.count).toBe(3);
  });
});
