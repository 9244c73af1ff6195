import MiniSearch from "minisearch";
import type { CannedSnippet, KnowledgeArticle, Language, PastReply, RetrievalHit } from "../types.ts";
import { documentWords, editDistance, queryWords, termsOfWord, typoBudget } from "./knowledge-text.ts";

export interface KnowledgeIndex {
  /** Number of documents indexed. */
  readonly size: number;
  search(query: string, options?: { language?: Language | null; limit?: number; kinds?: Array<RetrievalHit["kind"]> }): RetrievalHit[];
}

/** One searchable document, whatever its source. */
interface IndexedDocument {
  key: string;
  kind: RetrievalHit["kind"];
  id: string;
  title: string;
  text: string;
  language: Language | null;
  /** Indexed fields. */
  phrasings: string;
  tags: string;
  body: string;
}

/**
 * Field weights: the alternate phrasings are written the way customers ask, so they count most; the title and tags
 * name the topic; the body explains it with words customers rarely use.
 */
const FIELD_BOOST = { phrasings: 3, title: 2.5, tags: 1.5, body: 1 } as const;
const FIELDS = ["title", "phrasings", "tags", "body"] as const;

/*
 * Confidence shape (tuned on the evaluation set's dev split). A hit's confidence multiplies
 * - its coverage: the IDF-weighted share of the query's topic words it contains (comparable across queries, unlike a
 *   BM25 score), raised to a small power because customers wrap questions in words no article uses;
 * - its evidence: how much matched at all (one rare word is weak, two or three are strong);
 * - its standing: a tie with the runner-up is worth TIE_FACTOR, a relative lead of CLEAR_LEAD or more all of it.
 */
const TIE_FACTOR = 0.5;
const CLEAR_LEAD = 0.3;
/** Words the knowledge base never uses (a product it does not sell) weigh as much as the median known word. */
const UNKNOWN_WORD_WEIGHT = 1;
/** A word found only in a body (not in a title, tag or phrasing) is weaker evidence that the article is about it. */
const BODY_ONLY_CREDIT = 0.4;
/** A typo-corrected word is a guess: it counts this much of a word typed as the knowledge base spells it. */
const CORRECTED_CREDIT = 0.6;
/** Matched IDF weight at which evidence reaches 1 - 1/e (about two specific words). */
const EVIDENCE_SCALE = 3;
const COVERAGE_EXPONENT = 0.3;

function documentsOf(sources: { articles: KnowledgeArticle[]; canned?: CannedSnippet[]; pastReplies?: PastReply[] }): IndexedDocument[] {
  const documents: IndexedDocument[] = [];
  for (const article of sources.articles) {
    documents.push({
      key: `article:${article.id}`,
      kind: "article",
      id: article.id,
      title: article.title,
      text: article.body,
      language: article.language,
      phrasings: article.phrasings.join("\n"),
      tags: article.tags.join("\n"),
      body: article.body,
    });
  }
  for (const canned of sources.canned ?? []) {
    documents.push({
      key: `canned:${canned.id}`,
      kind: "canned",
      id: canned.id,
      title: canned.title,
      text: canned.body,
      language: null,
      phrasings: "",
      tags: "",
      body: canned.body,
    });
  }
  for (const reply of sources.pastReplies ?? []) {
    // The customer's question is how others will ask again; the agent's answer is what to offer.
    documents.push({
      key: `past_reply:${reply.id}`,
      kind: "past_reply",
      id: reply.id,
      title: reply.question.length > 80 ? `${reply.question.slice(0, 79)}…` : reply.question,
      text: reply.answer,
      language: null,
      phrasings: reply.question,
      tags: "",
      body: reply.answer,
    });
  }
  return documents;
}

/**
 * BM25+ retrieval (minisearch) over knowledge-base articles, canned responses and past agent replies, reading pt/en/es
 * alike: accents and case folded, WhatsApp shorthand expanded, stop-words dropped, words matched by their stems, and
 * misspelt query words corrected to the nearest word the knowledge base uses.
 */
