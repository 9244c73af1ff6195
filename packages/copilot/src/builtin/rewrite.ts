import type { Language, RewriteStyle } from "../types.ts";

/*
 * Rules can tidy what an agent typed fast ("fix") and raise its register ("formal") without a model: spell out
 * WhatsApp abbreviations, swap informal words, clean punctuation and capitals. Warmer or shorter wording needs a
 * model that understands the text, so "friendly" and "shorter" are left to the provider.
 */

/** The styles the rules can do without a model. */
export const builtinRewriteStyles: ReadonlySet<RewriteStyle> = new Set<RewriteStyle>(["fix", "formal"]);

type Replacements = Record<string, string>;

/** Abbreviations spelled out by "fix" (keys lower case; a typed capital is kept). */
const ABBREVIATIONS: Record<Language, Replacements> = {
  pt: {
    vc: "você",
    vcs: "vocês",
    voce: "você",
    voces: "vocês",
    tb: "também",
    tbm: "também",
    tbem: "também",
    q: "que",
    pq: "porque",
    obg: "obrigado",
    msg: "mensagem",
    msgs: "mensagens",
    naum: "não",
    nao: "não",
    mto: "muito",
    mt: "muito",
    mta: "muita",
    hj: "hoje",
    td: "tudo",
    tds: "todos",
    cmg: "comigo",
    ctz: "certeza",
    dps: "depois",
    qdo: "quando",
    qnd: "quando",
    qto: "quanto",
    pfv: "por favor",
    pf: "por favor",
    vdd: "verdade",
    ta: "tá",
    entao: "então",
    tambem: "também",
    ate: "até",
    so: "só",
    ja: "já",
    amanha: "amanhã",
  },
  en: {
    u: "you",
    ur: "your",
    pls: "please",
    plz: "please",
    thx: "thanks",
    thnx: "thanks",
    ty: "thank you",
    msg: "message",
    r: "are",
    b4: "before",
    bc: "because",
    cuz: "because",
    idk: "I don't know",
    im: "I'm",
    dont: "don't",
    cant: "can't",
    doesnt: "doesn't",
    didnt: "didn't",
    isnt: "isn't",
    i: "I",
    tmrw: "tomorrow",
    tmr: "tomorrow",
    ppl: "people",
  },
  es: {
    q: "que",
    k: "que",
    xq: "porque",
    pq: "porque",
    tmb: "también",
    tb: "también",
    tbn: "también",
    msj: "mensaje",
    xfa: "por favor",
    porfa: "por favor",
    ud: "usted",
    uds: "ustedes",
    d: "de",
    tambien: "también",
    aqui: "aquí",
  },
};

/** Informal words "formal" replaces after the fix. */
const INFORMAL: Record<Language, Replacements> = {
  pt: {
    oi: "Olá",
    oie: "Olá",
    blz: "certo",
    beleza: "certo",
    tá: "está",
    tô: "estou",
    pra: "para",
    pro: "para o",
    ok: "certo",
    okay: "certo",
    valeu: "obrigado",
    vlw: "obrigado",
    né: "não é",
    cê: "você",
    tmj: "",
    show: "ótimo",
    tranquilo: "sem problemas",
    opa: "Olá",
  },
  en: {
    hey: "Hello",
    hi: "Hello",
    ok: "understood",
    okay: "understood",
    yeah: "yes",
    yep: "yes",
    nope: "no",
    gonna: "going to",
    wanna: "want to",
    gotta: "have to",
    thanks: "thank you",
    cool: "great",
    sure: "certainly",
  },
  es: {
    ok: "de acuerdo",
    okay: "de acuerdo",
    dale: "de acuerdo",
    vale: "de acuerdo",
    pa: "para",
    porfa: "por favor",
    chao: "hasta luego",
    oye: "disculpe",
  },
};

/** Laughter the formal style drops ("kkkk", "rsrs", "haha", "jaja", "lol"). */
const LAUGHTER = /(?<![\p{L}\p{N}])(?:k{3,}|(?:rs){2,}r?|(?:ha){2,}h?|(?:he){2,}h?|(?:ja){2,}j?|(?:je){2,}j?|lol|lmao)(?![\p{L}\p{N}])/giu;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D}/gu;

