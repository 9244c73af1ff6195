/** A 1×1 JPEG, so a demo inbox can render an inbound image without the tester supplying one. */
const TINY_JPEG =
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=";

/** A 1×1 PNG. */
const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=";

/** Default mime type per inbound media type, as WhatsApp clients produce them. */
export function defaultMimeType(type: string, { voice }: { voice?: boolean } = {}): string {
  switch (type) {
    case "image":
      return "image/jpeg";
    case "audio":
      return voice === false ? "audio/mpeg" : "audio/ogg; codecs=opus";
    case "video":
      return "video/mp4";
    case "document":
      return "application/pdf";
    default:
      return "image/webp";
  }
}

/** Bytes for a media message sent without `data`: a real tiny picture for images, a labelled stub otherwise. */
export function placeholderBytes(mimeType: string): Buffer {
  if (mimeType.startsWith("image/jpeg")) return Buffer.from(TINY_JPEG, "base64");
  if (mimeType.startsWith("image/png")) return Buffer.from(TINY_PNG, "base64");
  return Buffer.from(`meta-sim placeholder (${mimeType})\n`, "utf8");
}
