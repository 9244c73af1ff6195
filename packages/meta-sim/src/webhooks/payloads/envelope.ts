import { digitsOf, type PhoneNumberRecord } from "../../state.ts";

/** The `value` of a `messages` change, minus the fields the envelope fills in. */
export interface MessagesValue {
  contacts?: Record<string, unknown>[];
  messages?: Record<string, unknown>[];
  statuses?: Record<string, unknown>[];
  errors?: Record<string, unknown>[];
}

/**
 * Wraps a `messages`-field value in Meta's envelope (meta-cloud-api.md §4.3). Key order follows Meta's wire bodies,
 * which matters only to people diffing raw payloads.
 */
export function messagesEnvelope({
  phoneNumber,
  value,
}: {
  phoneNumber: PhoneNumberRecord;
  value: MessagesValue;
}): Record<string, unknown> {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: phoneNumber.wabaId,
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: digitsOf(phoneNumber.displayPhoneNumber), phone_number_id: phoneNumber.id },
              ...value,
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}