/** Replaces whole words (any script), keeping a typed capital on the first letter. */
function replaceWords(text: string, replacements: Replacements): string {
  return text.replace(/(?<![\p{L}\p{N}])[\p{L}\p{N}º]+(?![\p{L}\p{N}])/gu, (word) => {
    const replacement = replacements[word.toLowerCase()];
    if (replacement === undefined) return word;
    if (replacement === "" || word === word.toLowerCase() || /^[A-Z]$/u.test(replacement[0] ?? "")) return replacement;
    return capitalize(replacement);
  });
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Portuguese "n"/"ñ" means "não" only as a word before another word ("n sei", "ñ chegou"), never after a number. */
function expandPortugueseNo(text: string): string {
  return text.replace(/(^|[^\p{L}\p{N}])([nNñÑ])(?=\s+\p{L})/gu, (_match, before: string) => `${before}não`);
}

/** "pq" opening a question is "por que" ("Pq não chegou?"); elsewhere "porque". */
function portugueseWhy(text: string): string {
  return text.replace(
    /(^|[.!?]\s+)(pq)(?=[^.!?]*\?)/giu,
    (_match, before: string, word: string) => `${before}${word[0] === "P" ? "Por" : "por"} que`,
  );
}

/** Links and e-mail addresses pass through untouched: their dots, colons and "?" are not sentence punctuation. */
const LINK = /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+/giu;

/** Spacing, repeated punctuation, capitals and the final full stop. */
function tidy(text: string): string {
  const links: string[] = [];
  const shielded = text.replace(LINK, (link) => `\uE000${links.push(link) - 1}\uE001`);
  let out = shielded
    .replace(/[ \t]+/gu, " ")
    .replace(/ *\n */gu, "\n")
    .replace(/\s+([,.!?;:])/gu, "$1")
    .replace(/([!?])[!?]*(?:[!?])/gu, (run: string) => (run.includes("?") ? "?" : "!"))
    .replace(/,{2,}/gu, ",")
    .replace(/([,;:!?])(?=\p{L})/gu, "$1 ")
    .replace(/(\p{L})\.(?=\p{Lu})/gu, "$1. ")
    .trim();
  // The start of the text and of every sentence gets a capital.
  out = out.replace(/(^|[.!?]\s+|\n)(\p{Ll})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase());
  if (/[\p{L}\p{N})"]$/u.test(out)) out += ".";
  return out.replace(/\uE000(\d+)\uE001/gu, (_match, index: string) => links[Number(index)] ?? "");
}

function fix(text: string, language: Language): string {
  let out = text;
  if (language === "pt") out = expandPortugueseNo(portugueseWhy(out));
  out = replaceWords(out, ABBREVIATIONS[language]);
  return tidy(out);
}

function formal(text: string, language: Language): string {
  let out = text.replace(LAUGHTER, " ").replace(EMOJI, " ");
  if (language === "pt") out = expandPortugueseNo(portugueseWhy(out));
  out = replaceWords(out, ABBREVIATIONS[language]);
  out = replaceWords(out, INFORMAL[language]);
  // Empty replacements and dropped laughs leave stray commas behind ("oi, kkkk, tudo bem").
  out = out.replace(/(^|[,.!?])\s*,/gu, "$1").replace(/^\s*[,.;]\s*/u, "");
  // A greeting that now opens the message is set apart: "Hello, understood" rather than "Hello understood".
  out = out.replace(/^(Olá|Hello|Hola)\s+(?=\p{L})/u, "$1, ");
  return tidy(out);
}

/** Rules-based rewrite; null when the style needs a provider ("friendly", "shorter"). */
export function rewriteBuiltin(text: string, style: RewriteStyle, language: Language): string | null {
  if (!builtinRewriteStyles.has(style)) return null;
  if (text.trim() === "") return "";
  return style === "fix" ? fix(text, language) : formal(text, language);
}
