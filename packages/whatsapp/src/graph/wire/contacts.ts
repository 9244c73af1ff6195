import { z } from "zod";

const optionalText = z.string().optional();

/** One contact card of a `contacts` message; only `name.formatted_name` is required by Meta. */
export const contactCardSchema = z.strictObject({
  name: z.strictObject({
    formatted_name: z.string().min(1, { error: "formatted_name is required" }),
    first_name: optionalText,
    last_name: optionalText,
    middle_name: optionalText,
    suffix: optionalText,
    prefix: optionalText,
  }),
  phones: z.array(z.strictObject({ phone: optionalText, type: optionalText, wa_id: optionalText })).optional(),
  emails: z.array(z.strictObject({ email: optionalText, type: optionalText })).optional(),
  org: z.strictObject({ company: optionalText, department: optionalText, title: optionalText }).optional(),
  addresses: z
    .array(
      z.strictObject({
        street: optionalText,
        city: optionalText,
        state: optionalText,
        zip: optionalText,
        country: optionalText,
        country_code: optionalText,
        type: optionalText,
      }),
    )
    .optional(),
  urls: z.array(z.strictObject({ url: optionalText, type: optionalText })).optional(),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "birthday must be YYYY-MM-DD" })
    .optional(),
});

/** The `contacts` array of a contacts message. */
export const contactsSchema = z.array(contactCardSchema).min(1, { error: "needs at least one contact" });
