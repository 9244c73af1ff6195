import { type AgentMessage, WhatsAppError } from "@papo/whatsapp";
import type { z } from "zod";
import type { Deps } from "../../deps.ts";
import type { Channel } from "./repo.ts";
import type { HEALTH_FAILURE_REASONS, healthCheckSchema } from "./schemas.ts";
import { toChannelDto } from "./service.ts";

export type HealthCheck = z.infer<typeof healthCheckSchema>;
type FailureReason = (typeof HEALTH_FAILURE_REASONS)[number];

/** Graph's "object does not exist or cannot be seen with this token" (code 100, subcode 33; 33 on older versions). */
const isUnknownObject = (error: WhatsAppError) => error.code === 33 || (error.code === 100 && error.subcode === 33);

const HINTS: Record<Exclude<FailureReason, "credentials">, AgentMessage> = {
  unreachable: {
    "pt-BR": "Não foi possível falar com a API do WhatsApp. Confira a URL da API e a rede do servidor, e tente de novo.",
    en: "WhatsApp's API could not be reached. Check the API URL and the server's network, then try again.",
  },
  number_not_found: {
    "pt-BR":
      "O WhatsApp não encontrou este número com este token. Confira o ID do número e se o token tem acesso à conta do WhatsApp Business.",
    en: "WhatsApp found no such number for this token. Check the phone number id and that the token has access to the WhatsApp Business Account.",
  },
  temporary: {
    "pt-BR": "O WhatsApp está com um problema temporário. Tente de novo em alguns minutos.",
    en: "WhatsApp has a temporary problem. Try again in a few minutes.",
  },
  refused: {
    "pt-BR": "O WhatsApp recusou a verificação. Veja a mensagem da Meta.",
    en: "WhatsApp refused the check. See Meta's message.",
  },
};

function reasonOf(error: WhatsAppError): FailureReason {
  if (error.code === undefined && error.httpStatus === undefined) return "unreachable";
  if (error.classification.category === "auth") return "credentials";
  if (isUnknownObject(error)) return "number_not_found";
  return error.classification.retryable ? "temporary" : "refused";
}

/** Someone is waiting on the button: a silent address is reported after this, not after the senders' 30 s. */
export const HEALTH_CHECK_TIMEOUT_MS = 10_000;

/**
 * Asks Meta's Graph API about the channel's phone number with the channel's own credentials. A refusal from Meta
 * (bad token, unknown number, no permission) or no answer at all is the check's result, not an error of this call:
 * the answer says what Meta said, classified by `@papo/whatsapp`'s `classifyError` (the error's `classification`),
 * and what to do about it.
 */
export async function checkChannelHealth({
  channel,
  deps,
  timeoutMs = HEALTH_CHECK_TIMEOUT_MS,
}: {
  channel: Channel;
  deps: Pick<Deps, "clientFor" | "clock" | "config">;
  timeoutMs?: number;
}): Promise<HealthCheck> {
  const base = { checkedAt: deps.clock.now().toISOString(), webhook: toChannelDto(channel, deps.config.publicUrl).webhook };
  try {
    const phoneNumber = await deps.clientFor(channel, { timeoutMs }).getPhoneNumber();
    return { ok: true, ...base, phoneNumber };
  } catch (error) {
    if (!(error instanceof WhatsAppError)) throw error;
    const reason = reasonOf(error);
    const { category, retryable, agentMessage } = error.classification;
    return {
      ok: false,
      ...base,
      error: {
        code: error.code ?? null,
        reason,
        category,
        retryable,
        message: error.message,
        // The credential codes' own sentences already name the token; the others speak of messages, not of a check.
        hint: reason === "credentials" ? agentMessage : HINTS[reason],
      },
    };
  }
}
