/*
 * Webhook payloads written from ../shared/meta-cloud-api.md §4 (Meta's webhook reference and real payloads seen
 * in public test suites). Literal on purpose: a test should show the exact bytes Meta sends.
 */

export const WABA_ID = "102290129340398";
export const PHONE_NUMBER_ID = "106540352242922";
export const DISPLAY_NUMBER = "5511955550000";
export const CUSTOMER = "5511912345678";

export const metadata = { display_phone_number: DISPLAY_NUMBER, phone_number_id: PHONE_NUMBER_ID };
export const contact = (name = "Lia Prado", waId = CUSTOMER) => ({ profile: { name }, wa_id: waId });

/** A `messages` webhook carrying one inbound message from CUSTOMER. */
export function inbound(message: Record<string, unknown>, contacts: unknown[] = [contact()]) {
  return envelope({ field: "messages", value: { messaging_product: "whatsapp", metadata, contacts, messages: [message] } });
}

/** A `messages` webhook carrying status updates. */
export function statuses(...items: Record<string, unknown>[]) {
  return envelope({ field: "messages", value: { messaging_product: "whatsapp", metadata, statuses: items } });
}

export function envelope(...changes: Array<{ field: string; value: unknown }>) {
  return { object: "whatsapp_business_account", entry: [{ id: WABA_ID, changes }] };
}

const base = (type: string, id = "wamid.HBgNNTUxMTkxMjM0NTY3OBUCABIYFDNBMjQ0QjQ1QzZFOEFEOEY0NTgxAA==") => ({
  from: CUSTOMER,
  id,
  timestamp: "1779883200",
  type,
});

export const messages = {
  text: { ...base("text"), text: { body: "Olá! Quero saber do meu pedido 🙂" } },
  image: {
    ...base("image"),
    image: {
      caption: "Foto do produto",
      mime_type: "image/jpeg",
      sha256: "r7Bj5Fv2FZ1n2g2f3tQ8VNmm1lV0yVHrR7u4yPp6b0w=",
      id: "1466357834303212",
      url: "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1466357834303212&ext=1779883200&hash=ATs",
    },
  },
  voice: {
    ...base("audio"),
    audio: {
      mime_type: "audio/ogg; codecs=opus",
      sha256: "Kx1b8mU7X0sZzZb6w9yqJgq8l6dN0m2jHh7u1V2tQ9k=",
      id: "872346513425613",
      voice: true,
    },
  },
  audioFile: { ...base("audio"), audio: { mime_type: "audio/mpeg", sha256: "abc=", id: "872346513425614", voice: false } },
  video: { ...base("video"), video: { caption: "Vídeo do defeito", mime_type: "video/mp4", sha256: "def=", id: "349812344545" } },
  document: {
    ...base("document"),
    document: {
      caption: "Segue a nota",
      filename: "Nota fiscal março.pdf",
      mime_type: "application/pdf",
      sha256: "ghi=",
      id: "566434398732",
    },
  },
  sticker: { ...base("sticker"), sticker: { mime_type: "image/webp", sha256: "jkl=", id: "745283745923", animated: false } },
  animatedSticker: { ...base("sticker"), sticker: { mime_type: "image/webp", sha256: "mno=", id: "745283745924", animated: true } },
  location: {
    ...base("location"),
    location: {
      latitude: -23.5614,
      longitude: -46.6559,
      name: "Loja Paulista",
      address: "Av. Paulista, 1578, São Paulo",
      url: "https://loja.example.com",
    },
  },
  currentLocation: { ...base("location"), location: { latitude: -22.9068, longitude: -43.1729 } },
  contacts: {
    ...base("contacts"),
    contacts: [
      {
        name: { formatted_name: "Paula Reis", first_name: "Paula", last_name: "Reis" },
        phones: [{ phone: "+55 11 3456-7890", type: "WORK", wa_id: "551134567890" }],
        emails: [{ email: "paula@example.com", type: "WORK" }],
        org: { company: "Acme", department: "Vendas", title: "Gerente" },
        addresses: [
          { street: "Rua A, 10", city: "São Paulo", state: "SP", zip: "01000-000", country: "Brasil", country_code: "BR", type: "WORK" },
        ],
        urls: [{ url: "https://acme.example.com", type: "WORK" }],
        birthday: "1990-04-21",
      },
    ],
  },
  buttonReply: {
    ...base("interactive"),
    context: { from: DISPLAY_NUMBER, id: "wamid.HBgNNTUxMTkxMjM0NTY3OBUCABEYEjJEMTVEQUMyMzMzMDNGRTZCMgA=" },
    interactive: { type: "button_reply", button_reply: { id: "ok_A-1193", title: "Confirmar" } },
  },
  listReply: {
    ...base("interactive"),
    context: { from: DISPLAY_NUMBER, id: "wamid.list" },
    interactive: { type: "list_reply", list_reply: { id: "ship_express", title: "Expressa", description: "1-2 dias úteis" } },
  },
  flowReply: {
    ...base("interactive"),
    context: { from: DISPLAY_NUMBER, id: "wamid.flow" },
    interactive: {
      type: "nfm_reply",
      nfm_reply: { name: "flow", body: "Sent", response_json: '{"flow_token":"lead-2026-0042","nome":"Lia","cidade":"Campinas"}' },
    },
  },
  templateButton: {
    ...base("button"),
    context: { from: DISPLAY_NUMBER, id: "wamid.template" },
    button: { payload: "confirm:A-1193", text: "Confirmar" },
  },
  reaction: { ...base("reaction"), reaction: { message_id: "wamid.outbound1", emoji: "👍" } },
  reactionRemoved: { ...base("reaction"), reaction: { message_id: "wamid.outbound1" } },
  reactionRemovedEmpty: { ...base("reaction"), reaction: { message_id: "wamid.outbound1", emoji: "" } },
  order: {
    ...base("order"),
    order: {
      catalog_id: "1234567890",
      text: "Quero estes",
      product_items: [
        { product_retailer_id: "SKU-1", quantity: 2, item_price: 49.9, currency: "BRL" },
        { product_retailer_id: "SKU-2", quantity: 1, item_price: 120, currency: "BRL" },
      ],
    },
  },
  referral: {
    ...base("text"),
    text: { body: "Vi o anúncio e quero saber mais" },
    referral: {
      source_url: "https://fb.me/abc",
      source_id: "120212345",
      source_type: "ad",
      body: "Promoção de verão",
      headline: "Chinelos 50% off",
      media_type: "image",
      image_url: "https://scontent.example/ad.jpg",
      ctwa_clid: "ARAkLkA8rmlFeiCktEJQ",
      welcome_message: { text: "Olá! Como podemos ajudar?" },
    },
  },
  requestWelcome: { ...base("request_welcome") },
  systemNumberChange: {
    from: CUSTOMER,
    id: "wamid.system",
    timestamp: "1779883200",
    type: "system",
    system: { body: "User A changed from 5511912345678 to 5511987654321", wa_id: "5511987654321", type: "user_changed_number" },
  },
  legacySystemNumberChange: {
    from: CUSTOMER,
    id: "wamid.legacy-system",
    timestamp: "1779883200",
    type: "system",
    system: { body: "changed", new_wa_id: "5511987654321", type: "customer_changed_number" },
  },
  unsupported: {
    ...base("unsupported"),
    errors: [
      {
        code: 131051,
        title: "Message type unknown",
        message: "Message type unknown",
        error_data: { details: "Message type is currently not supported." },
      },
    ],
    unsupported: { type: "poll_creation" },
  },
  legacyUnknown: {
    ...base("unknown"),
    errors: [{ code: 131051, details: "Message type is not currently supported", title: "Unsupported message type" }],
  },
  replyToText: { ...base("text"), context: { from: DISPLAY_NUMBER, id: "wamid.quoted" }, text: { body: "Sim, esse mesmo" } },
  forwarded: { ...base("text"), context: { forwarded: true }, text: { body: "encaminhada" } },
  frequentlyForwarded: {
    ...base("image"),
    context: { frequently_forwarded: true },
    image: { mime_type: "image/jpeg", sha256: "x", id: "99" },
  },
  productEnquiry: {
    ...base("text"),
    text: { body: "Tem no tamanho M?" },
    context: { from: DISPLAY_NUMBER, id: "wamid.product", referred_product: { catalog_id: "1234567890", product_retailer_id: "SKU-1" } },
  },
  mediaTooLarge: {
    ...base("video"),
    video: { mime_type: "video/mp4", id: "1234" },
    errors: [
      { code: 131052, title: "Media download error", message: "Media download error", error_data: { details: "media file too large" } },
    ],
  },
  revoke: { ...base("revoke"), revoke: { original_message_id: "wamid.original" } },
  edit: { ...base("edit"), edit: { original_message_id: "wamid.original", message: { type: "text", text: { body: "texto corrigido" } } } },
  newType: { ...base("poll"), poll: { question: "Qual dia?", options: ["seg", "ter"] } },
} as const;

