import { z } from "zod";

export const contactSchema = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  waId: z.string().nullable(),
  userId: z.string().nullable().describe("WhatsApp business-scoped user id, for customers who hide their number"),
  username: z.string().nullable(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), z.unknown()),
  externalId: z.string().nullable().describe("The contact's id in your CRM"),
  erasedAt: z.iso
    .datetime()
    .optional()
    .describe('When the contact\'s personal data was erased (LGPD): `name` is then "Contato apagado" and the rest is empty'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const phone = z
  .string()
  .max(32)
  .refine(
    (v) => /^\+?[\d\s().-]{6,}$/.test(v) && v.replace(/\D/g, "").length >= 6,
    "must be a phone number with country code, e.g. +5511912345678",
  );

export const TAG_MAX_LENGTH = 64;
export const TAGS_MAX = 50;
export const ATTRIBUTES_MAX = 100;
export const ATTRIBUTE_KEY_MAX_LENGTH = 64;
/** Serialised as JSON; the attributes are encrypted as one value and travel with every conversation in the inbox. */
export const ATTRIBUTES_MAX_BYTES = 16 * 1024;

/** The same tag written twice, or in another case ("VIP", "vip"), is one tag: the first spelling stays. */
export function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const folded = tag.toLocaleLowerCase();
    if (seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
}

const tags = z
  .array(z.string().trim().min(1).max(TAG_MAX_LENGTH))
  .transform(uniqueTags)
  .refine((list) => list.length <= TAGS_MAX, `at most ${TAGS_MAX} different tags`)
  .describe(`Trimmed; repeats (ignoring case) are dropped; at most ${TAGS_MAX} tags of ${TAG_MAX_LENGTH} characters`);

const attributes = z
  .record(z.string().trim().min(1).max(ATTRIBUTE_KEY_MAX_LENGTH), z.unknown())
  .refine((value) => Object.keys(value).length <= ATTRIBUTES_MAX, `at most ${ATTRIBUTES_MAX} attributes`)
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= ATTRIBUTES_MAX_BYTES, `at most ${ATTRIBUTES_MAX_BYTES} bytes as JSON`)
  .describe(
    `Custom fields, replaced as a whole on update; keys trimmed, 1 to ${ATTRIBUTE_KEY_MAX_LENGTH} characters; at most ${ATTRIBUTES_MAX} keys and ${ATTRIBUTES_MAX_BYTES} bytes`,
  );

export const createContactBody = z.object({
  name: z.string().max(200).optional(),
  phone: phone.optional(),
  waId: z
    .string()
    .regex(/^\d{6,20}$/, "must be the digits WhatsApp uses as the user's id")
    .optional(),
  tags: tags.optional(),
  attributes: attributes.optional(),
  externalId: z.string().min(1).max(200).optional(),
});

export const updateContactBody = createContactBody.extend({ name: z.string().max(200).nullable().optional() }).partial();
