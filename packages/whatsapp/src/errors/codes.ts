/**
 * The WhatsApp Cloud API error codes an inbox must handle (meta-cloud-api.md §6.2), one line per code.
 *
 * Both paths that carry these codes — the synchronous Graph error body and the `errors[]` of a `failed`
 * status webhook — are classified from this one table, so an agent sees the same sentence either way.
 *
 * @module
 */
import { randomInt } from "node:crypto";

/**
 * What the caller does next with a failed request.
 * - `retryable`: send again later (see `retryAfterMs`); nothing is wrong with the message.
 * - `needs_template`: the 24 h customer-service window is closed; only an approved template can be sent.
 * - `permanent`: resending the same message will fail again; show the reason and stop.
 * - `auth`: an administrator must fix the token, its permissions or the app before any send can succeed.
 */
export type ErrorCategory = "retryable" | "needs_template" | "permanent" | "auth";

/** A plain-language sentence for the agent, in every language the console ships. */
export interface AgentMessage {
  "pt-BR": string;
  en: string;
}

/** One row of the error table. */
export interface ErrorCodeInfo {
  /** Meta's numeric error code (`error.code` / `errors[].code`). */
  code: number;
  /** Meta's title for the code; Meta's own titles change over time, so never match on it. */
  title: string;
  /** The HTTP status Meta answers with when the code comes back synchronously. */
  httpStatus: number;
  category: ErrorCategory;
  /** Suggested delay before the first retry (only for `retryable` codes). */
  retryAfterMs?: number;
  agentMessage: AgentMessage;
}

