import { describe, expect, it } from "vitest";
import { csvField, formatExport } from "./export.ts";
import type { AuditRecord } from "./repo.ts";

const record = (seq: number, personal: Record<string, unknown> | null = null): AuditRecord => ({
  id: `id-${seq}`,
  workspaceId: "ws",
  seq,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
  actor: { type: "anonymous", id: null },
  action: "auth.login.failed",
  target: null,
  details: { reason: "password" },
  personal,
  ip: "198.51.100.4",
  prevHash: "0".repeat(64),
  hash: "f".repeat(64),
});

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

async function* from(records: AuditRecord[]): AsyncGenerator<AuditRecord> {
  yield* records;
}

describe("audit export formats", () => {
  it("a CSV field is quoted when it holds a comma, quote or line break, and a would-be formula is defused", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(12)).toBe("12");
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then\r\nbye')).toBe('"say ""hi"", then\r\nbye"');
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    for (const start of ["+", "-", "@", "\t"]) expect(csvField(`${start}1`)).toBe(`'${start}1`);
  });

  it("CSV has a header and one CRLF line per record, the personal part as JSON", async () => {
    const out = await text(formatExport(from([record(1, { email: "a,b@exemplo.com" }), record(2)]), "csv"));
    const lines = out.split("\r\n");
    expect(lines[0]).toBe("seq,at,actor_type,actor_id,action,target_type,target_id,details,personal,ip,prev_hash,hash");
    expect(lines[1]).toBe(
      `1,2026-01-01T00:00:01.000Z,anonymous,,auth.login.failed,,,"{""reason"":""password""}","{""email"":""a,b@exemplo.com""}",198.51.100.4,${"0".repeat(64)},${"f".repeat(64)}`,
    );
    expect(lines[2]?.startsWith("2,")).toBe(true);
    expect(lines[3]).toBe("");
  });

  it("JSON is one array, also when empty", async () => {
    expect(JSON.parse(await text(formatExport(from([]), "json")))).toEqual([]);
    const parsed = JSON.parse(await text(formatExport(from([record(1), record(2, { name: "Lia" })]), "json")));
    expect(parsed).toHaveLength(2);
    expect(parsed[1]).toMatchObject({ seq: 2, personal: { name: "Lia" }, ip: "198.51.100.4", actor: { type: "anonymous", id: null } });
    expect(parsed[1]).not.toHaveProperty("id");
  });
});
