import { z } from "zod";

// Lenient on purpose (plain objects, extra members ignored): Meta adds fields without notice, and a 2xx answer that
// gained a member must not be reported as a failure.

/** `POST /{phone-number-id}/messages` success. */
export const sendResponseSchema = z.object({
  contacts: z.array(z.object({ input: z.string().optional(), wa_id: z.string().optional(), user_id: z.string().optional() })).optional(),
  messages: z.array(z.object({ id: z.string().min(1), message_status: z.string().optional() })).min(1),
});

/** `{ success: true }`. */
export const successSchema = z.object({ success: z.literal(true) });

/** `POST /{phone-number-id}/media`. */
export const uploadResponseSchema = z.object({ id: z.string().min(1) });

/** `GET /{media-id}`; Meta's docs type `file_size` as a string, real answers carry a number. */
export const mediaInfoSchema = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  mime_type: z.string(),
  sha256: z.string().optional(),
  file_size: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});

const templateSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  category: z.string(),
  language: z.string(),
  components: z.array(z.looseObject({ type: z.string() })).default([]),
  parameter_format: z.string().optional(),
});

/** `GET /{waba-id}/message_templates`. */
export const templateListSchema = z.object({
  data: z.array(templateSchema),
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

/** `POST /{waba-id}/message_templates`. */
export const createdTemplateSchema = z.object({ id: z.string(), status: z.string(), category: z.string() });

/** `GET /{phone-number-id}`. */
export const phoneNumberSchema = z.object({
  id: z.string(),
  display_phone_number: z.string(),
  verified_name: z.string(),
  quality_rating: z.string().default("UNKNOWN"),
  code_verification_status: z.string().optional(),
  name_status: z.string().optional(),
  platform_type: z.string().optional(),
  throughput: z.object({ level: z.string().optional() }).optional(),
  messaging_limit_tier: z.string().optional(),
});
