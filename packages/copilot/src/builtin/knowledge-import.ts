import type { KnowledgeArticle, Language } from "../types.ts";
import { languages } from "../types.ts";
import { parseCsv } from "./knowledge-import-csv.ts";

export type ImportedArticle = Omit<KnowledgeArticle, "id">;

export interface ImportError {
  /** 1-based line of the source text. */
  line: number;
  message: string;
}

/** Limits that keep one import from filling the knowledge base with runaway fields (a CSV with a missing quote). */
export const IMPORT_LIMITS = { title: 200, body: 20_000, tags: 30, phrasings: 50 } as const;

const LANGUAGE_NAMES: Record<string, Language> = {
  pt: "pt",
  "pt-br": "pt",
  pt_br: "pt",
  portugues: "pt",
  portuguese: "pt",
  en: "en",
  "en-us": "en",
  english: "en",
  ingles: "en",
  es: "es",
  espanol: "es",
  spanish: "es",
  espanhol: "es",
};

const fold = (text: string): string => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();

/** "" = no language (the article serves every language); undefined = a value Papo does not know. */
function parseLanguage(raw: string): Language | null | undefined {
  const value = fold(raw);
  if (value === "" || value === "*" || value === "any" || value === "qualquer") return null;
  const language = LANGUAGE_NAMES[value];
  return language && (languages as readonly string[]).includes(language) ? language : undefined;
}

