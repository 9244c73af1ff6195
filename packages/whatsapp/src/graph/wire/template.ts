import { z } from "zod";
import { boundedText, documentMediaSchema, locationSchema, plainMediaSchema } from "./common.ts";
import { WIRE_LIMITS } from "./limits.ts";

/** Named parameters (templates created with `parameter_format: NAMED`) carry the variable's name. */
const parameterName = z
  .string()
  .regex(/^[a-z0-9_]+$/, { error: "parameter_name uses lowercase letters, digits and underscores" })
  .optional();

const textParameter = z.strictObject({
  type: z.literal("text"),
  text: z.string().min(1, { error: "must not be empty" }),
  parameter_name: parameterName,
});

const currencyParameter = z.strictObject({
  type: z.literal("currency"),
  parameter_name: parameterName,
  currency: z.strictObject({
    fallback_value: z.string().min(1),
    code: z.string().regex(/^[A-Z]{3}$/, { error: "must be an ISO 4217 code like BRL" }),
    amount_1000: z.number().int({ error: "amount_1000 is the amount × 1000 as an integer" }),
  }),
});

const dateTimeParameter = z.strictObject({
  type: z.literal("date_time"),
  parameter_name: parameterName,
  date_time: z.strictObject({ fallback_value: z.string().min(1) }),
});

/** Every parameter type Meta accepts in a template component (meta-cloud-api.md §1.7). */
export const templateParameterSchema = z.discriminatedUnion(
  "type",
  [
    textParameter,
    currencyParameter,
    dateTimeParameter,
    z.strictObject({ type: z.literal("image"), image: plainMediaSchema }),
    z.strictObject({ type: z.literal("video"), video: plainMediaSchema }),
    z.strictObject({ type: z.literal("document"), document: documentMediaSchema }),
    z.strictObject({ type: z.literal("location"), location: locationSchema }),
    z.strictObject({ type: z.literal("payload"), payload: z.string().min(1) }),
    z.strictObject({ type: z.literal("coupon_code"), coupon_code: boundedText(WIRE_LIMITS.template.couponCode) }),
    z.strictObject({
      type: z.literal("action"),
      action: z.strictObject({ flow_token: z.string().min(1).optional(), flow_action_data: z.record(z.string(), z.unknown()).optional() }),
    }),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? "unsupported parameter type; expected text, currency, date_time, image, video, document, location, payload, coupon_code or action"
        : undefined,
  },
);

type TemplateParameter = z.infer<typeof templateParameterSchema>;
type ParameterType = TemplateParameter["type"];

const HEADER_TYPES: readonly ParameterType[] = ["text", "image", "video", "document", "location"];
const BODY_TYPES: readonly ParameterType[] = ["text", "currency", "date_time"];
/** What each button sub_type is filled with; Meta rejects any other parameter with error 132012. */
const BUTTON_TYPES = { quick_reply: "payload", url: "text", copy_code: "coupon_code", flow: "action" } as const satisfies Record<
  string,
  ParameterType
>;

const checkParameters = (parameters: readonly TemplateParameter[], allowed: readonly ParameterType[], ctx: z.RefinementCtx) => {
  parameters.forEach((parameter, index) => {
    if (!allowed.includes(parameter.type)) {
      ctx.addIssue({
        code: "custom",
        message: `parameter type "${parameter.type}" is not allowed here; use ${allowed.join(" or ")}`,
        path: ["parameters", index, "type"],
      });
    }
  });
  const named = parameters.filter((parameter) => "parameter_name" in parameter && parameter.parameter_name !== undefined).length;
  if (named > 0 && named < parameters.length) {
    ctx.addIssue({ code: "custom", message: "mix of named and positional parameters; a template uses one format", path: ["parameters"] });
  }
};

const parameters = z.array(templateParameterSchema);

const headerComponent = z
  .strictObject({ type: z.literal("header"), parameters })
  .superRefine((value, ctx) => checkParameters(value.parameters, HEADER_TYPES, ctx));

const bodyComponent = z
  .strictObject({ type: z.literal("body"), parameters })
  .superRefine((value, ctx) => checkParameters(value.parameters, BODY_TYPES, ctx));

const buttonComponent = z
  .strictObject({
    type: z.literal("button"),
    sub_type: z.enum(["quick_reply", "url", "copy_code", "flow"]),
    index: z.union([z.number().int().min(0), z.string().regex(/^\d+$/)], { error: "index is the 0-based button position" }),
    parameters,
  })
  .superRefine((value, ctx) => checkParameters(value.parameters, [BUTTON_TYPES[value.sub_type]], ctx));

/** The `template` object of a template message. */
export const templateSchema = z.strictObject({
  name: boundedText(WIRE_LIMITS.template.name),
  language: z.strictObject({
    code: z.string().min(1, { error: "language code is required, e.g. pt_BR" }),
    policy: z.literal("deterministic").optional(),
  }),
  components: z
    .array(
      z.discriminatedUnion("type", [headerComponent, bodyComponent, buttonComponent], {
        error: (issue) => (issue.code === "invalid_union" ? "unsupported component type; expected header, body or button" : undefined),
      }),
    )
    .optional(),
});
