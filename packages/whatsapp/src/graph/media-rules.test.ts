import { describe, expect, it } from "vitest";
import { mediaKindOf, uploadIssues } from "./media-rules.ts";

describe("media rules", () => {
  it.each([
    ["audio/ogg; codecs=opus", "audio"],
    ["audio/mpeg", "audio"],
    ["application/pdf", "document"],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document"],
    ["IMAGE/JPEG", "image"],
    ["image/webp", "sticker"],
    ["video/3gpp", "video"],
  ])("when the mime type is %s, the upload kind is %s", (mimeType, kind) => {
    expect(mediaKindOf({ mimeType })).toBe(kind);
  });

  it.each(["image/gif", "video/quicktime", "application/zip"])("when the mime type is %s, WhatsApp does not accept it", (mimeType) => {
    expect(uploadIssues({ mimeType, size: 10 }).map((issue) => issue.path)).toEqual(["mimeType"]);
  });

  it.each([
    ["audio/aac", 16 * 1024 * 1024],
    ["application/pdf", 100 * 1024 * 1024],
    ["image/png", 5 * 1024 * 1024],
    ["image/webp", 500 * 1024],
    ["video/mp4", 16 * 1024 * 1024],
  ])("when a %s file is exactly at its cap of %i bytes, it is accepted, and one byte more is refused", (mimeType, cap) => {
    expect(uploadIssues({ mimeType, size: cap })).toEqual([]);
    expect(uploadIssues({ mimeType, size: cap + 1 }).map((issue) => issue.path)).toEqual(["data"]);
  });

  it("when the file is empty, it is refused", () => {
    expect(uploadIssues({ mimeType: "image/png", size: 0 }).map((issue) => issue.path)).toEqual(["data"]);
  });
});
