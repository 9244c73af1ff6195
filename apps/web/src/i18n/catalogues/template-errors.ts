import { featureCatalogue } from "../feature-catalogue.ts";

/** The console's messages for the templates API's error codes (docs/errors.md); keys start with "api-errors.templates.". */
export const templateErrorsCatalogue = featureCatalogue({
  "pt-BR": {
    "api-errors.templates.not_found": "Modelo não encontrado: pode ter sido apagado. Sincronize com a Meta e tente de novo.",
    "api-errors.templates.invalid": "O modelo não segue as regras da Meta. Corrija o campo indicado.",
    "api-errors.templates.whatsapp_rejected": "A Meta recusou o modelo. Veja o motivo e ajuste o nome, o idioma ou o conteúdo.",
    "api-errors.templates.whatsapp_error":
      "A Meta não respondeu sobre os modelos. Confira o token e as permissões do número e tente mais tarde.",
  },
  en: {
    "api-errors.templates.not_found": "Template not found: it may have been deleted. Sync with Meta and try again.",
    "api-errors.templates.invalid": "The template breaks one of Meta's rules. Fix the field shown.",
    "api-errors.templates.whatsapp_rejected": "Meta refused the template. See why and change its name, language or content.",
    "api-errors.templates.whatsapp_error":
      "Meta did not answer about the templates. Check the number's token and permissions, and try again later.",
  },
  es: {
    "api-errors.templates.not_found": "Plantilla no encontrada: puede haber sido eliminada. Sincroniza con Meta y vuelve a intentarlo.",
    "api-errors.templates.invalid": "La plantilla no cumple las reglas de Meta. Corrige el campo indicado.",
    "api-errors.templates.whatsapp_rejected": "Meta rechazó la plantilla. Mira el motivo y cambia el nombre, el idioma o el contenido.",
    "api-errors.templates.whatsapp_error":
      "Meta no respondió sobre las plantillas. Revisa el token y los permisos del número, e inténtalo más tarde.",
  },
});
