import type { ConsentLanguage, PerLanguage } from "../../db/schema/consent-settings.ts";

/** A workspace's opt-out policy, as stored in `consent_settings` and shown by `GET /api/v1/workspace/consent`. */
export interface ConsentSettings {
  /** Off: inbound keywords change nothing and nothing is replied. */
  enabled: boolean;
  /** The reply's language when a keyword belongs to several languages' lists (CANCELAR: pt-BR and es). */
  defaultLanguage: ConsentLanguage;
  optOutKeywords: PerLanguage<string[]>;
  optInKeywords: PerLanguage<string[]>;
  /** Sent after an opt-out; required. */
  optOutReply: PerLanguage<string>;
  /** Sent after an opt-in; empty: no reply. */
  optInReply: PerLanguage<string>;
}

/** What a workspace gets until an administrator changes it: on, with the words customers commonly use. */
export const DEFAULT_CONSENT_SETTINGS: ConsentSettings = {
  enabled: true,
  defaultLanguage: "pt-BR",
  optOutKeywords: {
    "pt-BR": ["SAIR", "PARAR", "CANCELAR", "DESCADASTRAR", "DESCADASTRO", "REMOVER"],
    en: ["STOP", "UNSUBSCRIBE", "CANCEL", "STOP ALL", "OPT OUT", "QUIT", "END"],
    es: ["BAJA", "DAR DE BAJA", "CANCELAR", "CANCELAR SUSCRIPCIÓN", "ALTO", "DETENER"],
  },
  optInKeywords: {
    "pt-BR": ["VOLTAR", "ASSINAR", "RECADASTRAR"],
    en: ["START", "SUBSCRIBE", "UNSTOP"],
    es: ["ALTA", "SUSCRIBIR", "REANUDAR"],
  },
  optOutReply: {
    "pt-BR":
      "Pronto: você não receberá mais mensagens promocionais nossas. Seguimos à disposição para atendimento. Para voltar a recebê-las, responda VOLTAR.",
    en: "Done: you will no longer receive promotional messages from us. We are still here if you need help. To receive them again, reply START.",
    es: "Listo: ya no recibirás mensajes promocionales nuestros. Seguimos disponibles para atenderte. Para volver a recibirlos, responde ALTA.",
  },
  optInReply: {
    "pt-BR": "Tudo certo: você voltará a receber nossas novidades. Para parar, responda SAIR.",
    en: "All set: you will receive our news again. To stop, reply STOP.",
    es: "Listo: volverás a recibir nuestras novedades. Para dejar de recibirlas, responde BAJA.",
  },
};
