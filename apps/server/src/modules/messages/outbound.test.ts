import { buildMessageBody, WhatsAppValidationError } from "@papo/whatsapp";
import { describe, expect, it } from "vitest";
import { apiFieldOf, mediaIdsOf, mediaRefsOf, toOutboundMessage } from "./outbound.ts";
import type { SendMessageBody } from "./schemas.ts";

const PAPO_ID = "4b0c6f0e-6a3e-4d0e-9a41-6f2b1c1d2e3f";
const HEADER_ID = "0f7d6c1e-2b3a-4c5d-8e9f-a0b1c2d3e4f5";

describe("apiFieldOf", () => {
  it.each([
    ["text.body", "body"],
    ["image.caption", "caption"],
    ["image", "mediaId"],
    ["interactive.body.text", "body"],
    ["interactive.footer.text", "footer"],
    ["interactive.action.buttons[3]", "buttons[3]"],
    ["interactive.action.buttons[0].reply.title", "buttons[0].title"],
    ["interactive.action.button", "buttonText"],
    ["interactive.action.sections[0].rows[10]", "sections[0].rows[10]"],
    ["interactive.action.parameters.display_text", "displayText"],
    ["interactive.action.parameters.flow_cta", "flowCta"],
    ["interactive.header.image", "header"],
    ["contacts[0].name.formatted_name", "contacts[0].name.formattedName"],
    ["location.latitude", "latitude"],
    ["template.components[0].parameters[0].currency.fallback_value", "components[0].parameters[0].fallbackValue"],
    ["reaction.message_id", "messageId"],
    ["context.message_id", "replyTo"],
  ])("when the library reports %s, the API field is %s", (wire, api) => {
    expect(apiFieldOf(wire)).toBe(api);
  });
});

describe("mediaRefsOf", () => {
  it("when a request carries media in the message, a header and template parameters, each is found with its field and kind", () => {
    expect(mediaRefsOf({ type: "audio", mediaId: PAPO_ID, voice: true })).toEqual([
      { at: "", kind: "audio", mediaId: PAPO_ID, link: undefined },
    ]);
    expect(
      mediaRefsOf({
        type: "buttons",
        body: "b",
        header: { type: "video", link: "https://papo.dev/v.mp4" },
        buttons: [{ id: "a", title: "A" }],
      }),
    ).toEqual([{ at: "header", kind: "video", mediaId: undefined, link: "https://papo.dev/v.mp4" }]);
    const template: SendMessageBody = {
      type: "template",
      name: "promo_relampago",
      language: "pt_BR",
      components: [
        { type: "header", parameters: [{ type: "image", mediaId: HEADER_ID }] },
        { type: "body", parameters: ["Lia", "20%"] },
      ],
    };
    expect(mediaRefsOf(template)).toEqual([{ at: "components[0].parameters[0]", kind: "image", mediaId: HEADER_ID, link: undefined }]);
    expect(mediaIdsOf(template)).toEqual([HEADER_ID]);
  });

  it("when a request has no media, none is found", () => {
    expect(mediaRefsOf({ type: "text", body: "oi" })).toEqual([]);
    expect(mediaRefsOf({ type: "buttons", body: "b", header: { type: "text", text: "t" }, buttons: [{ id: "a", title: "A" }] })).toEqual(
      [],
    );
  });
});

describe("toOutboundMessage", () => {
  it("when a Papo media id is resolved, the wire body carries Meta's id", () => {
    const message = toOutboundMessage({
      document: { request: { type: "image", mediaId: PAPO_ID, caption: "c" } },
      to: "+5511912345678",
      callbackData: "msg-1",
      resolveMedia: (id) => (id === PAPO_ID ? "meta-777" : id),
    });
    expect(buildMessageBody(message)).toMatchObject({
      to: "+5511912345678",
      biz_opaque_callback_data: "msg-1",
      type: "image",
      image: { id: "meta-777", caption: "c" },
    });
  });

  it("when both a mediaId and a link are given, the library refuses the message instead of dropping one", () => {
    const message = toOutboundMessage({
      document: { request: { type: "image", mediaId: PAPO_ID, link: "https://papo.dev/a.png" } },
      to: "+5511912345678",
      resolveMedia: () => "meta-777",
    });
    expect(() => buildMessageBody(message)).toThrow(WhatsAppValidationError);
  });

  it("when a reaction's emoji is empty, the wire body removes the reaction", () => {
    const message = toOutboundMessage({
      document: { request: { type: "reaction", messageId: PAPO_ID, emoji: "" }, targetWamid: "wamid.TARGET" },
      to: "+5511912345678",
      resolveMedia: (id) => id,
    });
    expect(buildMessageBody(message)).toMatchObject({ type: "reaction", reaction: { message_id: "wamid.TARGET", emoji: "" } });
  });
});
