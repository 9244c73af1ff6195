import { describe, expect, it } from "vitest";
import { checkMediaUpload } from "./media-limits.ts";

describe("media upload limits", () => {
  it("when a voice note declares its codec, the base mime type is accepted as audio", () => {
    expect(checkMediaUpload({ mimeType: "audio/ogg; codecs=opus", sizeBytes: 1_000 })).toEqual({ ok: true, kind: "audio" });
  });

  it("when the mime type is not one WhatsApp accepts, the upload is refused naming the type", () => {
    const check = checkMediaUpload({ mimeType: "image/gif", sizeBytes: 1_000 });

    expect(check.ok).toBe(false);
    expect(!check.ok && check.details).toContain("image/gif");
  });

  it("when an image is larger than 5 MB, the upload is refused", () => {
    expect(checkMediaUpload({ mimeType: "image/png", sizeBytes: 5 * 1024 * 1024 + 1 }).ok).toBe(false);
  });

  it("when a sticker is larger than 500 KB, the upload is refused", () => {
    expect(checkMediaUpload({ mimeType: "image/webp", sizeBytes: 500 * 1024 + 1 }).ok).toBe(false);
  });

  it("when a PDF is 20 MB, the upload is accepted as a document", () => {
    expect(checkMediaUpload({ mimeType: "application/pdf", sizeBytes: 20 * 1024 * 1024 })).toEqual({ ok: true, kind: "document" });
  });
});
