import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages the inbox list added after the core catalogue: previews and the channel filter. */
export const inboxCatalogue = featureCatalogue({
  "pt-BR": {
    "inbox.preview.message": "Mensagem",
    "inbox.preview.template": "Modelo de mensagem",
    "inbox.preview.buttons": "Mensagem com botões",
    "inbox.preview.you": "Você:",
    "inbox.preview.by-bot": "Enviada pelo bot",
    "inbox.channel.label": "Número de WhatsApp",
    "inbox.channel.all": "Todos os números",
  },
  en: {
    "inbox.preview.message": "Message",
    "inbox.preview.template": "Message template",
    "inbox.preview.buttons": "Message with buttons",
    "inbox.preview.you": "You:",
    "inbox.preview.by-bot": "Sent by the bot",
    "inbox.channel.label": "WhatsApp number",
    "inbox.channel.all": "All numbers",
  },
  es: {
    "inbox.preview.message": "Mensaje",
    "inbox.preview.template": "Plantilla de mensaje",
    "inbox.preview.buttons": "Mensaje con botones",
    "inbox.preview.you": "Tú:",
    "inbox.preview.by-bot": "Enviado por el bot",
    "inbox.channel.label": "Número de WhatsApp",
    "inbox.channel.all": "Todos los números",
  },
});
