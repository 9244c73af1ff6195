import type {
  ButtonsMessage,
  CtaUrlMessage,
  FlowMessage,
  InteractiveHeader,
  ListMessage,
  LocationRequestMessage,
} from "./message-types.ts";
import { mediaRef, type WirePayload } from "./wire-payload.ts";

type WireInteractive = WirePayload<"interactive">;

const header = (value: InteractiveHeader | undefined) => {
  if (value === undefined) return undefined;
  switch (value.type) {
    case "text":
      return { type: "text" as const, text: value.text };
    case "image":
      return { type: "image" as const, image: mediaRef(value) };
    case "video":
      return { type: "video" as const, video: mediaRef(value) };
    case "document":
      return { type: "document" as const, document: { ...mediaRef(value), filename: value.filename } };
  }
};

const footer = (text: string | undefined) => (text === undefined ? undefined : { text });

/** Reply buttons → `interactive.type: "button"`. */
export const buttonsPayload = (message: ButtonsMessage): WireInteractive => ({
  type: "button",
  header: header(message.header),
  body: { text: message.body },
  footer: footer(message.footer),
  action: { buttons: message.buttons.map(({ id, title }) => ({ type: "reply", reply: { id, title } })) },
});

/** List → `interactive.type: "list"` (text header only). */
export const listPayload = (message: ListMessage): WireInteractive => ({
  type: "list",
  header: message.header === undefined ? undefined : { type: "text", text: message.header },
  body: { text: message.body },
  footer: footer(message.footer),
  action: {
    button: message.buttonText,
    sections: message.sections.map((section) => ({
      title: section.title,
      rows: section.rows.map(({ id, title, description }) => ({ id, title, description })),
    })),
  },
});

/** One URL button → `interactive.type: "cta_url"`. */
export const ctaUrlPayload = (message: CtaUrlMessage): WireInteractive => ({
  type: "cta_url",
  header: header(message.header),
  body: { text: message.body },
  footer: footer(message.footer),
  action: { name: "cta_url", parameters: { display_text: message.displayText, url: message.url } },
});

/** Flow → `interactive.type: "flow"`, always `flow_message_version: "3"`. */
export const flowPayload = (message: FlowMessage): WireInteractive => {
  const hasPayload = message.screen !== undefined || message.data !== undefined;
  return {
    type: "flow",
    header: header(message.header),
    body: { text: message.body },
    footer: footer(message.footer),
    action: {
      name: "flow",
      parameters: {
        flow_message_version: "3",
        flow_id: message.flowId,
        flow_name: message.flowName,
        flow_token: message.flowToken,
        flow_cta: message.flowCta,
        flow_action: message.flowAction,
        flow_action_payload: hasPayload ? { screen: message.screen, data: message.data } : undefined,
        mode: message.mode,
      },
    },
  };
};

/** Location request → `interactive.type: "location_request_message"`. */
export const locationRequestPayload = (message: LocationRequestMessage): WireInteractive => ({
  type: "location_request_message",
  body: { text: message.body },
  action: { name: "send_location" },
});
