import type { BotReplies } from "../../db/schema/bot-settings.ts";

/** Sent when the bot hands a conversation to a person (the customer knows someone is coming). */
export const DEFAULT_HANDOFF_REPLY: BotReplies = {
  pt: "Vou transferir você para um atendente. Em instantes alguém da nossa equipe continua a conversa.",
  en: "I'm transferring you to an agent. Someone from our team will continue the conversation shortly.",
  es: "Te voy a transferir a un agente. En breve alguien de nuestro equipo continuará la conversación.",
};

/** Sent when a customer writes outside business hours (the conversation waits for the team in the queue). */
export const DEFAULT_OUTSIDE_HOURS_REPLY: BotReplies = {
  pt: "Recebemos sua mensagem! Nosso atendimento está fora do horário agora; respondemos assim que a equipe voltar.",
  en: "We got your message! Our team is outside business hours right now; we'll reply as soon as we're back.",
  es: "¡Recibimos tu mensaje! Nuestro equipo está fuera del horario de atención; responderemos en cuanto volvamos.",
};

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;
export const DEFAULT_NEGATIVE_SENTIMENT_THRESHOLD = 0.5;