type Row = readonly [
  code: number,
  title: string,
  httpStatus: number,
  category: ErrorCategory,
  retryAfterMs: number | null,
  ptBR: string,
  en: string,
];

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// Permission codes (3, 10, 200–299, 131005) are in `auth` with 0 and 190: like a dead token, they fail every send
// until an administrator changes the app's permissions or the token's scopes, so the channel must pause and alert.
// Account-level blocks (368, 131031, 131042, 131045, 133xxx) also need an administrator but are not credential
// problems; they stay `permanent` and their messages tell the agent to alert an administrator.
// biome-ignore format: one line per code keeps the table reviewable against meta-cloud-api.md §6.2.
const ROWS: readonly Row[] = [
  [0, "AuthException", 401, "auth", null, "O WhatsApp recusou as credenciais deste canal. Peça a um administrador para reconectar o número.", "WhatsApp rejected this channel's credentials. Ask an administrator to reconnect the number."],
  [1, "API Unknown", 400, "retryable", 10 * SECOND, "O WhatsApp teve um problema temporário. A mensagem será reenviada automaticamente.", "WhatsApp had a temporary problem. The message will be retried automatically."],
  [2, "API Service", 503, "retryable", 30 * SECOND, "O serviço do WhatsApp está temporariamente fora do ar. A mensagem será reenviada automaticamente.", "The WhatsApp service is temporarily down. The message will be retried automatically."],
  [3, "API Method", 500, "auth", null, "O aplicativo não tem permissão para esta operação no WhatsApp. Peça a um administrador para revisar as permissões.", "The app lacks the permission for this WhatsApp operation. Ask an administrator to review its permissions."],
  [4, "API Too Many Calls", 400, "retryable", MINUTE, "Foram feitas solicitações demais ao WhatsApp em pouco tempo. A mensagem será reenviada em alguns minutos.", "Too many requests were made to WhatsApp in a short time. The message will be retried in a few minutes."],
  [10, "Permission denied", 403, "auth", null, "O token deste canal não tem permissão para enviar mensagens. Peça a um administrador para revisar as permissões.", "This channel's token is not allowed to send messages. Ask an administrator to review its permissions."],
  [33, "Parameter value is not valid", 400, "permanent", null, "O número da empresa configurado neste canal não existe mais. Peça a um administrador para revisar a configuração.", "The business phone number configured for this channel no longer exists. Ask an administrator to check the setup."],
  [100, "Invalid parameter", 400, "permanent", null, "O WhatsApp recusou a mensagem porque um campo é inválido ou longo demais. Veja os detalhes e corrija antes de reenviar.", "WhatsApp rejected the message because a field is invalid or too long. Check the details and fix it before resending."],
  [190, "Access token has expired", 401, "auth", null, "O acesso deste canal ao WhatsApp expirou. Peça a um administrador para renovar o token.", "This channel's access to WhatsApp has expired. Ask an administrator to renew the token."],
  [200, "API Permission", 403, "auth", null, "O token deste canal não tem a permissão necessária. Peça a um administrador para revisar as permissões.", "This channel's token lacks a required permission. Ask an administrator to review its permissions."],
  [368, "Temporarily blocked for policies violations", 403, "permanent", null, "O WhatsApp bloqueou temporariamente esta conta por violação das políticas. Avise um administrador.", "WhatsApp has temporarily blocked this account for policy violations. Tell an administrator."],
  [80007, "Rate limit issues", 400, "retryable", MINUTE, "A conta atingiu o limite de solicitações do WhatsApp. A mensagem será reenviada em alguns minutos.", "The account hit WhatsApp's request limit. The message will be retried in a few minutes."],
  [80008, "WhatsApp Business Account rate limit hit", 400, "retryable", MINUTE, "A conta atingiu o limite de solicitações do WhatsApp. A mensagem será reenviada em alguns minutos.", "The account hit WhatsApp's request limit. The message will be retried in a few minutes."],
  [130429, "Rate limit hit", 400, "retryable", SECOND, "Este número atingiu o limite de mensagens por segundo. A mensagem será reenviada em instantes.", "This number hit its messages-per-second limit. The message will be retried in a moment."],
  [130472, "User's number is part of an experiment", 400, "permanent", null, "A Meta não entregou esta mensagem de marketing porque o cliente participa de um experimento. Ela não será cobrada.", "Meta did not deliver this marketing message because the customer is part of an experiment. It will not be charged."],
  [130497, "Business account is restricted from messaging users in this country", 403, "permanent", null, "A empresa não pode enviar mensagens para clientes deste país.", "The business is not allowed to message customers in this country."],
  [131000, "Something went wrong", 500, "retryable", 5 * SECOND, "Ocorreu um erro inesperado no WhatsApp. A mensagem será reenviada automaticamente.", "Something went wrong on WhatsApp's side. The message will be retried automatically."],
  [131005, "Access denied", 403, "auth", null, "O WhatsApp negou o acesso a este canal. Peça a um administrador para revisar as permissões do token.", "WhatsApp denied access to this channel. Ask an administrator to review the token's permissions."],
  [131008, "Required parameter is missing", 400, "permanent", null, "Falta uma informação obrigatória na mensagem. Veja os detalhes e corrija antes de reenviar.", "The message is missing a required field. Check the details and fix it before resending."],
  [131009, "Parameter value is not valid", 400, "permanent", null, "Um valor da mensagem não é válido (por exemplo, a mensagem que recebeu a reação não existe mais). Veja os detalhes.", "A value in the message is not valid (for example, the message you reacted to no longer exists). Check the details."],
  [131016, "Service unavailable", 500, "retryable", 10 * SECOND, "O WhatsApp está sobrecarregado no momento. A mensagem será reenviada automaticamente.", "WhatsApp is overloaded right now. The message will be retried automatically."],
  [131021, "Recipient cannot be sender", 400, "permanent", null, "Não é possível enviar uma mensagem para o próprio número da empresa.", "A message cannot be sent to the business's own number."],
  [131026, "Message undeliverable", 400, "permanent", null, "Não foi possível entregar a mensagem: o número pode não ter WhatsApp, usar um app desatualizado ou ter bloqueado a empresa. Tente outro canal.", "The message could not be delivered: the number may not use WhatsApp, have an outdated app or have blocked the business. Try another channel."],
  [131030, "Recipient phone number not in allowed list", 400, "permanent", null, "Este número não está na lista de destinatários permitidos do número de teste. Adicione-o no painel da Meta.", "This number is not in the test number's allowed recipients. Add it in the Meta dashboard."],
  [131031, "Business account locked", 403, "permanent", null, "A conta do WhatsApp Business foi bloqueada. Avise um administrador.", "The WhatsApp Business account has been locked. Tell an administrator."],
  [131037, "WhatsApp provided number needs display name approval", 400, "permanent", null, "O nome de exibição deste número ainda não foi aprovado pela Meta. Peça a um administrador para concluir a aprovação.", "This number's display name has not been approved by Meta yet. Ask an administrator to complete the approval."],
  [131042, "Business eligibility payment issue", 400, "permanent", null, "Há um problema com o pagamento da conta do WhatsApp. Peça a um administrador para regularizar o faturamento.", "There is a payment problem with the WhatsApp account. Ask an administrator to fix the billing."],
  [131045, "Incorrect certificate", 500, "permanent", null, "O número não está registrado corretamente no WhatsApp. Peça a um administrador para registrá-lo de novo.", "The number is not correctly registered with WhatsApp. Ask an administrator to register it again."],
  [131047, "Re-engagement message", 400, "needs_template", null, "Passaram mais de 24 horas desde a última mensagem do cliente. Envie um modelo (template) aprovado para retomar a conversa.", "More than 24 hours have passed since the customer's last message. Send an approved template to restart the conversation."],
  [131048, "Spam rate limit hit", 400, "permanent", null, "O WhatsApp limitou os envios deste número por denúncias ou baixa qualidade. Pause as campanhas e só tente de novo daqui a algumas horas.", "WhatsApp limited this number's sending because of reports or low quality. Pause campaigns and only try again in a few hours."],
  [131049, "Message not delivered to maintain healthy ecosystem engagement", 400, "permanent", null, "A Meta não entregou esta mensagem de marketing para preservar a experiência do cliente. Não reenvie antes de 24 horas.", "Meta did not deliver this marketing message to protect the customer's experience. Do not resend within 24 hours."],
  [131050, "User has stopped marketing messages", 400, "permanent", null, "O cliente pediu para não receber mensagens de marketing. Não envie mais campanhas para ele.", "The customer asked not to receive marketing messages. Do not send them campaigns anymore."],
  [131051, "Unsupported message type", 400, "permanent", null, "Este tipo de mensagem não é suportado pelo WhatsApp.", "This message type is not supported by WhatsApp."],
  [131052, "Media download error", 400, "permanent", null, "Não foi possível baixar a mídia enviada pelo cliente. Peça que ele envie o arquivo de novo.", "The customer's media could not be downloaded. Ask them to send the file again."],
  [131053, "Media upload error", 400, "permanent", null, "O WhatsApp não aceitou o arquivo (tipo, tamanho ou link inválido). Verifique o arquivo e tente de novo.", "WhatsApp did not accept the file (wrong type, size or link). Check the file and try again."],
  [131056, "(Business Account, Consumer Account) pair rate limit hit", 400, "retryable", SECOND, "Foram enviadas mensagens demais para este cliente em pouco tempo. A mensagem será reenviada em alguns segundos.", "Too many messages were sent to this customer in a short time. The message will be retried in a few seconds."],
  [131057, "Account in maintenance mode", 500, "retryable", MINUTE, "Este número está em manutenção para aumentar a capacidade. A mensagem será reenviada em cerca de um minuto.", "This number is in maintenance while its capacity is upgraded. The message will be retried in about a minute."],
  [131060, "This message is currently unavailable", 400, "permanent", null, "O conteúdo desta mensagem não está disponível no momento.", "The content of this message is currently unavailable."],
  [131062, "Business-scoped user ID recipients not supported for this message", 400, "permanent", null, "Esta mensagem não pode ser enviada pelo identificador do usuário. Use o número de telefone do cliente.", "This message cannot be sent to a user ID. Use the customer's phone number."],
  [132000, "Number of parameters does not match the expected number of params", 400, "permanent", null, "A quantidade de variáveis preenchidas não corresponde ao modelo. Revise as variáveis.", "The number of filled-in variables does not match the template. Review the variables."],
  [132001, "Template name does not exist in the translation", 404, "permanent", null, "O modelo não existe neste idioma ou ainda não foi aprovado. Atualize a lista de modelos e escolha outro.", "The template does not exist in this language or is not approved yet. Refresh the template list and pick another one."],
  [132005, "Translated text too long", 400, "permanent", null, "O texto do modelo ficou longo demais com as variáveis preenchidas. Encurte os valores.", "The template text is too long once the variables are filled in. Shorten the values."],
  [132007, "Format character policy violated", 400, "permanent", null, "Uma variável do modelo tem caracteres não permitidos (quebras de linha, tabulações ou mais de 4 espaços seguidos). Corrija os valores.", "A template variable contains forbidden characters (line breaks, tabs or more than 4 spaces in a row). Fix the values."],
  [132012, "Parameter format does not match format in the created template", 400, "permanent", null, "Uma variável do modelo está no formato errado (por exemplo, texto onde se espera uma imagem). Corrija os valores.", "A template variable has the wrong format (for example, text where an image is expected). Fix the values."],
  [132015, "Template is paused", 400, "permanent", null, "Este modelo foi pausado por baixa qualidade. Escolha outro modelo.", "This template was paused because of low quality. Pick another template."],
  [132016, "Template is disabled", 400, "permanent", null, "Este modelo foi desativado. Escolha outro modelo.", "This template has been disabled. Pick another template."],
  [132018, "There was an issue with the parameters in your template", 400, "permanent", null, "Há um problema nas variáveis do modelo. Veja os detalhes e corrija.", "There is a problem with the template's variables. Check the details and fix them."],
  [132068, "Flow is in blocked state", 400, "permanent", null, "O formulário (Flow) está bloqueado e não pode ser enviado.", "The Flow is blocked and cannot be sent."],
  [132069, "Flow is in throttled state", 400, "retryable", HOUR, "O formulário (Flow) atingiu o limite de envios por hora. A mensagem será reenviada mais tarde.", "The Flow hit its hourly sending limit. The message will be retried later."],
  [133000, "Incomplete deregistration", 400, "permanent", null, "O cancelamento do registro do número não foi concluído. Peça a um administrador para tentar de novo.", "The number's deregistration did not complete. Ask an administrator to try again."],
  [133004, "Server temporarily unavailable", 503, "retryable", 30 * SECOND, "O servidor do WhatsApp está temporariamente indisponível. A operação será repetida automaticamente.", "The WhatsApp server is temporarily unavailable. The operation will be retried automatically."],
  [133005, "Two step verification PIN mismatch", 400, "permanent", null, "O PIN de verificação em duas etapas está incorreto. Peça a um administrador para conferir o PIN.", "The two-step verification PIN is wrong. Ask an administrator to check the PIN."],
  [133006, "Phone number re-verification needed", 400, "permanent", null, "O número precisa ser verificado de novo. Peça a um administrador para refazer a verificação.", "The number must be verified again. Ask an administrator to redo the verification."],
  [133007, "Account blocked", 400, "permanent", null, "O registro do número foi bloqueado. Peça a um administrador para verificar a conta.", "The number's registration is blocked. Ask an administrator to check the account."],
  [133008, "Too many two step verification PIN guesses", 400, "permanent", null, "Houve tentativas demais com o PIN de verificação. Peça a um administrador para aguardar e tentar depois.", "Too many attempts were made with the verification PIN. Ask an administrator to wait and try later."],
  [133009, "Two step verification PIN guessed too fast", 400, "permanent", null, "O PIN de verificação foi digitado rápido demais. Peça a um administrador para aguardar e tentar de novo.", "The verification PIN was entered too quickly. Ask an administrator to wait and try again."],
  [133010, "Phone number not registered", 400, "permanent", null, "Este número não está registrado no WhatsApp Business. Peça a um administrador para registrá-lo.", "This number is not registered with the WhatsApp Business Platform. Ask an administrator to register it."],
  [133015, "Please wait a few minutes before attempting to register this phone number", 400, "permanent", null, "O número foi excluído há pouco. Peça a um administrador para aguardar alguns minutos antes de registrá-lo.", "The number was deleted recently. Ask an administrator to wait a few minutes before registering it."],
  [133016, "Account register or deregister rate limit exceeded", 400, "permanent", null, "Foram feitas tentativas demais de registrar este número. Peça a um administrador para tentar mais tarde.", "Too many registration attempts were made for this number. Ask an administrator to try later."],
  [134011, "Business has not accepted the payments terms of service", 400, "permanent", null, "A empresa ainda não aceitou os termos de pagamento do WhatsApp. Peça a um administrador para aceitá-los.", "The business has not accepted WhatsApp's payment terms yet. Ask an administrator to accept them."],
  [135000, "Generic user error", 400, "permanent", null, "O WhatsApp recusou a mensagem por um problema desconhecido nos dados. Veja os detalhes e corrija antes de reenviar.", "WhatsApp rejected the message because of an unknown problem with its data. Check the details and fix it before resending."],
];

