import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages of the admin pages' frame; keys start with "admin.". */
export const adminCatalogue = featureCatalogue({
  "pt-BR": {
    "admin.title": "Administração",
    "admin.open": "Administração",
    "admin.back-to-inbox": "Voltar para a caixa de entrada",
    "admin.sections": "Seções da administração",
    "admin.section.users": "Usuários",
    "admin.section.channels": "Números de WhatsApp",
    "admin.section.canned-responses": "Respostas prontas",
    "admin.section.audit": "Auditoria",
    "admin.forbidden": "Só administradores e supervisores podem abrir esta página.",
  },
  en: {
    "admin.title": "Administration",
    "admin.open": "Administration",
    "admin.back-to-inbox": "Back to the inbox",
    "admin.sections": "Administration sections",
    "admin.section.users": "Users",
    "admin.section.channels": "WhatsApp numbers",
    "admin.section.canned-responses": "Canned responses",
    "admin.section.audit": "Audit log",
    "admin.forbidden": "Only administrators and supervisors can open this page.",
  },
  es: {
    "admin.title": "Administración",
    "admin.open": "Administración",
    "admin.back-to-inbox": "Volver a la bandeja de entrada",
    "admin.sections": "Secciones de la administración",
    "admin.section.users": "Usuarios",
    "admin.section.channels": "Números de WhatsApp",
    "admin.section.canned-responses": "Respuestas rápidas",
    "admin.section.audit": "Auditoría",
    "admin.forbidden": "Solo administradores y supervisores pueden abrir esta página.",
  },
});
