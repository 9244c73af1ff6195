/** One CSV record and the source line it starts on (records with quoted line breaks span several lines). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * The header's delimiter: "," per RFC 4180, or ";" as a Brazilian/Spanish-locale spreadsheet exports it (the comma is
 * their decimal separator).
 */
function detectDelimiter(text: string): "," | ";" {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? "";
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  return unquoted.includes(";") && !unquoted.includes(",") ? ";" : ",";
}

/** RFC 4180: quoted fields may hold delimiters, line breaks and doubled quotes; CRLF or LF; a leading BOM is dropped. */
export function parseCsv(input: string): { rows: CsvRow[]; unclosedQuote: { line: number; column: number } | null } {
  const text = input.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(text);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  let fieldWasQuoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;

  const endField = () => {
    cells.push(field);
    field = "";
    fieldWasQuoted = false;
  };
  const endRow = () => {
    endField();
    // A blank line is no record.
    if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells });
    cells = [];
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) line++;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (field.trim() === "" && !fieldWasQuoted) {
        field = "";
        quoted = true;
        fieldWasQuoted = true;
        quoteLine = line;
      } else field += char;
    } else if (char === delimiter) endField();
    else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else field += char;
  }
  if (quoted) return { rows, unclosedQuote: { line: quoteLine, column: cells.length } };
  if (field !== "" || cells.length > 0) endRow();
  return { rows, unclosedQuote: null };
}
