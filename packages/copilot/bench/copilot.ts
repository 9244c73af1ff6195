import { performance } from "node:perf_hooks";
import { loadArticles, loadDataset } from "../../../eval/copilot/dataset.ts";
import {
  analyzeSentiment,
  createCopilot,
  createKnowledgeIndex,
  detectHandoffRequest,
  detectLanguage,
  type KnowledgeArticle,
  maskPersonalData,
  summarizeExtractive,
  type Turn,
} from "../src/index.ts";
import { startOpenAITestServer } from "../src/testing/index.ts";

/*
 * npm run bench:copilot
 *
 * What the copilot costs per message on this machine, so the inbound analysis worker and the bot can be sized:
 * - the built-in engine's steps over every evaluation message (eval/copilot/dataset), each message timed alone;
 * - building the knowledge index and searching it, with the evaluation articles and with 5,000 (those repeated
 *   with varied ids and words, the size of a large help centre);
 * - an extractive summary of a 60-turn conversation;
 * - the facade's own overhead on the provider path (PII masking, prompt building, the AI SDK, HTTP and JSON parsing)
 *   against the local OpenAI-compatible test server, which answers at once: model time is NOT included.
 * Knobs: BENCH_ROUNDS (default 5) passes over the messages.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Figures {
  n: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    n: samples.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
    perSecond: total > 0 ? (samples.length / total) * 1000 : 0,
  };
}

function time(samples: number[], work: () => void): void {
  const start = performance.now();
  work();
  samples.push(performance.now() - start);
}

async function timeAsync(samples: number[], work: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await work();
  samples.push(performance.now() - start);
}

const rows: Array<[string, Figures]> = [];
const record = (name: string, samples: number[]) => rows.push([name, figures(samples)]);

const texts = loadDataset("all").map((item) => item.text);
const articles = loadArticles();

// Warm-up: eld loads its n-gram tables and the stemmers build their tables on first use.
for (const text of texts.slice(0, 50)) {
  detectLanguage(text);
  analyzeSentiment(text);
}

const language: number[] = [];
const sentiment: number[] = [];
const handoff: number[] = [];
const masking: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const text of texts) {
    time(language, () => detectLanguage(text));
    time(sentiment, () => analyzeSentiment(text));
    time(handoff, () => detectHandoffRequest(text));
    time(masking, () => maskPersonalData(text));
  }
}
record("language (eld + heuristics)", language);
record("sentiment (lexicon + rules)", sentiment);
record("handoff request (rules)", handoff);
record("PII masking", masking);

function syntheticArticles(count: number): KnowledgeArticle[] {
  const extra = ["premium", "atacado", "parceiro", "corporativo", "assinatura", "marketplace", "loja física", "app"];
  return Array.from({ length: count }, (_, i) => {
    const base = articles[i % articles.length] as KnowledgeArticle;
    const word = extra[i % extra.length];
    return { ...base, id: `${base.id}-${i}`, title: `${base.title} (${word} ${i})`, body: `${base.body} Vale para clientes ${word}.` };
  });
}

for (const size of [articles.length, 5000]) {
  const docs = size === articles.length ? articles : syntheticArticles(size);
  const build: number[] = [];
  let index = createKnowledgeIndex({ articles: docs });
  for (let i = 0; i < 3; i++) time(build, () => (index = createKnowledgeIndex({ articles: docs })));
  record(`index build, ${size} articles`, build);
  const search: number[] = [];
  for (const text of texts) time(search, () => index.search(text, { limit: 3 }));
  record(`search top 3, ${size} articles`, search);
}

const conversation: Turn[] = Array.from({ length: 60 }, (_, i) => ({
  role: i % 2 === 0 ? "customer" : "agent",
  text: texts[i % texts.length] ?? "",
}));
const summaries: number[] = [];
for (let i = 0; i < 50; i++) time(summaries, () => summarizeExtractive(conversation, "pt"));
record("extractive summary, 60 turns", summaries);

const server = await startOpenAITestServer();
try {
  const copilot = createCopilot({ provider: server.providerConfig(), hooks: { maskPersonalData: true } });
  const facade: number[] = [];
  const sample = texts.slice(0, 200);
  for (const text of sample.slice(0, 10)) await copilot.sentiment(text);
  for (const text of sample) await timeAsync(facade, () => copilot.sentiment(text));
  record("provider sentiment via local test server (overhead only)", facade);
} finally {
  await server.close();
}

const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(2));
console.log(
  `\nCopilot bench — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${texts.length} messages × ${ROUNDS} rounds\n`,
);
console.log("| step | samples | p50 ms | p99 ms | max ms | per second (serial) |");
console.log("|---|---|---|---|---|---|");
for (const [name, f] of rows)
  console.log(`| ${name} | ${f.n} | ${fmt(f.p50)} | ${fmt(f.p99)} | ${fmt(f.max)} | ${Math.round(f.perSecond)} |`);
const heap = process.memoryUsage();
console.log(`\nheap used at the end: ${(heap.heapUsed / 1024 / 1024).toFixed(1)} MB (rss ${(heap.rss / 1024 / 1024).toFixed(1)} MB)`);