const toInfo = ([code, title, httpStatus, category, retryAfterMs, ptBR, en]: Row): ErrorCodeInfo => ({
  code,
  title,
  httpStatus,
  category,
  ...(retryAfterMs === null ? {} : { retryAfterMs }),
  agentMessage: { "pt-BR": ptBR, en },
});

/** Every known code, in table order. The 200–299 permission range is represented by its first code, 200. */
export const ERROR_CODE_TABLE: readonly ErrorCodeInfo[] = Object.freeze(ROWS.map(toInfo));

const BY_CODE = new Map(ERROR_CODE_TABLE.map((info) => [info.code, info]));

const PERMISSION_RANGE = { from: 200, to: 299 } as const;

/**
 * Finds the table row for a Meta error code. Codes 200–299 are one permission family and all answer the row of 200
 * (with their own `code`). Unknown codes give `undefined`; `classifyError` falls back on the HTTP status for those.
 *
 * @example
 * lookupErrorCode(131047)?.category // "needs_template"
 */
export function lookupErrorCode(code: number): ErrorCodeInfo | undefined {
  const known = BY_CODE.get(code);
  if (known) return known;
  if (code >= PERMISSION_RANGE.from && code <= PERMISSION_RANGE.to) {
    const family = BY_CODE.get(PERMISSION_RANGE.from);
    return family ? { ...family, code } : undefined;
  }
  return undefined;
}

