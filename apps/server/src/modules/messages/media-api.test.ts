import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { pngBytes, uploadMedia } from "./outbound.test-utils.ts";

describe.each(DATABASE_KINDS)("uploading and downloading media (%s)", (kind) => {
  let t: TestPapo;
  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  const download = (id: string, token = t.token) =>
    fetch(`${t.papo.url}/api/v1/media/${id}`, { headers: { authorization: `Bearer ${token}` } });

  it.skipIf(!isAvailable(kind))("when the file's type is not one WhatsApp accepts, the upload gets 400 media.unsupported", async () => {
    const refused = await uploadMedia(t, { data: Buffer.from("<script>alert(1)</script>"), mimeType: "text/html", filename: "x.html" });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("media.unsupported");
    expect(refused.body.error.message).toBe("file: WhatsApp does not accept text/html");
  });

  it.skipIf(!isAvailable(kind))("when the file is empty, the upload gets 400 media.unsupported", async () => {
    const refused = await uploadMedia(t, { data: Buffer.alloc(0), mimeType: "image/png", filename: "vazio.png" });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("media.unsupported");
    expect(refused.body.error.message).toBe("file: file is empty");
  });

  it.skipIf(!isAvailable(kind))("when an uploaded image is downloaded, the original bytes come back with their content type", async () => {
    const png = pngBytes(3, 3);
    const uploaded = await uploadMedia(t, { data: png, mimeType: "image/png", filename: "comprovante.png" });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ mimeType: "image/png", filename: "comprovante.png", size: png.byteLength });

    const response = await download(uploaded.body.id);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toBe("inline; filename*=UTF-8''comprovante.png");
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    // What is on disk is the ciphertext, not the file.
    const onDisk = readFileSync(join(t.dataDir, "media", t.papo.bootstrap.workspaceId, `${uploaded.body.id}.bin`));
    expect(onDisk.includes(png.subarray(12, 29))).toBe(false);
  });

  it.skipIf(!isAvailable(kind))("when a document a browser could run as a page is downloaded, it comes as an attachment", async () => {
    const uploaded = await uploadMedia(t, { data: Buffer.from("lista de compras"), mimeType: "text/plain", filename: "lista.txt" });

    const response = await download(uploaded.body.id);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''lista.txt");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toBe("lista de compras");
  });

  it.skipIf(!isAvailable(kind))("when the media id is unknown, the download gets 404 media.not_found", async () => {
    const response = await download(randomUUID());

    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("media.not_found");
  });

  it.skipIf(!isAvailable(kind))("when the caller has no valid token, the download gets 401 and no bytes", async () => {
    const uploaded = await uploadMedia(t, { data: pngBytes(), mimeType: "image/png", filename: "a.png" });

    const response = await download(uploaded.body.id, "not-a-token");

    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/json/);
  });
});
