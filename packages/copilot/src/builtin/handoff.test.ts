import { describe, expect, it } from "vitest";
import { detectHandoffRequest } from "./handoff.ts";

describe("built-in handoff request detection", () => {
  it.each([
    // pt
    "atendente",
    "Atendente!!",
    "humano por favor",
    "quero falar com um atendente",
    "me passa pra um humano",
    "robô não",
    "não quero falar com robô",
    "quero falar com o gerente",
    "chama o supervisor",
    "falar com alguém",
    "quero falar com alguém de verdade",
    "tem atendimento humano?",
    "quero um atendenti",
    "quero falar com umano",
    "falar c/ humano",
    "não consigo falar com um atendente",
    "cansei de falar com robô",
    "vc é robo? quero pessoa",
    "alguém vivo aí pra me atender???",
    "gostaria de ser atendido por uma pessoa, por gentileza",
    // en
    "I want to talk to an agent",
    "human please",
    "can I speak to a real person?",
    "representative",
    "talk to someone",
    "operator",
    "connect me with a representative pls",
    "need to talk to real ppl",
    "can someone call me?",
    "your bot is useless, where's a real agent",
    // es
    "quiero hablar con una persona",
    "pásame con un agente",
    "necesito un asesor",
    "hablar con alguien",
    "operador por favor",
    "no quiero hablar con un robot",
    "su bot es inútil, dónde hay un agente",
    "me transfere por favor",
    "transfer me please",
    "is anyone there?",
    "quero falar com alguém de carne e osso",
    "me tira desse robô",
    "please escalate this to a manager",
  ])("when the customer writes %j, they want a person", (text) => {
    const result = detectHandoffRequest(text);
    expect(result.wantsHuman).toBe(true);
    expect(result.confidence).toBeGreaterThanOrEqual(0.6);
    expect(result.matched && text.includes(result.matched)).toBe(true);
  });

  it.each([
    "não preciso de atendente",
    "no need for an agent",
    "I don't need a human, just the tracking code",
    "no necesito hablar con nadie, gracias",
    "o atendente foi ótimo ontem",
    "seu agente de entregas passou aqui",
    "the agent was very helpful yesterday",
    "el asesor me dijo que llegaba hoy",
    "já falei com o atendente ontem",
    "a pessoa que recebeu assinou?",
    "alguém pode me dizer o horário?",
    "que horas tem atendente disponível?",
    "não sou robô",
    "você é um robô?",
    "nao quero falar com robo nem com atendente, quero meu dinheiro",
    "hablar con un agente no sirve de nada",
    "meu pedido não chegou",
    "quanto custa o frete?",
    "personal data request",
    "me transfere o valor de volta",
    "does anyone know your hours?",
  ])("when the customer writes %j, they do not ask for a person", (text) => {
    expect(detectHandoffRequest(text).wantsHuman).toBe(false);
  });

  // Requests by category, each in pt, en and es, so a rule and not a sentence is under test.
  it.each([
    ["a call", "pode me ligar? fica mais fácil"],
    ["a call", "liguem no meu cel por favor"],
    ["a call", "queria uma ligação de vocês"],
    ["a call", "call me back when you can"],
    ["a call", "can you give me a call tomorrow"],
    ["a call", "¿me pueden llamar?"],
    ["a call", "que alguien me llame"],
    ["the phone channel", "prefiro resolver isso por telefone"],
    ["the phone channel", "I'd rather sort it out over the phone"],
    ["the phone channel", "quiero resolverlo por teléfono"],
    ["a named person", "queria falar com o Ricardo de novo"],
    ["a named person", "can I talk to Mike again?"],
    ["a named person", "pásame con Laura"],
    ["the person who served before", "quero falar com a moça que me atendeu ontem"],
    ["the person who served before", "the lady who helped me yesterday please"],
    ["the person who served before", "hablar con quien me atendió"],
    ["a department", "me passa pro financeiro"],
    ["a department", "setor de trocas pfv"],
    ["a department", "transfer me to billing"],
    ["a department", "billing department please"],
    ["a department", "pásame con el área de facturación"],
    ["a department", "necesito hablar con cobranzas"],
    ["a menu choice", "0"],
    ["a menu choice", "opcao zero"],
    ["a menu choice", "option 0"],
    ["a menu choice", "atencion al cliente"],
    ["someone responsible", "alguém responsável por favor"],
    ["someone responsible", "responsável pela loja, por favor"],
    ["someone responsible", "the person in charge please"],
    ["someone responsible", "necesito alguien responsable"],
    ["a manager", "cadê seu gerente?"],
    ["a manager", "e o supervisor?"],
    ["a manager", "get me your manager"],
    ["a manager", "quiero hablar con su supervisor"],
    ["the owner", "I want to speak with the owner"],
    ["a person named in another sentence", "quem é o responsável? quero falar com ele"],
    ["a shouted request", "JÁ RECLAMEI 3 VEZES, PAREM COM ESSA RESPOSTA AUTOMÁTICA E ME TRANSFIRAM PRA UMA PESSOA"],
    ["a shouted request", "STOP THE AUTOMATIC REPLIES AND PUT ME THROUGH TO SOMEONE"],
    ["a shouted request", "DEJEN LAS RESPUESTAS AUTOMATICAS Y PASENME CON UNA PERSONA"],
    ["a person after doubting the bot", "você é um bot? quero uma pessoa"],
    ["a person after doubting the bot", "am I talking to a bot? I want someone real"],
    ["a person after doubting the bot", "robo burro, quero gente"],
    ["someone present", "tem um humano aí?"],
    ["someone present", "is there a human there?"],
    ["someone present", "hola? hay alguien?"],
    ["someone to serve", "alguém me atende pfv"],
    ["someone to serve", "ALGUÉM ME AJUDA, NINGUÉM RESPONDE"],
    ["someone to serve", "que alguien me atienda"],
    ["a real person", "preciso de ajuda de um humano de vdd"],
    ["a real person", "need help from a real human"],
    ["a real person", "necesito ayuda de una persona de verdad"],
    ["a person, in WhatsApp spelling", "kiero ablar con una persona"],
    ["a person, in WhatsApp spelling", "qro falar c atendente"],
  ])("when the customer asks for %s (%j), they want a person", (_category, text) => {
    const result = detectHandoffRequest(text);
    expect(result.wantsHuman).toBe(true);
    expect(result.matched && text.includes(result.matched)).toBe(true);
  });

  it.each([
    // Questions about the human service, not requests for it.
    "qual o horário do atendimento humano?",
    "atendimento humano abre sábado?",
    "when are your agents online?",
    "what are your customer service hours?",
    "a qué hora atienden los asesores?",
    "cuál es el horario de atención al cliente?",
    // Calls refused, or something else being switched on or phoned.
    "não precisa me ligar, pode ser por aqui",
    "me liga a notificação quando chegar?",
    "don't call me, just text",
    "I called yesterday and nobody answered",
    "no me llamen por favor",
    "posso pagar por telefone?",
    // People, names and departments mentioned, not asked for.
    "a Juliana me atendeu muito bem, obrigada",
    "a moça que entregou foi educada",
    "o financeiro já estornou?",
    "meu gerente pediu esse produto",
    "quero que a gente resolva por aqui",
    "the billing address is wrong",
    "I talked to Mike yesterday and he was great",
    "someone at home will sign for it",
    "el área de cobertura incluye mi ciudad?",
    "voy a hablar con mi jefe y te aviso",
    "la persona que me vendió dijo otra cosa",
    // Menu-like numbers and service praise.
    "opção 2",
    "great customer service!",
    "excelente atención al cliente",
  ])("when the customer writes %j, they do not ask for a person", (text) => {
    expect(detectHandoffRequest(text).wantsHuman).toBe(false);
  });

  it("when the language is Portuguese, 'no' is a preposition and does not cancel the request", () => {
    expect(detectHandoffRequest("quero falar com atendente no whatsapp", "pt").wantsHuman).toBe(true);
  });

  it("when the customer refuses the bot and then asks for a person, the request wins", () => {
    const result = detectHandoffRequest("não quero robô, quero um atendente");
    expect(result.wantsHuman).toBe(true);
  });
});