const splitList = (raw: string, separator: RegExp): string[] => [
  ...new Set(
    raw
      .split(separator)
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

/** Checks one article's fields; returns the problem naming the field, or null. */
function validate(article: ImportedArticle): string | null {
  if (!article.title) return "title: the title is empty";
  if (article.title.length > IMPORT_LIMITS.title) return `title: longer than ${IMPORT_LIMITS.title} characters`;
  if (!article.body) return "body: the article has no text";
  if (article.body.length > IMPORT_LIMITS.body) return `body: longer than ${IMPORT_LIMITS.body} characters`;
  if (article.tags.length > IMPORT_LIMITS.tags) return `tags: more than ${IMPORT_LIMITS.tags} tags`;
  if (article.phrasings.length > IMPORT_LIMITS.phrasings) return `phrasings: more than ${IMPORT_LIMITS.phrasings} phrasings`;
  return null;
}

/** The metadata lines allowed right after a Markdown heading, in pt/en/es. */
const META_LINE = /^\s*(tags|etiquetas|phrasings|perguntas|preguntas|questions|language|idioma|lingua)\s*:\s*(.*)$/iu;

function parseMarkdown(text: string): { articles: ImportedArticle[]; errors: ImportError[] } {
  const articles: ImportedArticle[] = [];
  const errors: ImportError[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let current: { line: number; article: ImportedArticle; bodyLines: string[]; inMeta: boolean } | null = null;

  const finish = () => {
    if (!current) return;
    current.article.body = current.bodyLines.join("\n").trim();
    const problem = validate(current.article);
    if (problem) errors.push({ line: current.line, message: problem });
    else articles.push(current.article);
    current = null;
  };

  let inFence = false;
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    // Deeper headings (###) are part of the article's body; a heading inside a code block is code.
    const heading = inFence ? null : /^\s{0,3}(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      finish();
      current = {
        line: lineNumber,
        article: { title: (heading[2] ?? "").trim(), body: "", tags: [], phrasings: [], language: null },
        bodyLines: [],
        inMeta: true,
      };
      return;
    }
    if (!current) {
      if (line.trim()) errors.push({ line: lineNumber, message: "title: text before the first # heading has no article title" });
      return;
    }
    const meta = current.inMeta ? META_LINE.exec(line) : null;
    if (meta) {
      const key = fold(meta[1] ?? "");
      const value = meta[2] ?? "";
      if (key === "tags" || key === "etiquetas") current.article.tags = splitList(value, /[,;]/);
      else if (key === "language" || key === "idioma" || key === "lingua") {
        const language = parseLanguage(value);
        if (language === undefined)
          errors.push({ line: lineNumber, message: `language: unknown language "${value.trim()}" (use pt, en or es)` });
        else current.article.language = language;
      } else current.article.phrasings = splitList(value, /\|/);
      return;
    }
    // Blank lines between the heading and the metadata are allowed; the first text line ends the metadata.
    if (line.trim()) current.inMeta = false;
    current.bodyLines.push(line);
  });
  finish();
  return { articles, errors };
}

const CSV_COLUMNS = ["title", "body", "tags", "phrasings", "language"] as const;
/** Header names accepted for each column (the console's pt/es templates). */
const COLUMN_ALIASES: Record<string, (typeof CSV_COLUMNS)[number]> = {
  title: "title",
  titulo: "title",
  body: "body",
  text: "body",
  texto: "body",
  conteudo: "body",
  contenido: "body",
  tags: "tags",
  etiquetas: "tags",
  phrasings: "phrasings",
  perguntas: "phrasings",
  preguntas: "phrasings",
  questions: "phrasings",
  language: "language",
  idioma: "language",
  lingua: "language",
};

function parseCsvArticles(text: string): { articles: ImportedArticle[]; errors: ImportError[] } {
  const articles: ImportedArticle[] = [];
  const errors: ImportError[] = [];
  const { rows, unclosedQuote } = parseCsv(text);
  const header = rows[0];
  if (!header) return { articles, errors: [{ line: 1, message: "title: the file is empty" }] };

  const columnIndex = new Map<(typeof CSV_COLUMNS)[number], number>();
  header.cells.forEach((cell, index) => {
    const column = COLUMN_ALIASES[fold(cell)];
    if (column && !columnIndex.has(column)) columnIndex.set(column, index);
  });
  for (const required of ["title", "body"] as const) {
    if (!columnIndex.has(required)) errors.push({ line: header.line, message: `${required}: the header has no "${required}" column` });
  }
  if (!columnIndex.has("title") || !columnIndex.has("body")) return { articles, errors };
  if (unclosedQuote) {
    // Everything after an unclosed quote was swallowed into one field: nothing from there on can be trusted.
    const column = [...columnIndex].find(([, index]) => index === unclosedQuote.column)?.[0] ?? `column ${unclosedQuote.column + 1}`;
    errors.push({ line: unclosedQuote.line, message: `${column}: a quoted field is never closed (missing ")` });
  }

  const cell = (cells: string[], column: (typeof CSV_COLUMNS)[number]): string => {
    const index = columnIndex.get(column);
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  for (const row of rows.slice(1)) {
    if (row.cells.every((value) => value.trim() === "")) continue;
    const language = parseLanguage(cell(row.cells, "language"));
    if (language === undefined) {
      errors.push({ line: row.line, message: `language: unknown language "${cell(row.cells, "language")}" (use pt, en or es)` });
      continue;
    }
    const tagsField = cell(row.cells, "tags");
    const article: ImportedArticle = {
      title: cell(row.cells, "title"),
      body: cell(row.cells, "body"),
      // Tags are separated by ";" when the field uses it (so a tag may contain a comma), else by ",".
      tags: splitList(tagsField, tagsField.includes(";") ? /;/ : /,/),
      phrasings: splitList(cell(row.cells, "phrasings"), /\|/),
      language,
    };
    const problem = validate(article);
    if (problem) errors.push({ line: row.line, message: problem });
    else articles.push(article);
  }
  return { articles, errors };
}

/**
 * Reads a knowledge-base import. Markdown: each `#`/`##` heading is an article's title and the text until the next
 * heading its body; `tags:`, `phrasings:`/`perguntas:` (separated by `|`) and `language:` lines may follow the heading.
 * CSV (RFC 4180): header `title,body,tags,phrasings,language`. Good articles are returned even when others fail; each
 * failure names its line and the column at fault.
 */
export function parseKnowledgeImport(text: string, format: "markdown" | "csv"): { articles: ImportedArticle[]; errors: ImportError[] } {
  return format === "markdown" ? parseMarkdown(text) : parseCsvArticles(text);
}
