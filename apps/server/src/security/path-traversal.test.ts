import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../testing/papo.test-utils.ts";
import { describeAnswer, rawRequest } from "./attack.test-utils.ts";

/** The smallest valid PNG: a 1×1 pixel. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAghX0qQAAAABJRU5ErkJggg==", "base64");

/** Every file under a folder, relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));

const multipart = (filename: string, data: Buffer, mimeType = "image/png") => {
  const boundary = `----papo${randomBytes(8).toString("hex")}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${filename}"\r\ncontent-type: ${mimeType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
};

describe.each(DATABASE_KINDS)("path traversal on media and static files (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  /** A file next to the media folder (in DATA_DIR) that no request may ever return. */
  const canary = `canary-${randomBytes(12).toString("hex")}`;
  let mediaId: string;

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    writeFileSync(join(t.dataDir, "canary.txt"), canary);
    const upload = multipart("foto.png", PNG);
    const answer = await rawRequest(t, { method: "POST", path: "/api/v1/media", body: upload.body, headers: upload.headers });
    expect(answer.status, describeAnswer("upload", answer)).toBe(201);
    mediaId = (answer.json as unknown as { id: string }).id;
  });
  afterAll(async () => t?.close());

  const leaked = (text: string) => text.includes(canary) || /root:.*:0:0:/.test(text) || text.includes('"workspaces"');

  run(
    "when a media id is a traversal (plain, encoded, double-encoded, absolute, backslashed, NUL), the answer is a 4xx JSON error",
    async () => {
      const ids = [
        "../canary.txt",
        "../../etc/passwd",
        "..%2Fcanary.txt",
        "..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2fcanary.txt",
        "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "%252e%252e%252fcanary.txt",
        "..%252f..%252fetc%252fpasswd",
        "%2Fetc%2Fpasswd",
        "/etc/passwd",
        `${encodeURIComponent(join(t?.dataDir ?? "/tmp", "canary.txt"))}`,
        "..%5C..%5Cetc%5Cpasswd",
        "..\\..\\etc\\passwd",
        "%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
        "..%c0%af..%c0%afetc%c0%afpasswd",
        "%uff0e%uff0e%u2215etc%u2215passwd",
        "canary.txt%00.png",
        `${mediaId}%00`,
        `${mediaId}/../../canary.txt`,
        `${mediaId}%2F..%2F..%2Fcanary.txt`,
        `${mediaId}.bin`,
        "....//....//etc/passwd",
        "%E0%A4%A",
      ];
      const problems: string[] = [];
      for (const id of ids) {
        const answer = await rawRequest(t, { path: `/api/v1/media/${id}` });
        // 403: a raw `..` never reaches the media route; the console's static handler refuses it as a traversal.
        if (![400, 403, 404].includes(answer.status) || !answer.json?.error?.code || leaked(answer.text)) {
          problems.push(describeAnswer(`GET /api/v1/media/${id}`, answer));
        }
      }
      expect(problems).toEqual([]);
      // The real file is still served by its id.
      const real = await rawRequest(t, { path: `/api/v1/media/${mediaId}` });
      expect(real.status).toBe(200);
      expect(real.contentType).toBe("image/png");
    },
  );

  run("when an uploaded file is named with a traversal, it is stored under its id only and the name is only metadata", async () => {
    const before = filesUnder(t.dataDir).filter((f) => !f.startsWith("pglite"));
    const names = ["../../evil.png", "/tmp/evil.png", "..\\..\\evil.png", "evil.png\0.sh", "%2e%2e%2fevil.png"];
    for (const filename of names) {
      const upload = multipart(filename, PNG);
      const answer = await rawRequest(t, { method: "POST", path: "/api/v1/media", body: upload.body, headers: upload.headers });
      expect(answer.status, describeAnswer(filename, answer)).toBe(201);
      const id = (answer.json as unknown as { id: string }).id;
      const download = await fetch(`${t.papo.url}/api/v1/media/${id}`, { headers: { authorization: `Bearer ${t.token}` } });
      expect(download.status).toBe(200);
      // The name travels percent-encoded in the header: no quote, path or line break can break out of it.
      expect(download.headers.get("content-disposition")).toMatch(/^inline; filename\*=UTF-8''[A-Za-z0-9%._~!*'()-]+$/);
    }
    const added = filesUnder(t.dataDir)
      .filter((f) => !f.startsWith("pglite"))
      .filter((f) => !before.includes(f));
    expect(added).toHaveLength(names.length);
    for (const file of added) expect(file).toMatch(/^media\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.bin$/);
    for (const outside of ["/tmp/evil.png", join(t.dataDir, "..", "evil.png"), join(t.dataDir, "evil.png")])
      expect(existsSync(outside)).toBe(false);
  });

  run("when a media row's storage key was tampered to point outside the folder, the file outside is never returned", async () => {
    await t.papo.deps.database.db.execute(sql`update media set storage_key = ${"../canary.txt"} where id = ${mediaId}`);
    const answer = await rawRequest(t, { path: `/api/v1/media/${mediaId}` });
    expect(answer.status).not.toBe(200);
    expect(leaked(answer.text)).toBe(false);
    expect(readFileSync(join(t.dataDir, "canary.txt"), "utf8")).toBe(canary);
  });

  run("when the console's static files are asked for with a traversal, nothing outside its build is served", async () => {
    const paths = [
      "/../../../package.json",
      "/%2e%2e/%2e%2e/%2e%2e/package.json",
      "/assets/..%2f..%2f..%2f..%2fpackage.json",
      "/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json",
      "/..%5c..%5c..%5cpackage.json",
      "/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json",
      "/assets/....//....//package.json",
      `/${encodeURIComponent("/etc/passwd")}`,
      "//etc/passwd",
    ];
    const problems: string[] = [];
    for (const path of paths) {
      const answer = await rawRequest(t, { path, headers: { authorization: "" } });
      if (answer.status >= 500 || leaked(answer.text)) problems.push(describeAnswer(path, answer));
    }
    expect(problems).toEqual([]);
  });
});
