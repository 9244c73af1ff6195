import { describe, expectTypeOf, it } from "vitest";
import type { InboundContent, MediaRef, StatusEvent, WebhookEvent } from "./events.ts";

// Type-level checks: `npm run typecheck` compiles this file, so a union that stops narrowing breaks the build.
describe("webhook event types", () => {
  it("when narrowed by kind and content type, fields are typed without casts", () => {
    const handle = (event: WebhookEvent) => {
      if (event.kind === "message" && event.content.type === "image") expectTypeOf(event.content.media).toEqualTypeOf<MediaRef>();
      if (event.kind === "message" && event.content.type === "reaction") expectTypeOf(event.content.emoji).toEqualTypeOf<string | null>();
      if (event.kind === "status") expectTypeOf(event).toEqualTypeOf<StatusEvent>();
      // @ts-expect-error an event must be narrowed before its content is read
      event.content;
    };
    expectTypeOf(handle).parameter(0).toEqualTypeOf<WebhookEvent>();
  });

  it("when a content value is built by hand, a wrong shape does not compile", () => {
    const ok: InboundContent = { type: "text", body: "oi" };
    // @ts-expect-error text content needs a body string
    const bad: InboundContent = { type: "text", text: "oi" };
    expectTypeOf(ok).toExtend<InboundContent>();
    expectTypeOf(bad).toExtend<InboundContent>();
  });
});
