import type { TemplateComponentParams, TemplateMessage, TemplateParameter } from "./message-types.ts";
import { mediaRef, type WirePayload } from "./wire-payload.ts";

type WireTemplate = WirePayload<"template">;
type WireComponent = NonNullable<WireTemplate["components"]>[number];
type WireParameter = WireComponent["parameters"][number];

const parameter = (value: string | TemplateParameter): WireParameter => {
  if (typeof value === "string") return { type: "text", text: value };
  switch (value.type) {
    case "text":
      return { type: "text", parameter_name: value.parameterName, text: value.text };
    case "currency":
      return {
        type: "currency",
        parameter_name: value.parameterName,
        currency: { fallback_value: value.fallbackValue, code: value.code, amount_1000: value.amount1000 },
      };
    case "date_time":
      return { type: "date_time", parameter_name: value.parameterName, date_time: { fallback_value: value.fallbackValue } };
    case "image":
      return { type: "image", image: mediaRef(value) };
    case "video":
      return { type: "video", video: mediaRef(value) };
    case "document":
      return { type: "document", document: { ...mediaRef(value), filename: value.filename } };
    case "location":
      return {
        type: "location",
        location: { latitude: value.latitude, longitude: value.longitude, name: value.name, address: value.address },
      };
  }
};

const buttonParameter = (component: Extract<TemplateComponentParams, { type: "button" }>): WireParameter => {
  switch (component.subType) {
    case "quick_reply":
      return { type: "payload", payload: component.payload };
    case "url":
      return { type: "text", text: component.text };
    case "copy_code":
      return { type: "coupon_code", coupon_code: component.couponCode };
    case "flow":
      return { type: "action", action: { flow_token: component.flowToken, flow_action_data: component.flowActionData } };
  }
};

const component = (value: TemplateComponentParams): WireComponent => {
  if (value.type !== "button") return { type: value.type, parameters: value.parameters.map(parameter) };
  // Meta documents `index` as a string in every example; numbers are accepted too, strings are the safe choice.
  return { type: "button", sub_type: value.subType, index: String(value.index), parameters: [buttonParameter(value)] };
};

/** Template message → `template` object with Meta's lower-case component types. */
export const templatePayload = (message: TemplateMessage): WireTemplate => ({
  name: message.name,
  language: { code: message.language },
  components: message.components?.map(component),
});