/** Meta's synchronous error body (meta-cloud-api.md §6.1). Optional fields appear only on some answers. */
export interface GraphErrorBody {
  error: {
    /** `(#code) title`; titles change, so key on `code` and `error_data.details`. */
    message: string;
    type: string;
    code: number;
    error_data?: { messaging_product?: "whatsapp"; details?: string };
    /** Deprecated since v16.0 but still seen in the wild. */
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
    is_transient?: boolean;
    fbtrace_id?: string;
  };
}

/** Options of {@link graphErrorBody}. */
export interface GraphErrorBodyOptions {
  code: number;
  /** `error_data.details`; defaults to the table's English agent message. */
  details?: string;
  /** Replaces the title part of `message`; a value already starting with `(#` is used verbatim. */
  message?: string;
  /** Defaults to a random Meta-looking trace id. */
  fbtraceId?: string;
  subcode?: number;
}

const TRACE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

const randomTraceId = (): string => Array.from({ length: 23 }, () => TRACE_ALPHABET[randomInt(TRACE_ALPHABET.length)]).join("");

/**
 * Builds the exact error body Meta answers a failed Graph call with, so the simulator and tests produce
 * what the client will really parse.
 *
 * @example
 * reply.code(lookupErrorCode(131047)?.httpStatus ?? 400).send(graphErrorBody({ code: 131047 }));
 * // { error: { message: "(#131047) Re-engagement message", type: "OAuthException", code: 131047, error_data: {...}, fbtrace_id: "..." } }
 */
export function graphErrorBody({ code, details, message, fbtraceId, subcode }: GraphErrorBodyOptions): GraphErrorBody {
  const info = lookupErrorCode(code);
  const title = message ?? info?.title ?? "Unknown error";
  return {
    error: {
      message: title.startsWith("(#") ? title : `(#${code}) ${title}`,
      type: "OAuthException",
      code,
      error_data: { messaging_product: "whatsapp", details: details ?? info?.agentMessage.en ?? title },
      ...(subcode === undefined ? {} : { error_subcode: subcode }),
      fbtrace_id: fbtraceId ?? randomTraceId(),
    },
  };
}
