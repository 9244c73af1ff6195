import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages of the search feature (the inbox's server search); keys start with "search." or "api-errors.search.". */
export const searchCatalogue = featureCatalogue({
  "pt-BR": {
    "search.messages.title": "Mensagens",
    "search.messages.list": "Mensagens encontradas",
    "search.messages.loading": "Buscando mensagens…",
    "search.messages.error": "Não foi possível buscar mensagens: {reason}",
    "search.messages.empty": "Nenhuma mensagem com “{query}”.",
    "search.messages.to": "Para {name}",
    "search.messages.unknown-contact": "Contato sem nome",
    "api-errors.search.query_empty": "Digite uma palavra com 2 letras ou mais (palavras comuns como “de” são ignoradas).",
    "api-errors.search.cursor_needs_type": "A paginação da busca vale para um tipo de resultado por vez.",
  },
  en: {
    "search.messages.title": "Messages",
    "search.messages.list": "Messages found",
    "search.messages.loading": "Searching messages…",
    "search.messages.error": "Could not search messages: {reason}",
    "search.messages.empty": "No message with “{query}”.",
    "search.messages.to": "To {name}",
    "search.messages.unknown-contact": "Unnamed contact",
    "api-errors.search.query_empty": "Type a word of 2 letters or more (common words like “the” are skipped).",
    "api-errors.search.cursor_needs_type": "Search pages go through one kind of result at a time.",
  },
  es: {
    "search.messages.title": "Mensajes",
    "search.messages.list": "Mensajes encontrados",
    "search.messages.loading": "Buscando mensajes…",
    "search.messages.error": "No se pudieron buscar mensajes: {reason}",
    "search.messages.empty": "Ningún mensaje con “{query}”.",
    "search.messages.to": "Para {name}",
    "search.messages.unknown-contact": "Contacto sin nombre",
    "api-errors.search.query_empty": "Escribe una palabra de 2 letras o más (se omiten palabras comunes como “de”).",
    "api-errors.search.cursor_needs_type": "La paginación de la búsqueda recorre un tipo de resultado a la vez.",
  },
});
