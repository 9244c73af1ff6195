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

export const createContactBody = z.object({
  name: z.string().max(200).optional(),
  phone: phone.optional(),
  waId: z
    .string()
    .regex(/^\d{6,20}$/, "must be the digits WhatsApp uses as the user's id")
    .optional(),
  tags: z.array(z.string().min(1).max(64)).max(100).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  externalId: z.string().min(1).max(200).optional(),
});

export const updateContactBody = createContactBody.extend({ name: z.string().max(200).nullable().optional() }).partial();