export function createKnowledgeIndex(sources: {
  articles: KnowledgeArticle[];
  canned?: CannedSnippet[];
  pastReplies?: PastReply[];
}): KnowledgeIndex {
  const documents = documentsOf(sources);
  const byKey = new Map(documents.map((document) => [document.key, document]));
  // Each field is read once: minisearch's tokenizer and the frequency count below share the words.
  const fieldWords = new Map<string, string[]>();
  const wordsOf = (text: string): string[] => {
    let words = fieldWords.get(text);
    if (!words) {
      words = documentWords(text);
      fieldWords.set(text, words);
    }
    return words;
  };
  const mini = new MiniSearch<IndexedDocument>({
    idField: "key",
    fields: [...FIELDS],
    tokenize: (text) => wordsOf(text),
    processTerm: (word) => [...termsOfWord(word)],
  });
  mini.addAll([...byKey.values()]);

  // Document frequencies of words and terms: IDF weights for coverage, and the vocabulary typos are corrected to.
  const wordFrequency = new Map<string, number>();
  const termFrequency = new Map<string, number>();
  for (const document of byKey.values()) {
    const words = new Set(FIELDS.flatMap((field) => wordsOf(document[field])));
    const terms = new Set([...words].flatMap(termsOfWord));
    for (const word of words) wordFrequency.set(word, (wordFrequency.get(word) ?? 0) + 1);
    for (const term of terms) termFrequency.set(term, (termFrequency.get(term) ?? 0) + 1);
  }
  fieldWords.clear();
  const vocabulary = [...wordFrequency.keys()];
  const documentCount = byKey.size;
  const idf = (frequency: number): number => Math.log(1 + (documentCount - frequency + 0.5) / (frequency + 0.5));

  const isKnown = (word: string): boolean => termsOfWord(word).some((term) => termFrequency.has(term));
  /** The knowledge base's word nearest to a word it does not know ("entrga" → "entrega"), if close enough. */
  const correct = (word: string): string | null => {
    const budget = typoBudget(word);
    if (budget === 0 || /\d/.test(word)) return null;
    let best: { word: string; distance: number; frequency: number } | null = null;
    for (const candidate of vocabulary) {
      // Typos rarely hit the first letter, and allowing it would turn real words into others ("tenha" → "senha").
      if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > budget) continue;
      const distance = editDistance(word, candidate, budget);
      if (distance > budget) continue;
      const frequency = wordFrequency.get(candidate) ?? 0;
      if (!best || distance < best.distance || (distance === best.distance && frequency > best.frequency))
        best = { word: candidate, distance, frequency };
    }
    return best?.word ?? null;
  };

  return {
    get size() {
      return byKey.size;
    },
    search(query, options) {
      const limit = options?.limit ?? 5;
      if (documentCount === 0 || limit <= 0) return [];
      const corrected = new Set<string>();
      const words = queryWords(query).map((word) => {
        if (isKnown(word)) return word;
        const correction = correct(word);
        if (!correction) return word;
        corrected.add(correction);
        return correction;
      });
      const distinctWords = [...new Set(words)];
      if (distinctWords.length === 0) return [];

      // Each query word weighs its IDF, shared among its terms so a word with three stems does not count thrice.
      const knownIdfs = distinctWords
        .filter(isKnown)
        .map((word) => idf(Math.max(...termsOfWord(word).map((term) => termFrequency.get(term) ?? 0))))
        .sort((a, b) => a - b);
      const medianKnown = knownIdfs[Math.floor(knownIdfs.length / 2)] ?? idf(1);
      const wordWeight = new Map<string, number>();
      for (const word of distinctWords) {
        const frequency = Math.max(...termsOfWord(word).map((term) => termFrequency.get(term) ?? 0));
        wordWeight.set(word, frequency > 0 ? idf(frequency) : medianKnown * UNKNOWN_WORD_WEIGHT);
      }
      const termWeight = new Map<string, number>();
      for (const word of distinctWords) {
        const terms = termsOfWord(word);
        for (const term of terms) termWeight.set(term, Math.max(termWeight.get(term) ?? 0, 1 / terms.length));
      }
      const totalWeight = [...wordWeight.values()].reduce((sum, weight) => sum + weight, 0);

      const language = options?.language ?? null;
      const kinds = options?.kinds ? new Set(options.kinds) : null;
      const results = mini.search(distinctWords.join(" "), {
        tokenize: (text) => text.split(" "),
        processTerm: (word) => [...termsOfWord(word)],
        boost: FIELD_BOOST,
        boostTerm: (term) => termWeight.get(term) ?? 1,
        combineWith: "OR",
        filter: (result) => {
          const document = byKey.get(String(result.id));
          if (!document) return false;
          if (kinds && !kinds.has(document.kind)) return false;
          return language === null || document.language === null || document.language === language;
        },
      });
      if (results.length === 0) return [];

      const topScore = results[0]?.score ?? 0;
      const secondScore = results[1]?.score ?? 0;
      const lead = topScore > 0 ? Math.min(1, (topScore - secondScore) / topScore / CLEAR_LEAD) : 0;
      return results.slice(0, limit).flatMap((result, rank): RetrievalHit[] => {
        const document = byKey.get(String(result.id));
        if (!document) return [];
        let matchedWeight = 0;
        for (const word of distinctWords) {
          const fields = termsOfWord(word).flatMap((term) => result.match[term] ?? []);
          if (fields.length === 0) continue;
          const credit = (fields.some((field) => field !== "body") ? 1 : BODY_ONLY_CREDIT) * (corrected.has(word) ? CORRECTED_CREDIT : 1);
          matchedWeight += (wordWeight.get(word) ?? 0) * credit;
        }
        const coverage = totalWeight > 0 ? matchedWeight / totalWeight : 0;
        const evidence = 1 - Math.exp(-matchedWeight / EVIDENCE_SCALE);
        const standing = rank === 0 ? TIE_FACTOR + (1 - TIE_FACTOR) * lead : TIE_FACTOR * (result.score / topScore);
        const strength = coverage ** COVERAGE_EXPONENT * evidence;
        return [
          {
            kind: document.kind,
            id: document.id,
            title: document.title,
            text: document.text,
            score: result.score,
            confidence: Math.round(Math.min(1, Math.max(0, strength * standing)) * 1000) / 1000,
          },
        ];
      });
    },
  };
}
