import type { AuditRecord } from "./repo.ts";

export const exportFormats = ["csv", "json"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const CSV_COLUMNS = [
  "seq",
  "at",
  "actor_type",
  "actor_id",
  "action",
  "target_type",
  "target_id",
  "details",
  "personal",
  "ip",
  "prev_hash",
  "hash",
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A value a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading apostrophe: exported personal data may have
 * been typed by anyone.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvRow = (r: AuditRecord): string =>
  [
    r.seq,
    r.at.toISOString(),
    r.actor.type,
    r.actor.id,
    r.action,
    r.target?.type ?? null,
    r.target?.id ?? null,
    JSON.stringify(r.details),
    r.personal ? JSON.stringify(r.personal) : null,
    r.ip,
    r.prevHash,
    r.hash,
  ]
    .map(csvField)
    .join(",");

/** The JSON export's shape for one record (also the list API's). */
export const toAuditEventDto = (r: AuditRecord) => ({
  seq: r.seq,
  at: r.at.toISOString(),
  actor: r.actor,
  action: r.action,
  target: r.target,
  details: r.details,
  personal: r.personal,
  ip: r.ip,
  prevHash: r.prevHash,
  hash: r.hash,
});

/** The export as text chunks, written as the records are read: a header row then one line per record, or a JSON array. */
export async function* formatExport(records: AsyncIterable<AuditRecord>, format: ExportFormat): AsyncGenerator<string> {
  if (format === "csv") {
    yield `${CSV_COLUMNS.join(",")}\r\n`;
    for await (const record of records) yield `${csvRow(record)}\r\n`;
    return;
  }
  yield "[";
  let first = true;
  for await (const record of records) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(toAuditEventDto(record))}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}
