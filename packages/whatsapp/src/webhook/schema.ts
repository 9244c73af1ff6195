import { z } from "zod";

/*
 * Zod schemas of Meta's webhook payloads. They are deliberately loose (unknown keys pass through, Meta adds
 * fields without notice) and strict only where a wrong shape would make an event wrong: ids, timestamps,
 * the fields a message type is defined by.
 */

/** Meta sends ids as strings, but test payloads and some fields (template ids, entry ids) carry numbers. */
export const idSchema = z.union([z.string().min(1), z.number()]).transform(String);
/** Unix seconds: a string in `messages[]`/`statuses[]`, an integer in `entry[].time` and other fields. */
export const unixTimeSchema = z.union([z.string(), z.number()]);

export const envelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: idSchema,
      time: unixTimeSchema.optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});
export type WebhookEnvelope = z.infer<typeof envelopeSchema>;

export const errorSchema = z.looseObject({
  code: z.union([z.number(), z.string()]).transform(Number),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});
export type RawError = z.infer<typeof errorSchema>;

export const metadataSchema = z.looseObject({
  display_phone_number: z.string().optional(),
  phone_number_id: idSchema,
});

export const contactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  identity_key_hash: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).nullish(),
});
export type RawContact = z.infer<typeof contactSchema>;

export const messagesValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: metadataSchema,
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

export const messageBaseSchema = z.looseObject({
  id: z.string().min(1),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  from_parent_user_id: z.string().optional(),
  timestamp: unixTimeSchema,
  type: z.string(),
  context: z
    .looseObject({
      from: z.string().optional(),
      id: z.string().optional(),
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
      referred_product: z.looseObject({ catalog_id: z.string().optional(), product_retailer_id: z.string().optional() }).optional(),
    })
    .optional(),
  referral: z.looseObject({}).optional(),
  errors: z.array(z.unknown()).optional(),
});
export type RawMessageBase = z.infer<typeof messageBaseSchema>;

export const referralSchema = z.looseObject({
  source_url: z.string().optional(),
  source_id: z.string().optional(),
  source_type: z.string().optional(),
  body: z.string().optional(),
  headline: z.string().optional(),
  media_type: z.string().optional(),
  image_url: z.string().optional(),
  video_url: z.string().optional(),
  thumbnail_url: z.string().optional(),
  ctwa_clid: z.string().optional(),
  welcome_message: z.looseObject({ text: z.string().optional() }).optional(),
});

export const mediaSchema = z.looseObject({
  id: idSchema,
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  url: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

const coordinateSchema = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
export const locationSchema = z.looseObject({
  latitude: coordinateSchema,
  longitude: coordinateSchema,
  name: z.string().optional(),
  address: z.string().optional(),
  url: z.string().optional(),
});

const typed = <T extends z.ZodRawShape>(shape: T) => z.array(z.looseObject({ ...shape, type: z.string().optional() })).optional();
export const contactCardSchema = z.looseObject({
  name: z.looseObject({
    formatted_name: z.string(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
  }),
  phones: typed({ phone: z.string().optional(), wa_id: z.string().optional() }),
  emails: typed({ email: z.string().optional() }),
  addresses: typed({
    street: z.string().optional(),
    city: z.string().optional(),
    state: z.string().optional(),
    zip: z.string().optional(),
    country: z.string().optional(),
    country_code: z.string().optional(),
  }),
  urls: typed({ url: z.string().optional() }),
  org: z.looseObject({ company: z.string().optional(), department: z.string().optional(), title: z.string().optional() }).optional(),
  birthday: z.string().optional(),
});

export const interactiveSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("button_reply"), button_reply: z.looseObject({ id: z.string(), title: z.string() }) }),
  z.looseObject({
    type: z.literal("list_reply"),
    list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }),
  }),
  z.looseObject({
    type: z.literal("nfm_reply"),
    nfm_reply: z.looseObject({ name: z.string().optional(), body: z.string().optional(), response_json: z.string() }),
  }),
]);

export const orderSchema = z.looseObject({
  catalog_id: z.string().optional(),
  text: z.string().optional(),
  product_items: z.array(
    z.looseObject({
      product_retailer_id: z.string(),
      quantity: z.union([z.number(), z.string()]).transform(Number),
      item_price: z.union([z.number(), z.string()]).transform(Number),
      currency: z.string(),
    }),
  ),
});

export const systemSchema = z.looseObject({
  body: z.string().optional(),
  type: z.string().optional(),
  wa_id: z.string().optional(),
  new_wa_id: z.string().optional(),
  user_id: z.string().optional(),
  customer: z.string().optional(),
});

export const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: unixTimeSchema,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  recipient_parent_user_id: z.string().optional(),
  recipient_type: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  conversation: z
    .looseObject({
      id: idSchema,
      expiration_timestamp: unixTimeSchema.optional(),
      origin: z.looseObject({ type: z.string().optional() }).optional(),
    })
    .optional(),
  pricing: z
    .looseObject({
      billable: z.boolean().optional(),
      pricing_model: z.string().optional(),
      category: z.string().optional(),
      type: z.string().optional(),
    })
    .optional(),
  errors: z.array(z.unknown()).optional(),
});

export const templateStatusValueSchema = z.looseObject({
  event: z.string(),
  message_template_id: idSchema,
  message_template_name: z.string(),
  message_template_language: z.string(),
  reason: z.string().nullish(),
  message_template_category: z.string().optional(),
});

export const templateQualityValueSchema = z.looseObject({
  message_template_id: idSchema,
  message_template_name: z.string(),
  message_template_language: z.string(),
  previous_quality_score: z.string().optional(),
  new_quality_score: z.string().optional(),
});

export const templateCategoryValueSchema = z.looseObject({
  message_template_id: idSchema,
  message_template_name: z.string(),
  message_template_language: z.string(),
  previous_category: z.string().optional(),
  new_category: z.string().optional(),
});

export const accountUpdateValueSchema = z.looseObject({ event: z.string() });

export const phoneQualityValueSchema = z.looseObject({
  display_phone_number: z.string().optional(),
  event: z.string(),
  current_limit: z.string().optional(),
  old_limit: z.string().optional(),
});

export const userPreferencesValueSchema = z.looseObject({
  metadata: metadataSchema.optional(),
  user_preferences: z.array(
    z.looseObject({
      wa_id: z.string().optional(),
      user_id: z.string().optional(),
      detail: z.string().optional(),
      category: z.string(),
      value: z.string(),
      timestamp: unixTimeSchema.optional(),
    }),
  ),
});

/** Renders zod issues as `path: problem` lines, paths in the payload's own notation (`entry[0].changes[1].value`). */
export function formatIssues(error: z.ZodError, prefix = ""): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: joinPath(prefix, issue.path), message: issue.message }));
}

export function joinPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
