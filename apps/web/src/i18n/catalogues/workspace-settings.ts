import { featureCatalogue } from "../feature-catalogue.ts";

/** Messages of the workspace settings page (name and time zone); keys start with "workspace.". */
export const workspaceSettingsCatalogue = featureCatalogue({
  "pt-BR": {
    "admin.section.workspace": "Espaço de trabalho",
    "api-errors.workspace.invalid_time_zone": "Fuso horário desconhecido. Escolha um da lista.",

    "workspace.title": "Espaço de trabalho",
    "workspace.intro": "O nome da empresa no Papo e o fuso horário em que agendamentos e relatórios são lidos.",
    "workspace.error": "Não foi possível carregar as configurações: {reason}",
    "workspace.name": "Nome",
    "workspace.name.required": "Informe um nome.",
    "workspace.time-zone": "Fuso horário",
    "workspace.time-zone.intro":
      "Mensagens agendadas e lembretes usam este fuso: “amanhã às 9h” é 9h neste horário, onde quer que o agente esteja.",
    "workspace.time-zone.search": "Buscar fuso horário",
    "workspace.time-zone.select": "Fusos horários",
    "workspace.time-zone.current": "{zone}: {offset}, agora {time}",
    "workspace.save": "Salvar",
    "workspace.saving": "Salvando…",
    "workspace.saved": "Configurações salvas.",
    "workspace.read-only": "Só administradores podem mudar estas configurações.",
  },
  en: {
    "admin.section.workspace": "Workspace",
    "api-errors.workspace.invalid_time_zone": "Unknown time zone. Choose one from the list.",

    "workspace.title": "Workspace",
    "workspace.intro": "The company's name in Papo and the time zone scheduled messages and reports are read in.",
    "workspace.error": "Could not load the settings: {reason}",
    "workspace.name": "Name",
    "workspace.name.required": "Enter a name.",
    "workspace.time-zone": "Time zone",
    "workspace.time-zone.intro":
      "Scheduled messages and reminders use this zone: “tomorrow at 9am” is 9am here, wherever the agent happens to be.",
    "workspace.time-zone.search": "Search time zones",
    "workspace.time-zone.select": "Time zones",
    "workspace.time-zone.current": "{zone}: {offset}, now {time}",
    "workspace.save": "Save",
    "workspace.saving": "Saving…",
    "workspace.saved": "Settings saved.",
    "workspace.read-only": "Only administrators can change these settings.",
  },
  es: {
    "admin.section.workspace": "Espacio de trabajo",
    "api-errors.workspace.invalid_time_zone": "Zona horaria desconocida. Elige una de la lista.",

    "workspace.title": "Espacio de trabajo",
    "workspace.intro": "El nombre de la empresa en Papo y la zona horaria en que se leen programaciones e informes.",
    "workspace.error": "No se pudo cargar la configuración: {reason}",
    "workspace.name": "Nombre",
    "workspace.name.required": "Escribe un nombre.",
    "workspace.time-zone": "Zona horaria",
    "workspace.time-zone.intro":
      "Los mensajes programados y recordatorios usan esta zona: “mañana a las 9h” es 9h aquí, esté donde esté el agente.",
    "workspace.time-zone.search": "Buscar zona horaria",
    "workspace.time-zone.select": "Zonas horarias",
    "workspace.time-zone.current": "{zone}: {offset}, ahora {time}",
    "workspace.save": "Guardar",
    "workspace.saving": "Guardando…",
    "workspace.saved": "Configuración guardada.",
    "workspace.read-only": "Solo los administradores pueden cambiar esta configuración.",
  },
});
