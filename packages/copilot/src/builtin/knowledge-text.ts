import { STOP_WORDS, stemsOf, wordSpans } from "../text/tokenize.ts";

/*
 * How the knowledge index reads text, on both sides (articles and customer messages): words folded by the shared
 * tokenizer, WhatsApp shorthand expanded, stop-words and small talk dropped, then each word's pt/es/en stems.
 */

/** WhatsApp shorthand (already folded) → the words it stands for. Ambiguous ones ("to", "ta") are left alone. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  // pt
  vc: "voce",
  vcs: "voces",
  voce: "voce",
  pq: "porque",
  pqe: "porque",
  q: "que",
  oq: "o que",
  kd: "cade",
  cade: "cade",
  tb: "tambem",
  tbm: "tambem",
  n: "nao",
  nao: "nao",
  naum: "nao",
  pfv: "por favor",
  pf: "por favor",
  pfvr: "por favor",
  obg: "obrigado",
  vlw: "valeu",
  msg: "mensagem",
  qdo: "quando",
  qnd: "quando",
  qndo: "quando",
  qto: "quanto",
  qnto: "quanto",
  qts: "quantos",
  hj: "hoje",
  dps: "depois",
  mt: "muito",
  mto: "muito",
  td: "tudo",
  tds: "todos",
  cmg: "comigo",
  ctz: "certeza",
  dnv: "de novo",
  nf: "nota fiscal",
  nfe: "nota fiscal",
  ped: "pedido",
  encomenda: "encomenda",
  cel: "celular",
  tel: "telefone",
  whats: "whatsapp",
  zap: "whatsapp",
  // es
  xq: "porque",
  tmb: "tambien",
  tmbn: "tambien",
  ntp: "no te preocupes",
  // en
  u: "you",
  ur: "your",
  pls: "please",
  plz: "please",
  thx: "thanks",
  wanna: "want to",
  gonna: "going to",
  idk: "i do not know",
  asap: "as soon as possible",
  dont: "do not",
  didnt: "did not",
  cant: "can not",
  wont: "will not",
  hasnt: "has not",
  havent: "have not",
  isnt: "is not",
};

/**
 * Words that carry no topic in a customer-service message (greetings, politeness, "I would like to know") on top of
 * the shared stop-words. Dropping them keeps "bom dia, gostaria de saber do meu pedido" about the order alone.
 * Negations and question words stay: "onde" (tracking) and "quando" (delivery time) point to different articles.
 */
const SMALL_TALK = new Set(
  [
    "oi ola ole opa bom boa dia tarde noite bem tudo obrigado obrigada valeu por favor gentileza gente moco moca senhor senhora",
    "gostaria queria saber pergunta duvida ajuda ajudar poderia podem pode consegue voce voces aqui ai la entao agora ainda",
    "hola buenos buenas dias tardes noches gracias usted ustedes quisiera saber ayuda puede pueden podria",
    "hi hello hey good morning afternoon evening thanks thank please would like know help could can just do does did",
    "have has had will any some",
    "por que porque",
    // Asking for a person is the handoff rules' business, not a topic: "atendente" must not find "Horário de atendimento".
    "atendente atendentes atendimento atender atendido atendida humano humana pessoa alguem robo bot sac responsavel gerente",
    "agent agents human person someone somebody representative manager robot asesor agente persona humano alguien gerente",
    "falar conversar contato ligar talk speak contact hablar contacto llamar",
    // Wanting and needing say nothing about what is wanted.
    "preciso precisava precisando quero queria necessito necesito quiero need needed want wanted",
  ]
    .join(" ")
    .split(" "),
);

/** Question words the shared stop-list drops but the knowledge base needs: "onde está" ≠ "quando chega". */
const QUESTION_WORDS = new Set(["quando", "onde", "qual", "quais", "cuando", "donde"]);
const isStopWord = (word: string): boolean => STOP_WORDS.has(word) && !QUESTION_WORDS.has(word);

/** Small-talk words still index in articles; only queries drop them (an article titled "Ajuda" stays findable). */
export const isQueryNoise = (word: string): boolean => isStopWord(word) || SMALL_TALK.has(word);

/** The folded words of a text with shorthand expanded, in order. */
export function expandedWords(text: string): string[] {
  const words: string[] = [];
  for (const { word } of wordSpans(text)) {
    const expansion = ABBREVIATIONS[word];
    if (expansion) words.push(...expansion.split(" "));
    else words.push(word);
  }
  return words;
}

/** The words of an indexed text worth indexing (two characters or more, not a stop-word). */
export function documentWords(text: string): string[] {
  return expandedWords(text).filter((word) => (word.length >= 2 || /\d/.test(word)) && !isStopWord(word));
}

/** The topic words of a query (small talk dropped), distinct, in order. */
export function queryWords(text: string): string[] {
  return [...new Set(expandedWords(text).filter((word) => (word.length >= 2 || /\d/.test(word)) && !isQueryNoise(word)))];
}

/** Stemming is the index's hot spot (three snowball stemmers per word): each word is stemmed once. */
const termCache = new Map<string, readonly string[]>();
const TERM_CACHE_SIZE = 50_000;

/** A word's index terms: its pt/es/en stems plus the word itself, so an exact form outscores a mere shared stem. */
export function termsOfWord(word: string): readonly string[] {
  const cached = termCache.get(word);
  if (cached) return cached;
  const terms = [...new Set([word, ...stemsOf(word)])];
  if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
  termCache.set(word, terms);
  return terms;
}

/** Damerau–Levenshtein distance (adjacent swaps count as one edit: "entrga", "pedio", "reembolos"), capped at max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const previous = rows[i - 1] as number[];
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (rows[i - 2]?.[j - 2] as number) + 1);
      row[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
  }
  return Math.min(rows[a.length]?.[b.length] ?? max + 1, max + 1);
}

/** How many typos a word may carry and still be corrected: none for short words (too many neighbours). */
export const typoBudget = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);
