import {
  ControlInputError,
  oneOf,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  readObject,
  requiredNumber,
  requiredString,
} from "../control/fields.ts";
import {
  CUSTOMER_MESSAGE_TYPES,
  type CustomerMedia,
  type CustomerMessageBase,
  type CustomerMessageContent,
  type CustomerMessageInput,
} from "./customer-message.ts";

const BSUID = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;

/**
 * Validates a control-API customer message. Throws {@link ControlInputError} naming the first bad field.
 * The in-process `sendAsCustomer` runs the same check, so both entry points accept exactly the same input.
 */
export function parseCustomerMessage(input: unknown): CustomerMessageInput {
  const body = readObject(input, "");
  return { ...parseBase(body), ...parseContent(body) };
}

function parseBase(body: Record<string, unknown>): CustomerMessageBase {
  const from = optionalString(body, "from");
  const userId = optionalString(body, "userId");
  if (from === undefined && userId === undefined) throw new ControlInputError("from", "is required (or userId, for a username user)");
  if (from !== undefined && !/^\+?\d{5,15}$/.test(from.replace(/[\s\-()]/g, "")))
    throw new ControlInputError("from", "must be a phone number such as 5511912345678");
  if (userId !== undefined && !BSUID.test(userId))
    throw new ControlInputError("userId", "must be a business-scoped user id such as BR.7730019284465512");
  const context = optionalObject(body, "context");
  const forwarded = body.forwarded;
  if (forwarded !== undefined && forwarded !== true && forwarded !== false && forwarded !== "frequently") {
    throw new ControlInputError("forwarded", 'must be true, false or "frequently"');
  }
  const referral = body.referral;
  if (referral !== undefined && referral !== true) readObject(referral, "referral");
  const name = optionalString(body, "name");
  const phoneNumberId = optionalString(body, "phoneNumberId");
  const timestamp = optionalNumber(body, "timestamp");
  const contextFrom = context ? optionalString(context, "from", "context") : undefined;
  return {
    ...(from === undefined ? {} : { from: from.replace(/\D/g, "") }),
    ...(userId === undefined ? {} : { userId }),
    ...(name === undefined ? {} : { name }),
    ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
    ...(timestamp === undefined ? {} : { timestamp }),
    ...(context
      ? { context: { id: requiredString(context, "id", "context"), ...(contextFrom === undefined ? {} : { from: contextFrom }) } }
      : {}),
    ...(forwarded === true || forwarded === "frequently" ? { forwarded } : {}),
    ...(referral === undefined ? {} : { referral: referral as true | Record<string, unknown> }),
  };
}

function parseMedia(body: Record<string, unknown>, key: string): CustomerMedia & { voice?: boolean; animated?: boolean } {
  const media = optionalObject(body, key) ?? {};
  const data = optionalString(media, "data", key);
  if (data !== undefined && !/^[A-Za-z0-9+/=\s]*$/.test(data)) throw new ControlInputError(`${key}.data`, "must be base64");
  const result: CustomerMedia & { voice?: boolean; animated?: boolean } = {};
  for (const field of ["caption", "mimeType", "filename"] as const) {
    const value = optionalString(media, field, key);
    if (value !== undefined) result[field] = value;
  }
  if (data !== undefined) result.data = data;
  const voice = optionalBoolean(media, "voice", key);
  if (voice !== undefined) result.voice = voice;
  const animated = optionalBoolean(media, "animated", key);
  if (animated !== undefined) result.animated = animated;
  return result;
}

