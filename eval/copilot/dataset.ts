/**
 * The copilot evaluation set: a knowledge base of a fictional Brazilian shop and customer messages labelled by hand.
 * Engine helpers tune on the `dev` split only; the `test` split measures what the engine does on text it never saw.
 * The `holdout` split was written after `test` had been looked at, so it stays unseen when `test` no longer is.
 */
import { readFileSync } from "node:fs";
import { type KnowledgeArticle, type Language, languages, type SentimentLabel, sentimentLabels } from "@papo/copilot";

export const splits = ["dev", "test", "holdout"] as const;
export type Split = (typeof splits)[number];
export type SplitSelection = Split | "all";

export interface EvalItem {
  id: string;
  text: string;
  language: Language;
  sentiment: SentimentLabel;
  wantsHuman: boolean;
  /** The knowledge-base article (in the customer's language, or language-neutral) that answers it; null = none does. */
  article: string | null;
  split: Split;
}

const root = new URL("./", import.meta.url);

export function loadArticles(): KnowledgeArticle[] {
  const raw: unknown = JSON.parse(readFileSync(new URL("kb/articles.json", root), "utf8"));
  if (!Array.isArray(raw)) throw new Error("kb/articles.json must hold an array");
  return raw.map((entry, index) => parseArticle(entry, index));
}

export function loadDataset(selection: SplitSelection = "all", only: readonly Language[] = languages): EvalItem[] {
  const items: EvalItem[] = [];
  for (const language of only) {
    const lines = readFileSync(new URL(`dataset/${language}.jsonl`, root), "utf8").split("\n");
    lines.forEach((line, index) => {
      if (line.trim() === "") return;
      const item = parseItem(JSON.parse(line), `${language}.jsonl:${index + 1}`);
      if (item.language !== language) throw new Error(`${item.id}: language ${item.language} in ${language}.jsonl`);
      if (selection === "all" || item.split === selection) items.push(item);
    });
  }
  return items;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === "string");
}

function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

function isSplit(value: unknown): value is Split {
  return typeof value === "string" && (splits as readonly string[]).includes(value);
}

function isSentiment(value: unknown): value is SentimentLabel {
  return typeof value === "string" && (sentimentLabels as readonly string[]).includes(value);
}

function parseArticle(entry: unknown, index: number): KnowledgeArticle {
  if (
    !isRecord(entry) ||
    typeof entry.id !== "string" ||
    typeof entry.title !== "string" ||
    typeof entry.body !== "string" ||
    !isStringArray(entry.tags) ||
    !isStringArray(entry.phrasings) ||
    !(entry.language === null || isLanguage(entry.language))
  ) {
    throw new Error(`kb/articles.json[${index}] is not a valid article`);
  }
  return { id: entry.id, title: entry.title, body: entry.body, tags: entry.tags, phrasings: entry.phrasings, language: entry.language };
}

function parseItem(entry: unknown, where: string): EvalItem {
  if (
    !isRecord(entry) ||
    typeof entry.id !== "string" ||
    typeof entry.text !== "string" ||
    !isLanguage(entry.language) ||
    !isSentiment(entry.sentiment) ||
    typeof entry.wantsHuman !== "boolean" ||
    !(entry.article === null || typeof entry.article === "string") ||
    !isSplit(entry.split)
  ) {
    throw new Error(`${where} is not a valid evaluation item`);
  }
  return {
    id: entry.id,
    text: entry.text,
    language: entry.language,
    sentiment: entry.sentiment,
    wantsHuman: entry.wantsHuman,
    article: entry.article,
    split: entry.split,
  };
}
