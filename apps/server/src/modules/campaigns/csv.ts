import { CsvError, parse } from "csv-parse/sync";
import { AppError } from "../../http/errors.ts";
import { type NormalisedPhone, normalisePhone } from "./phone.ts";

/** More rows than this is not a campaign Papo sends from one upload: split it. */
export const CSV_MAX_ROWS = 100_000;
/** Row errors returned with an upload; the counts cover all of them. */
export const CSV_MAX_ERRORS = 500;

export type CsvRowErrorCode = "invalid_number" | "missing_phone" | "duplicate" | "missing_value" | "too_many_columns";

export interface CsvRowError {
  /** 1 = the first data row (the header is row 0). */
  row: number;
  field?: string;
  code: CsvRowErrorCode;
  message: string;
}

export interface CsvRecipientRow {
  rowNumber: number;
  phone: NormalisedPhone;
  name: string | null;
  /** The row says the person agreed to marketing (recorded as consent, source `import`, at launch). */
  marketingConsent: boolean;
  /** Every cell but the phone (header text → value, empty cells as ""): the variables, the name, the consent. */
  cells: Record<string, string>;
}

export interface ParsedAudienceCsv {
  /** The variable columns, as written in the header. */
  columns: string[];
  /** The header cells of the name and of the marketing consent, when present. */
  nameColumn: string | null;
  consentColumn: string | null;
  rows: CsvRecipientRow[];
  /** Every rejected row, in row order. */
  errors: CsvRowError[];
}

const PHONE_ALIASES = new Set(["phone", "telefone", "celular", "whatsapp", "numero", "phone_number", "telefone_celular", "fone"]);
const NAME_ALIASES = new Set(["name", "nome"]);
const CONSENT_ALIASES = new Set(["marketing_consent", "consentimento_marketing"]);
const YES = new Set(["sim", "s", "yes", "y", "true", "1", "x"]);

/** A marketing_consent cell that says yes (sim, yes, true, 1…). */
export const isYes = (cell: string): boolean => YES.has(cell.trim().toLowerCase());

/** "Número de WhatsApp " → "numero_de_whatsapp": how header cells are matched against the aliases. */
const headerKey = (cell: string): string =>
  cell
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

const invalid = (message: string, details: Record<string, unknown>) =>
  new AppError({ code: "campaigns.csv_invalid", status: 422, message, details });

/** Spreadsheets in Brazil export with ";" (the decimal comma takes ","): the header line tells which one a file uses. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/**
 * Reads an audience CSV: a header with a phone column (aliases: telefone, celular, whatsapp, número), optional
 * name/nome and marketing_consent, and any other columns as template variables. Each row is validated on its own:
 * a bad row is reported (its number, field and why) and left out, the others are kept. `requiredColumns` are the
 * variable columns the campaign's mapping reads without a fallback: an empty cell there rejects the row.
 */
export function parseAudienceCsv(text: string, { requiredColumns = [] }: { requiredColumns?: readonly string[] } = {}): ParsedAudienceCsv {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\uFEFF/, "")),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw invalid(`csv: not a readable CSV file (${error.message})`, { field: "csv", reason: error.code });
    throw error;
  }
  const [header, ...data] = records;
  if (!header || header.every((cell) => cell === ""))
    throw invalid("csv: the file is empty; the first line must be a header", { field: "csv" });
  if (data.length > CSV_MAX_ROWS)
    throw new AppError({
      code: "campaigns.csv_too_many_rows",
      status: 422,
      message: `csv: ${data.length} rows; at most ${CSV_MAX_ROWS} per campaign (split the file)`,
      details: { field: "csv", rows: data.length, maxRows: CSV_MAX_ROWS },
    });

  const keys = header.map(headerKey);
  const phoneIndex = keys.findIndex((k) => PHONE_ALIASES.has(k));
  if (phoneIndex < 0)
    throw invalid("csv: the header has no phone column (phone, telefone, celular, whatsapp or número)", { field: "phone", header });
  const nameIndex = keys.findIndex((k) => NAME_ALIASES.has(k));
  const consentIndex = keys.findIndex((k) => CONSENT_ALIASES.has(k));
  const variableIndexes = header.map((_, i) => i).filter((i) => i !== phoneIndex && i !== nameIndex && i !== consentIndex);
  const columns = variableIndexes.map((i) => header[i] ?? "");
  const seenColumns = new Set<string>();
  for (const column of columns) {
    if (column === "") throw invalid("csv: a header cell is empty; every column needs a name", { field: "csv" });
    if (seenColumns.has(column)) throw invalid(`csv: the column "${column}" appears twice in the header`, { field: column });
    seenColumns.add(column);
  }
  const required = requiredColumns.filter((c) => header.includes(c));

  const rows: CsvRecipientRow[] = [];
  const errors: CsvRowError[] = [];
  const firstRowOf = new Map<string, number>();
  data.forEach((cells, i) => {
    const row = i + 1;
    if (cells.length > header.length) {
      errors.push({ row, code: "too_many_columns", message: `${cells.length} values for ${header.length} columns` });
      return;
    }
    const rawPhone = cells[phoneIndex] ?? "";
    const phoneColumn = header[phoneIndex] ?? "phone";
    if (rawPhone === "") {
      errors.push({ row, field: phoneColumn, code: "missing_phone", message: "no phone number" });
      return;
    }
    const phone = normalisePhone(rawPhone);
    if (!phone) {
      errors.push({
        row,
        field: phoneColumn,
        code: "invalid_number",
        message: "not a valid phone number (add the country code if it is not Brazilian)",
      });
      return;
    }
    const first = firstRowOf.get(phone.digits);
    if (first !== undefined) {
      errors.push({ row, field: phoneColumn, code: "duplicate", message: `the same number as row ${first}` });
      return;
    }
    const rowCells = Object.fromEntries(
      header.flatMap((column, index) => (index === phoneIndex ? [] : [[column, cells[index] ?? ""] as const])),
    );
    const empty = required.find((column) => (rowCells[column] ?? "") === "");
    if (empty !== undefined) {
      errors.push({ row, field: empty, code: "missing_value", message: `no value for "${empty}", which the template needs` });
      return;
    }
    firstRowOf.set(phone.digits, row);
    rows.push({
      rowNumber: row,
      phone,
      name: nameIndex >= 0 && cells[nameIndex] ? (cells[nameIndex] ?? null) : null,
      marketingConsent: consentIndex >= 0 && isYes(cells[consentIndex] ?? ""),
      cells: rowCells,
    });
  });
  return {
    columns,
    nameColumn: nameIndex >= 0 ? (header[nameIndex] ?? null) : null,
    consentColumn: consentIndex >= 0 ? (header[consentIndex] ?? null) : null,
    rows,
    errors,
  };
}