/** A customer who hides their number behind a username: business-scoped user id only (2026). */
export const bsuidMessage = {
  contacts: [{ profile: { username: "lia.prado" }, user_id: "BR.7730019284465512" }],
  message: { from_user_id: "BR.7730019284465512", id: "wamid.bsuid", timestamp: "1779883200", type: "text", text: { body: "oi" } },
};

export const status = {
  sentCbp: {
    id: "wamid.outbound1",
    status: "sent",
    timestamp: "1779883322",
    recipient_id: CUSTOMER,
    conversation: { id: "3c6b2a1f0e9d8c7b6a5f4e3d2c1b0a99", expiration_timestamp: "1779969722", origin: { type: "service" } },
    pricing: { billable: true, pricing_model: "CBP", category: "service" },
  },
  deliveredPmp: {
    id: "wamid.outbound1",
    status: "delivered",
    timestamp: "1779883330",
    recipient_id: CUSTOMER,
    biz_opaque_callback_data: "crm:msg:3307",
    pricing: { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" },
  },
  read: { id: "wamid.outbound1", status: "read", timestamp: "1779883400", recipient_id: CUSTOMER },
  played: { id: "wamid.voice1", status: "played", timestamp: "1779883500", recipient_id: CUSTOMER },
  failed: {
    id: "wamid.outbound2",
    status: "failed",
    timestamp: "1779883600",
    recipient_id: CUSTOMER,
    errors: [
      {
        code: 131047,
        title: "Re-engagement message",
        message: "Re-engagement message",
        error_data: {
          details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        },
        href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
      },
    ],
  },
  bsuidRecipient: { id: "wamid.outbound3", status: "sent", timestamp: "1779883700", recipient_user_id: "BR.7730019284465512" },
  deletedOnPrem: { id: "wamid.outbound4", status: "deleted", timestamp: "1779883800", recipient_id: CUSTOMER },
} as const;