function parseContent(body: Record<string, unknown>): CustomerMessageContent {
  const type = oneOf(body, "type", CUSTOMER_MESSAGE_TYPES);
  switch (type) {
    case "text": {
      const text =
        typeof body.text === "object" && body.text !== null
          ? requiredString(readObject(body.text, "text"), "body", "text")
          : requiredString(body, "text");
      return { type, text };
    }
    case "image":
    case "video":
    case "document":
      return { type, [type]: parseMedia(body, type) } as CustomerMessageContent;
    case "audio":
      return { type, audio: parseMedia(body, "audio") };
    case "sticker":
      return { type, sticker: parseMedia(body, "sticker") };
    case "location": {
      const location = readObject(body.location, "location");
      const extras = Object.fromEntries(
        (["name", "address", "url"] as const).flatMap((key) => {
          const value = optionalString(location, key, "location");
          return value === undefined ? [] : [[key, value]];
        }),
      );
      return {
        type,
        location: {
          latitude: requiredNumber(location, "latitude", "location"),
          longitude: requiredNumber(location, "longitude", "location"),
          ...extras,
        },
      };
    }
    case "contacts": {
      if (!Array.isArray(body.contacts) || body.contacts.length === 0)
        throw new ControlInputError("contacts", "must be a non-empty array of contact cards");
      const contacts = body.contacts.map((card, i) => {
        const parsed = readObject(card, `contacts[${i}]`);
        requiredString(readObject(parsed.name, `contacts[${i}].name`), "formatted_name", `contacts[${i}].name`);
        return parsed;
      });
      return { type, contacts };
    }
    case "interactive":
      return { type, interactive: parseInteractive(readObject(body.interactive, "interactive")) };
    case "button": {
      const button = readObject(body.button, "button");
      const payload = optionalString(button, "payload", "button");
      return { type, button: { text: requiredString(button, "text", "button"), ...(payload === undefined ? {} : { payload }) } };
    }
    case "reaction": {
      const reaction = readObject(body.reaction, "reaction");
      const emoji = optionalString(reaction, "emoji", "reaction");
      return { type, reaction: { messageId: requiredString(reaction, "messageId", "reaction"), ...(emoji ? { emoji } : {}) } };
    }
    case "order":
      return { type, order: parseOrder(readObject(body.order, "order")) };
    case "request_welcome":
      return { type };
    case "system": {
      const system = readObject(body.system, "system");
      const text = optionalString(system, "body", "system");
      const newWaId = requiredString(system, "newWaId", "system").replace(/\D/g, "");
      if (!body.from) throw new ControlInputError("from", "is required for system messages (it is the customer's old number)");
      return { type, system: { newWaId, ...(text === undefined ? {} : { body: text }) } };
    }
    case "unsupported": {
      const unsupported = optionalObject(body, "unsupported");
      return { type, ...(unsupported ? { unsupported: { type: requiredString(unsupported, "type", "unsupported") } } : {}) };
    }
  }
}

function parseInteractive(interactive: Record<string, unknown>) {
  const kind = oneOf(interactive, "type", ["button_reply", "list_reply", "nfm_reply"] as const, "interactive");
  if (kind === "nfm_reply") {
    const response = interactive.response ?? interactive.response_json;
    if (typeof response !== "string") readObject(response, "interactive.response");
    const name = optionalString(interactive, "name", "interactive");
    const text = optionalString(interactive, "body", "interactive");
    return {
      type: kind,
      response: response as Record<string, unknown> | string,
      ...(name === undefined ? {} : { name }),
      ...(text === undefined ? {} : { body: text }),
    };
  }
  const id = requiredString(interactive, "id", "interactive");
  const title = requiredString(interactive, "title", "interactive");
  if (kind === "button_reply") return { type: kind, id, title };
  const description = optionalString(interactive, "description", "interactive");
  return { type: kind, id, title, ...(description === undefined ? {} : { description }) };
}

function parseOrder(order: Record<string, unknown>) {
  const items = order.productItems;
  if (!Array.isArray(items) || items.length === 0) throw new ControlInputError("order.productItems", "must be a non-empty array");
  const text = optionalString(order, "text", "order");
  return {
    catalogId: requiredString(order, "catalogId", "order"),
    ...(text === undefined ? {} : { text }),
    productItems: items.map((raw, i) => {
      const item = readObject(raw, `order.productItems[${i}]`);
      const path = `order.productItems[${i}]`;
      return {
        productRetailerId: requiredString(item, "productRetailerId", path),
        quantity: requiredNumber(item, "quantity", path),
        itemPrice: requiredNumber(item, "itemPrice", path),
        currency: requiredString(item, "currency", path),
      };
    }),
  };
}
