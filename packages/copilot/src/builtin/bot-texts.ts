import type { HandoffReason, Language } from "../types.ts";
import { detectLanguage } from "./language.ts";

/*
 * What the hybrid bot and the built-in suggestions say themselves, in pt-BR, en and es. Everything else they send is
 * the knowledge base's own text: the built-in engine never writes an answer.
 */

export const GREETINGS: Record<Language, string> = { pt: "Olá!", en: "Hi!", es: "¡Hola!" };

/** A time-of-day greeting the customer used, mirrored in the reply's language. */
const TIME_GREETINGS: Array<{ pattern: RegExp; text: Record<Language, string> }> = [
  {
    pattern: /(?<![\p{L}])(bom dia|buen(os)? d[ií]as?|good morning)(?![\p{L}])/iu,
    text: { pt: "Bom dia!", en: "Good morning!", es: "¡Buenos días!" },
  },
  {
    pattern: /(?<![\p{L}])(boa tarde|buenas tardes|good afternoon)(?![\p{L}])/iu,
    text: { pt: "Boa tarde!", en: "Good afternoon!", es: "¡Buenas tardes!" },
  },
  {
    pattern: /(?<![\p{L}])(boa noite|buenas noches|good evening)(?![\p{L}])/iu,
    text: { pt: "Boa noite!", en: "Good evening!", es: "¡Buenas noches!" },
  },
];

/** The greeting for the first reply of a conversation: the customer's "bom dia" gets a "Bom dia!", else "Olá!". */
export function greetingFor(language: Language, customerText = ""): string {
  for (const greeting of TIME_GREETINGS) if (greeting.pattern.test(customerText)) return greeting.text[language];
  return GREETINGS[language];
}

/** Whether a reply already opens with a greeting (then none is added). */
export const startsWithGreeting = (text: string): boolean =>
  /^\s*[¡!]?\s*(ol[áa]|oi|hola|hi|hello|hey|bom dia|boa tarde|boa noite|buen(os|as)? (d[ií]as?|tardes|noches)|good (morning|afternoon|evening))(?![\p{L}])/iu.test(
    text,
  );

/**
 * A title in the conversation's language: bilingual titles ("Horário de atendimento / Opening hours") keep the part in
 * `language`; the first letter is lowered to sit inside a sentence unless the title opens with an acronym ("NF-e").
 */
export function titleFor(title: string, language: Language): string {
  const parts = title
    .split(/\s+\/\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const chosen = parts.length > 1 ? (parts.find((part) => detectLanguage(part).language === language) ?? parts[0]) : parts[0];
  const text = chosen ?? title.trim();
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

const CLARIFY: Record<Language, { two: (a: string, b: string) => string; one: (a: string) => string; none: string }> = {
  pt: {
    two: (a, b) => `Só pra eu te ajudar direitinho: você quer saber sobre ${a} ou ${b}?`,
    one: (a) => `Sua dúvida é sobre ${a}? Pode me contar um pouco mais?`,
    none: "Não entendi bem. Pode me explicar com outras palavras o que você precisa?",
  },
  en: {
    two: (a, b) => `Just to make sure I help you right: is your question about ${a} or ${b}?`,
    one: (a) => `Is your question about ${a}? Could you tell me a bit more?`,
    none: "I didn't quite get that. Could you tell me in other words what you need?",
  },
  es: {
    two: (a, b) => `Para ayudarte bien: ¿tu consulta es sobre ${a} o ${b}?`,
    one: (a) => `¿Tu consulta es sobre ${a}? ¿Me cuentas un poco más?`,
    none: "No entendí bien. ¿Me explicas con otras palabras lo que necesitas?",
  },
};

/** The bot's one clarifying question, naming the two best candidate topics when it has them. */
export function clarifyingQuestion(language: Language, candidateTitles: readonly string[] = []): string {
  const titles = [...new Set(candidateTitles.map((title) => titleFor(title, language)).filter(Boolean))];
  const [first, second] = titles;
  if (first && second) return CLARIFY[language].two(first, second);
  if (first) return CLARIFY[language].one(first);
  return CLARIFY[language].none;
}

/** What the bot tells the customer as it hands the conversation to a person, by reason. */
export const HANDOFF_NOTICES: Record<HandoffReason, Record<Language, string>> = {
  customer_request: {
    pt: "Certo! Vou transferir você para uma pessoa da nossa equipe. É só aguardar um instante.",
    en: "Sure! I'm passing you to a person on our team. Please hold on a moment.",
    es: "¡Claro! Te paso con una persona de nuestro equipo. Espera un momento, por favor.",
  },
  negative_sentiment: {
    pt: "Sinto muito pelo transtorno. Vou chamar uma pessoa da nossa equipe para cuidar disso com você.",
    en: "I'm sorry about the trouble. I'm bringing in a person from our team to sort this out with you.",
    es: "Lamento mucho las molestias. Voy a llamar a una persona de nuestro equipo para resolverlo contigo.",
  },
  unsure: {
    pt: "Não consegui encontrar a resposta certa para você. Vou passar a conversa para uma pessoa da nossa equipe.",
    en: "I couldn't find the right answer for you. I'm passing the conversation to a person on our team.",
    es: "No encontré la respuesta correcta. Te paso con una persona de nuestro equipo.",
  },
  human_only_topic: {
    pt: "Esse assunto é tratado pela nossa equipe. Vou transferir você para uma pessoa.",
    en: "A person on our team handles this. I'm transferring you now.",
    es: "Este tema lo atiende nuestro equipo. Te paso con una persona.",
  },
  outside_business_hours: {
    pt: "Nossa equipe está fora do horário de atendimento agora. Sua mensagem ficou registrada e uma pessoa responde assim que voltarmos.",
    en: "Our team is outside business hours right now. Your message is saved and a person will reply as soon as we're back.",
    es: "Nuestro equipo está fuera del horario de atención. Tu mensaje quedó registrado y una persona te responderá en cuanto volvamos.",
  },
  agent_request: {
    pt: "Uma pessoa da nossa equipe vai continuar o seu atendimento.",
    en: "A person on our team will take it from here.",
    es: "Una persona de nuestro equipo continuará con tu atención.",
  },
  bot_unavailable: {
    pt: "Vou passar a conversa para uma pessoa da nossa equipe.",
    en: "I'm passing the conversation to a person on our team.",
    es: "Te paso con una persona de nuestro equipo.",
  },
};

export const handoffNotice = (reason: HandoffReason, language: Language): string => HANDOFF_NOTICES[reason][language];
