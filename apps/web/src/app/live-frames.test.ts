import { describe, expect, it } from "vitest";
import { asFeatureFrame } from "./live-frames.ts";

describe("feature frames", () => {
  it("when a frame belongs to a composed feature, it is recognised; the core inbox's frames are not", () => {
    expect(asFeatureFrame({ type: "message.created" })).toBeNull();
    expect(asFeatureFrame({ type: "campaign.updated" })).toBeNull();
    const frame = { type: "template.changed", templateId: "t-1" };
    expect(asFeatureFrame(frame)).toEqual(frame);
    const reminder = { type: "reminder.due", conversationId: "c-1", scheduledId: "s-1", userId: "u-1" };
    expect(asFeatureFrame(reminder)).toEqual(reminder);
  });
});
