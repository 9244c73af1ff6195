import type { ContactCard } from "./message-types.ts";
import type { WirePayload } from "./wire-payload.ts";

/** Contact cards → Meta's snake_case `contacts` array. */
export const contactsPayload = (contacts: readonly ContactCard[]): WirePayload<"contacts"> =>
  contacts.map((card) => ({
    name: {
      formatted_name: card.name.formattedName,
      first_name: card.name.firstName,
      last_name: card.name.lastName,
      middle_name: card.name.middleName,
      suffix: card.name.suffix,
      prefix: card.name.prefix,
    },
    phones: card.phones?.map(({ phone, type, waId }) => ({ phone, type, wa_id: waId })),
    emails: card.emails?.map(({ email, type }) => ({ email, type })),
    org: card.org && { company: card.org.company, department: card.org.department, title: card.org.title },
    addresses: card.addresses?.map(({ countryCode, ...address }) => ({ ...address, country_code: countryCode })),
    urls: card.urls?.map(({ url, type }) => ({ url, type })),
    birthday: card.birthday,
  }));
