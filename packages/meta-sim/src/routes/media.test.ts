import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimHarness, startSimHarness } from "../testing/sim.test-utils.ts";

let h: SimHarness;

beforeAll(async () => {
  h = await startSimHarness();
});

afterAll(async () => {
  await h.close();
});

const bytes = new TextEncoder().encode("%PDF-1.4 fatura de abril — São Paulo");

async function rawUpload(form: FormData): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${h.sim.url}/v23.0/${h.sim.phoneNumberId}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${h.sim.accessToken}` },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

describe("media API", () => {
  it("when a PDF is uploaded, its info carries the hex sha256, size and a download URL on the simulator", async () => {
    const { id } = await h.client.uploadMedia({ data: bytes, mimeType: "application/pdf", filename: "fatura.pdf" });

    const info = await h.client.getMediaInfo({ mediaId: id });

    expect(id).toMatch(/^\d{15,16}$/);
    expect(info).toMatchObject({
      id,
      mimeType: "application/pdf",
      fileSize: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    expect(info.url.startsWith(`${h.sim.url}/_sim/lookaside/${id}?`)).toBe(true);
  });

  it("when uploaded media is downloaded with the bearer token, the bytes match and the sha256 is verified", async () => {
    const { id } = await h.client.uploadMedia({ data: bytes, mimeType: "application/pdf" });

    const download = await h.client.downloadMedia({ mediaId: id });

    expect(Buffer.from(download.data).equals(Buffer.from(bytes))).toBe(true);
    expect(download.mimeType).toBe("application/pdf");
  });

  it("when the media URL is fetched without the bearer token, the answer is 401", async () => {
    const { id } = await h.client.uploadMedia({ data: bytes, mimeType: "application/pdf" });
    const { url } = await h.client.getMediaInfo({ mediaId: id });

    const response = await fetch(url);

    expect(response.status).toBe(401);
  });

  it("when the media URL's hash is tampered with, the answer is 404 so the caller fetches a fresh URL", async () => {
    const { id } = await h.client.uploadMedia({ data: bytes, mimeType: "application/pdf" });
    const { url } = await h.client.getMediaInfo({ mediaId: id });

    const response = await fetch(url.replace(/hash=[^&]+/, "hash=forged"), { headers: { authorization: `Bearer ${h.sim.accessToken}` } });

    expect(response.status).toBe(404);
  });

  it("when a customer sends an image, the business downloads it through the same API", async () => {
    const data = Buffer.from("fake-jpeg-bytes").toString("base64");
    const { mediaId } = h.sim.sendAsCustomer({
      from: "5511912345678",
      type: "image",
      image: { caption: "foto", mimeType: "image/jpeg", data },
    });

    const download = await h.client.downloadMedia({ mediaId: mediaId ?? "" });

    expect(Buffer.from(download.data).toString()).toBe("fake-jpeg-bytes");
  });

  it("when the file type is not accepted by WhatsApp, the upload fails with 131053 naming the type", async () => {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("file", new Blob([bytes], { type: "image/gif" }), "a.gif");

    const { status, body } = await rawUpload(form);

    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 131053, error_data: { details: expect.stringContaining("image/gif") } } });
  });

  it("when an image is over 5 MB, the upload fails with 131053", async () => {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("file", new Blob([new Uint8Array(5 * 1024 * 1024 + 1)], { type: "image/png" }), "big.png");

    const { body } = await rawUpload(form);

    expect(body).toMatchObject({ error: { code: 131053 } });
  });

  it("when messaging_product is missing, the upload fails with 100", async () => {
    const form = new FormData();
    form.set("file", new Blob([bytes], { type: "application/pdf" }), "a.pdf");

    expect((await rawUpload(form)).body).toMatchObject({
      error: { code: 100, error_data: { details: expect.stringContaining("messaging_product") } },
    });
  });

  it("when a media_upload fault is injected, the upload fails with that code", async () => {
    h.sim.setFaults([{ on: "media_upload", code: 131053, times: 1 }]);

    const error = await h.client.uploadMedia({ data: bytes, mimeType: "application/pdf" }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 131053 });
  });

  it("when a media_download fault is injected, the download fails as transient", async () => {
    const { id } = await h.client.uploadMedia({ data: bytes, mimeType: "application/pdf" });
    h.sim.setFaults([{ on: "media_download", httpStatus: 500, times: 2 }]);

    const error = await h.client.downloadMedia({ mediaId: id }).catch((e: unknown) => e);

    expect(error).toMatchObject({ httpStatus: 500 });
    h.sim.setFaults([]);
  });

  it("when media is deleted, its info is no longer found", async () => {
    const { id } = await h.client.uploadMedia({ data: bytes, mimeType: "application/pdf" });

    await expect(h.client.deleteMedia({ mediaId: id })).resolves.toEqual({ success: true });
    const error = await h.client.getMediaInfo({ mediaId: id }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 100, httpStatus: 400 });
  });
});
