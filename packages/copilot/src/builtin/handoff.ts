import { normalizeWord } from "../text/tokenize.ts";
import type { HandoffRequest, Language } from "../types.ts";

/*
 * A wish for a person is a request aimed at a person: a request word ("quero", "me passa", "talk to", "pásame"),
 * nothing but filler in between ("falar com um", "to a real", "con un"), then a person ("atendente", "agent",
 * "asesor"). Mentions without a request ("o atendente foi ótimo ontem", "seu agente de entregas") are not wishes.
 * Two shorter forms count too: a message that is hardly more than the person ("Atendente!", "human please") and a
 * refusal of the bot ("não quero falar com robô", "robot no"). Negated requests ("não preciso de atendente", "no
 * need for an agent") are not wishes. All languages' rules run together: customers mix them.
 * Beyond "person" nouns, a wish may name a channel only a person serves (a call, the phone), a department, the shop's
 * owner, a name, someone who served the customer before, or a menu option; and a question about the human service's
 * hours is not a wish, unless the same clause also wants ("quero", "need").
 */

const words = (list: string) => new Set(list.trim().split(/\s+/u));

/** Who the customer may ask for (accents folded). */
const PEOPLE = words(`
  atendente atendentes humano humana humanos pessoa pessoas alguem gerente supervisor supervisora operador operadora
  funcionario funcionaria responsavel consultor consultora vendedor vendedora especialista chefe sac ouvidoria setor
  departamento equipe suporte
  agent agents human humans person people ppl someone somebody representative rep manager supervisor operator staff
  boss department team
  persona personas agente agentes asesor asesora alguien encargado encargada ejecutivo ejecutiva jefe
  responsable responsible gerencia management colaborador colaboradora colaboradores moca moco rapaz menina moza chica chico muchacha muchacho senhora senor
  senora guy girl lady woman man area`);

/** The owner of the shop ("dono", "owner", "dueño"), exact only: "dueno" is one letter from "bueno". */
const OWNERS = words("dono dona donos owner owners dueno duena duenos propietario propietaria");

/** Departments a customer asks to be passed to ("financeiro", "billing", "facturación"): exact words only, since
 * near spellings are everyday nouns ("troca", "venda"). */
const DEPARTMENTS = words(`financeiro financas cobranca faturamento reclamacoes juridico comercial fiscal assistencia
  billing finance accounts complaints collections
  facturacion finanzas cobranzas cobros reclamos reclamaciones`);

/** People words that are never a wish alone ("pessoa!" is not a request; "quero uma pessoa" is). */
const WEAK_PEOPLE = words(`alguem someone somebody alguien pessoa pessoas person people ppl persona personas setor departamento
  equipe suporte department team sac ouvidoria moca moco rapaz menina moza chica chico muchacha muchacho senhora senor
  senora guy girl lady woman man area gerencia management`);
/** "someone" after a question verb asks a question ("alguém pode me dizer…?", "can someone tell me…?")… */
const QUESTION_REQUESTS = words("pode podem poderia posso can could may puede puedo podria");
/** …unless that someone is to call or serve the customer ("can someone call me?", "alguém pra me atender"). */
const SERVE = words(
  "atender atende atenda atendam atendeu ligar liga ligue call llamar llame llamen contactar vivo alive ai ahi there atienda atiende atiendan responde responda respondam answer responda conteste contesten",
);
const SOMEONE = words("alguem someone somebody anyone anybody alguien");

/** Words that ask ("quero", "me passa", "talk", "pásame"), including the verbs of "speak to"/"falar com". */
const REQUESTS = words(`
  quero queria gostaria preciso precisava precisando posso pode podem poderia poderiam passa passe passar transfere
  transfira transferir transferem encaminha encaminhe encaminhar chama chame chamar chamem coloca coloque colocar manda
  mande cade falar conversar fala consigo conseguir consegui prefiro ligar escalar passem transfiram encaminhem coloquem
  mandem exijo exigo demand insist poe ponha ponham bota
  want wanna need needed speak talk transfer connect get give put chat reach contact let can could may like prefer escalate
  where wheres call
  quiero quisiera necesito hablar pasame paseme pasa pase comunicar comunicarme comunica comuniqueme transferir
  transfiere transfieran puedo puede podria dame deme contactar llamar conectar conecten conecta prefiero donde pasen
  pasenme comuniquen comuniquenme podrian quiere`);

/** What may stand between the request and the person ("falar com um atendente", "speak to a real person"). */
const FILLER = words(`
  me mim eu com um uma o a os as de da do para pra pro por favor pf pfv pfvr ser seu sua algum alguma agora ja logo
  urgente direto outro outra verdadeiro verdadeira real mais so apenas atendimento por gentileza vcs voces voce vc
  c teu tua que em contato atendido atendida dele dela mesmo mesma novo nova no na ao pro pra
  i to an the for with some please pls plz through connected transferred now right away actual live another your one of
  directly speak talk chat customer service support human sales billing s is in touch this it isso esto same again
  back who helped
  un una el la con al le lo algun alguna ya ahora otro otra directamente verdadero verdadera favor hablar comunicarme hay
  su sus tu nuevo vez misma mismo del`);

/** Say no ("não", "no need", "don't") when right before a request. */
const NEGATORS = words("nao naum n nunca nem sem not no dont never without ni tampoco nope");

/** Requests that a negation does not cancel: "não consigo falar com um atendente" still asks for one. */
const NEGATION_KEEPS = words("consigo conseguir consegui can could puedo puede");

/** The bot the customer may refuse. */
const BOTS = words(
  "robo robos robot robots bot bots maquina machine automatico automatica automaticas automaticos automated automatic automatica canned ia chatbot",
);
/** Words that refuse what follows ("chega de robô", "tired of bots"). */
const REFUSALS = words(
  "nao naum n no not dont nunca chega cansei cansado cansada stop enough tired sem sin basta tira sair sai out harto parem pare paren dejen",
);
/** "não sou robô" (I am not a robot) refuses nothing. */
const BEING = words("sou am soy eres es e is are");

/** Phrases that name a human on their own, request or not ("tem atendimento humano?"). */
const HUMAN_PHRASES = [
  "atendimento humano",
  "atendente humano",
  "pessoa de verdade",
  "pessoa real",
  "ser humano",
  "humano de verdade",
  "real person",
  "real human",
  "live agent",
  "live person",
  "actual person",
  "persona real",
  "persona de verdad",
  "humano de verdad",
  "gente de verdade",
  "agente real",
  "atendente real",
  "atendente de verdade",
  "real agent",
  "real people",
  "human being",
  "atencion humana",
  "agente humano",
  "carne e osso",
  "flesh and blood",
  "carne y hueso",
].map((phrase) => phrase.split(" "));

/** Polite words that may surround a lone person word ("atendente por favor", "human please"). */
const POLITE = words(
  "por favor pf pfv pfvr please pls plz agora now ya urgente um uma a an un una o el the quero i want need seu sua teu tua su your",
);

interface Token {
  word: string;
  start: number;
  end: number;
}

/** Words of the text, folded, with elongations squeezed ("humanoooo") and their place in the original. */
function tokenize(text: string): Token[] {
  // "don't" → "dont " (same length, so offsets still point into the original).
  const joined = text.replace(/n['’]t\b/giu, "nt ");
  return [...joined.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((match) => ({
    word: respell(normalizeWord(match[0]).replace(/(.)\1{2,}/gu, "$1")),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** WhatsApp spellings read as the words they stand for ("vdd", "qro", "kiero", "porfa", "u"). */
const SPELLINGS: Readonly<Record<string, string>> = {
  vdd: "verdade",
  vrdd: "verdade",
  qro: "quero",
  qero: "quero",
  kero: "quero",
  qria: "queria",
  kiero: "quiero",
  porfa: "favor",
  xfa: "favor",
  plis: "please",
  u: "you",
  ur: "your",
  gimme: "give",
  d: "de",
  tel: "telefone",
  fone: "telefone",
  tlf: "telefono",
  ablar: "hablar",
  abla: "habla",
  cn: "con",
};
function respell(word: string): string {
  return SPELLINGS[word] ?? word;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** Words that look like a person word but are not ("atendendo", "personal"). */
const NOT_PEOPLE = words("atendendo atendimento atender personal personally agencia agenda humanity gente");
const FUZZY_TARGETS = [...PEOPLE].filter((word) => word.length >= 5);

/** Whether a word names a person, typos included ("atendenti", "umano", "representitive"). */
function personWord(word: string): { exact: boolean } | null {
  if (PEOPLE.has(word) || DEPARTMENTS.has(word) || OWNERS.has(word)) return { exact: true };
  if (word.length < 5 || NOT_PEOPLE.has(word)) return null;
  const limit = word.length >= 9 ? 2 : 1;
  return FUZZY_TARGETS.some((target) => editDistance(word, target, limit) <= limit) ? { exact: false } : null;
}

/** Clauses: "não quero robô, quero um atendente" holds a refusal and a request; each is read alone. */
function clauses(text: string): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  const tokens = tokenize(text);
  let cursor = 0;
  for (const token of tokens) {
    const between = text.slice(cursor, token.start);
    if (/[.,;!?\n]/u.test(between) || ["mas", "but", "pero", "porem"].includes(token.word)) {
      if (current.length) out.push(current);
      current = [];
    }
    if (!["mas", "but", "pero", "porem"].includes(token.word)) current.push(token);
    cursor = token.end;
  }
  if (current.length) out.push(current);
  return out;
}

const NOTHING: HandoffRequest = { wantsHuman: false, confidence: 0.6 };

/** Does the customer ask for a person ("atendente", "humano", "agent", "persona"…)? */
export function detectHandoffRequest(text: string, language?: Language | null): HandoffRequest {
  const negators = language === "pt" ? new Set([...NEGATORS].filter((word) => word !== "no")) : NEGATORS;
  const all = clauses(text);
  const menu = menuChoice(text, all);
  if (menu) return menu;
  let refused: HandoffRequest | null = null;
  for (const clause of all) {
    const found = asksAboutService(clause) ? null : readClause(text, clause, negators, all.length);
    if (found?.wantsHuman) return found;
    refused ??= found;
  }
  return refused ?? backReference(text, all, negators) ?? NOTHING;
}

/** "quem é o responsável? quero falar com ele": a talk request whose "him" is a person named in another clause. */
const PRONOUNS = words("ele ela him her el ella them eles elas ellos");
function backReference(text: string, all: Token[][], negators: ReadonlySet<string>): HandoffRequest | null {
  const named = all.some((clause) => clause.some((t) => personWord(t.word)?.exact && !WEAK_PEOPLE.has(t.word)));
  if (!named) return null;
  for (const clause of all)
    for (let i = 2; i < clause.length; i += 1) {
      const [talk, withWord, pronoun] = [clause[i - 2], clause[i - 1], clause[i]] as [Token, Token, Token];
      if (!PRONOUNS.has(pronoun.word) || !WITH.has(withWord.word) || !TALK.has(talk.word)) continue;
      if (clause.slice(0, i).some((t) => negators.has(t.word))) continue;
      return { wantsHuman: true, confidence: 0.65, matched: text.slice(talk.start, pronoun.end) };
    }
  return null;
}

function readClause(text: string, tokens: Token[], negators: ReadonlySet<string>, clauseCount: number): HandoffRequest | null {
  const quote = (from: number, to: number) => text.slice((tokens[from] as Token).start, (tokens[to] as Token).end);
  const negatedAt = (index: number) =>
    [index - 1, index - 2].some((at) => at >= 0 && negators.has((tokens[at] as Token).word)) ||
    (index >= 2 && (tokens[index - 1] as Token).word === "need" && negators.has((tokens[index - 2] as Token).word));

  // A refusal of the bot: "não quero falar com robô", "chega de robô", "robô não", "no bots please".
  for (let i = 0; i < tokens.length; i += 1) {
    const word = (tokens[i] as Token).word;
    if (!BOTS.has(word)) continue;
    if (word === "ia" && tokens.length > 4) continue;
    const before = tokens.slice(Math.max(0, i - 5), i).map((t) => t.word);
    const refusalAt = before.findIndex((w) => REFUSALS.has(w));
    const being = before.some((w) => BEING.has(w));
    const after = tokens[i + 1]?.word;
    const alsoPeople = tokens
      .slice(i + 1, i + 6)
      .some((t, k, rest) => ["nem", "nor", "ni"].includes(t.word) && rest.slice(k + 1).some((r) => personWord(r.word)));
    if (alsoPeople) return { wantsHuman: false, confidence: 0.7 };
    if (refusalAt >= 0 && !being) return { wantsHuman: true, confidence: 0.8, matched: quote(i - before.length + refusalAt, i) };
    if (after && (after === "nao" || after === "no" || after === "not"))
      return { wantsHuman: true, confidence: 0.8, matched: quote(i, i + 1) };
  }

  for (const phrase of HUMAN_PHRASES) {
    for (let i = 0; i + phrase.length <= tokens.length; i += 1) {
      if (!phrase.every((word, k) => (tokens[i + k] as Token).word === word)) continue;
      if (negatedAt(i) || precededByNegatedRequest(tokens, i, negators)) return { wantsHuman: false, confidence: 0.7 };
      return { wantsHuman: true, confidence: 0.85, matched: quote(i, i + phrase.length - 1) };
    }
  }

  // A request, then only filler, then a person.
  for (let i = 0; i < tokens.length; i += 1) {
    const asks = REQUESTS.has((tokens[i] as Token).word) || ((tokens[i] as Token).word === "como" && tokens[i - 1]?.word === "tem");
    if (!asks) continue;
    for (let j = i + 1; j < tokens.length && j <= i + 7; j += 1) {
      const word = (tokens[j] as Token).word;
      const person = personWord(word) ?? (CALL_NOUNS.has(word) ? { exact: false } : null);
      const questionOnly =
        SOMEONE.has(word) && QUESTION_REQUESTS.has((tokens[i] as Token).word) && !talksTo(tokens, i, j) && !serves(tokens, j);
      if (person && !questionOnly && !judged(tokens, j)) {
        const requestWord = (tokens[i] as Token).word;
        if (negatedAt(i) && !NEGATION_KEEPS.has(requestWord)) return { wantsHuman: false, confidence: 0.75 };
        return { wantsHuman: true, confidence: person.exact ? 0.85 : 0.7, matched: quote(i, j) };
      }
      if (!FILLER.has(word) && !REQUESTS.has(word)) break;
    }
  }

  // "can someone call me?", "alguém vivo aí pra me atender?": someone asked to serve the customer.
  for (let i = 0; i < tokens.length; i += 1)
    if (SOMEONE.has((tokens[i] as Token).word) && (serves(tokens, i) || servedBefore(tokens, i)) && !negatedAt(i))
      return { wantsHuman: true, confidence: 0.7, matched: quote(i, Math.min(tokens.length - 1, i + 3)) };

  // "me transfere", "transfer me please", "pásame": a transfer with no object can only be to a person.
  for (let i = 0; i < tokens.length; i += 1) {
    const word = (tokens[i] as Token).word;
    if (!TRANSFERS.has(word) || negatedAt(i)) continue;
    const toMe = tokens[i - 1]?.word === "me" || tokens[i + 1]?.word === "me" || /(?:me|ame)$/u.test(word);
    const rest = tokens.slice(i + 1).filter((t) => t.word !== "me" && !POLITE.has(t.word) && !FILLER.has(t.word));
    if (toMe && rest.length === 0) return { wantsHuman: true, confidence: 0.7, matched: quote(i, tokens.length - 1) };
  }

  // "me liga", "call me back", "llámenme": a call can only come from a person.
  for (let i = 0; i < tokens.length; i += 1) {
    const word = (tokens[i] as Token).word;
    if (!CALLS.has(word)) continue;
    const toMe =
      [i - 2, i - 1, i + 1].some((at) => tokens[at]?.word === "me") ||
      /(?:me|meme|nme)$/u.test(word) ||
      (["pra", "para", "for"].includes(tokens[i + 1]?.word ?? "") && ["mim", "me"].includes(tokens[i + 2]?.word ?? ""));
    // "me liga a notificação" switches something on.
    if (ARTICLES.has(tokens[i + 1]?.word ?? "")) continue;
    const negated = tokens.slice(Math.max(0, i - 3), i).some((t) => negators.has(t.word));
    const toUs = CALL_US.has(word);
    if ((toMe || toUs) && !negated)
      return { wantsHuman: true, confidence: 0.75, matched: quote(Math.max(0, i - 1), Math.min(tokens.length - 1, i + 1)) };
  }

  // "prefiro resolver por telefone", "easier by phone": the phone channel means a person.
  for (let i = 1; i < tokens.length; i += 1) {
    const via =
      VIA.has((tokens[i - 1] as Token).word) || (ARTICLES.has((tokens[i - 1] as Token).word) && VIA.has(tokens[i - 2]?.word ?? ""));
    if (!PHONES.has((tokens[i] as Token).word) || !via) continue;
    const wants = tokens.slice(0, i).some((t) => PHONE_WANTS.has(t.word));
    if (wants && !tokens.slice(0, i).some((t) => negators.has(t.word)))
      return { wantsHuman: true, confidence: 0.7, matched: quote(i - 1, i) };
  }

  // "quero falar com a Juliana", "talk to Mike again": a talk verb then a name.
  for (let i = 0; i < tokens.length; i += 1) {
    if (!TALK.has((tokens[i] as Token).word) || negatedAt(i)) continue;
    for (let j = i + 1; j < tokens.length && j <= i + 3; j += 1) {
      const token = tokens[j] as Token;
      if (isName(text, token)) return { wantsHuman: true, confidence: 0.7, matched: quote(i, j) };
      if (!NAME_LEAD.has(token.word)) break;
    }
  }

  // "falar com gente de verdade", "hablar con quien me atendió": words that are a person only after "with".
  for (let i = 1; i < tokens.length; i += 1) {
    const before = (tokens[i - 1] as Token).word;
    if (!AFTER_WITH_PEOPLE.has((tokens[i] as Token).word) || !(WITH.has(before) || DESIRES.has(before))) continue;
    const asked = DESIRES.has(before) || tokens.slice(Math.max(0, i - 4), i - 1).some((t) => REQUESTS.has(t.word));
    if (asked && !tokens.slice(0, i).some((t) => negators.has(t.word)))
      return { wantsHuman: true, confidence: 0.7, matched: quote(i - 1, i) };
  }

  // "tem um humano aí?", "is there a human there?": asking whether a person is present.
  for (let i = 0; i < tokens.length; i += 1) {
    const person = personWord((tokens[i] as Token).word);
    if (!person) continue;
    const exists = tokens.slice(Math.max(0, i - 3), i).some((t) => EXISTS.has(t.word));
    const present = tokens.slice(i + 1, i + 3).some((t) => PRESENT.has(t.word));
    if (exists && present) return { wantsHuman: true, confidence: 0.7, matched: quote(i, i + 1) };
  }

  // A message that is hardly more than a person word: "Atendente!", "human please", "um humano por favor".
  if (clauseCount <= 2) {
    const polite = tokens.filter((t) => !POLITE.has(t.word));
    const people = polite.filter((t) => personWord(t.word));
    // "alguém responsável", "someone responsible": the someone only leads to the person.
    const leads = people.length >= 2 && polite.some((t) => SOMEONE.has(t.word));
    const rest = (leads ? polite.filter((t) => !SOMEONE.has(t.word)) : polite).filter(
      (t) => !MENU_WORDS.has(t.word) && !LONE_ASIDES.has(t.word),
    );
    // "setor de trocas", "departamento de facturación": a department named by what it handles.
    const container = rest[0] && CONTAINERS.has(rest[0].word) && rest.length === 2 && !tokens.some((t) => negators.has(t.word));
    if (container) return { wantsHuman: true, confidence: 0.65, matched: quote(0, tokens.length - 1) };
    // "billing department please": nothing but people and departments, one of them named exactly.
    const allPeople = rest.length >= 2 && rest.every((t) => personWord(t.word)?.exact) && rest.some((t) => !WEAK_PEOPLE.has(t.word));
    if (allPeople && !tokens.some((t) => negators.has(t.word)))
      return { wantsHuman: true, confidence: 0.65, matched: quote(0, tokens.length - 1) };
    // "anyone??", "hola? hay alguien?": calling out for someone.
    const callingOut =
      rest.length === 1 && SOMEONE.has((rest[0] as Token).word) && /\?/u.test(text) && tokens.every((t) => !negators.has(t.word));
    if (callingOut && rest[0]) return { wantsHuman: true, confidence: 0.6, matched: text.slice(rest[0].start, rest[0].end) };
    const only = rest.length === 1 ? rest[0] : undefined;
    const person = only ? personWord(only.word) : null;
    // "the lady who helped me": a person picked out by having served the customer before.
    const identified = tokens.some((t) => SERVED_BEFORE.has(t.word));
    if (only && person && (leads || identified || !WEAK_PEOPLE.has(only.word)) && !tokens.some((t) => negators.has(t.word)))
      return { wantsHuman: true, confidence: person.exact ? 0.75 : 0.6, matched: text.slice(only.start, only.end) };
  }
  return null;
}

/** "me atende alguém", "me ajuda alguém", "alguém me ajuda": the someone asked to serve or help, not asked whether they can. */
function servedBefore(tokens: Token[], at: number): boolean {
  const before = tokens.slice(Math.max(0, at - 2), at).some((t) => (SERVE.has(t.word) || HELP.has(t.word)) && !PRESENT.has(t.word));
  return before || (tokens[at + 1]?.word === "me" && HELP.has(tokens[at + 2]?.word ?? ""));
}
const HELP = words("ajuda ajude ajudem help ayuda ayude ayuden ayudeme");

const CALLS = words(
  "liga ligue liguem ligar ligarem ligam retorna retornem call ring phone llama llame llamen llamar llamame llameme llamenme llamarme",
);
/** Calls asked of the company with no "me": "liguem no meu celular", "llamen a este número". */
const CALL_US = words("liguem retornem llamen llamenme");
/** A call asked for as a thing: "queria uma ligação de vocês". */
const CALL_NOUNS = words("ligacao ligacoes telefonema llamada callback");
const ARTICLES = words("a o as os the el la los las");
const PHONES = words("telefone telefono phone ligacao llamada celular whatsapp");
const VIA = words("por pelo via by over on no al");
const PHONE_WANTS = words(
  "resolver resolverlo resolvelo solucionar solucionarlo arreglar arreglarlo fix resolve solve sort falar conversar talk speak hablar tratar explicar explain prefiro prefer prefiero easier facil mejor melhor",
);
const NAME_LEAD = words("com a o with to con la el pra pro de novo again");
const AFTER_WITH_PEOPLE = words("gente quem quien whoever");
const WITH = words("com with con to por");
const EXISTS = words("tem ha hay is are any existe algum alguma there");
const PRESENT = words("ai ahi there here aqui alive vivo viva vivos acordado");

/** A capitalised word in mixed-case text that is not the first of a sentence: a name ("Juliana", "Mike"). */
function isName(text: string, token: Token): boolean {
  const raw = text.slice(token.start, token.end);
  if (!/^\p{Lu}\p{Ll}+$/u.test(raw) || text === text.toUpperCase()) return false;
  return !/[.!?]\s*$/u.test(text.slice(0, token.start)) && token.start > 0 && !PEOPLE.has(token.word) && !BOTS.has(token.word);
}

/** Words around a lone person that add nothing: "e o supervisor?", "the lady who helped me yesterday". */
const LONE_ASIDES = words(
  "oi ola hello hi hey hola alo tem ha hay is there in charge pela pelo da do del of loja store tienda empresa company e y and que who quien that helped atendeu atendio served me ontem yesterday ayer hoje today earlier antes last semana week passada pasada",
);
const SERVED_BEFORE = words("helped atendeu atendio served charge");
const CONTAINERS = words("setor area departamento department dept depto");

/** Menu answers: "0", "opção 0 atendimento", "customer service". */
const MENU_WORDS = words(
  "0 zero opcao option opcion opc op numero number digito atendimento atencion attention cliente customer service support suporte soporte sac al ao the a um o el de",
);
const MENU_KEYS = words("0 zero atendimento atencion service support suporte soporte sac");
function menuChoice(text: string, all: Token[][]): HandoffRequest | null {
  const tokens = all.flat();
  if (!tokens.length || !tokens.every((t) => MENU_WORDS.has(t.word) || POLITE.has(t.word))) return null;
  if (!tokens.some((t) => MENU_KEYS.has(t.word))) return null;
  if (tokens.some((t) => NEGATORS.has(t.word))) return null;
  return { wantsHuman: true, confidence: 0.65, matched: text.slice((tokens[0] as Token).start, (tokens.at(-1) as Token).end) };
}

/** Questions about the human service, not requests for it: "o atendimento humano funciona que horas?". */
const SCHEDULE = words(
  "hora horas horario horarios time hours hour when quando cuando funciona funcionam funcionan work works open opens abre abrem abren fecha fecham close closes cierra dias days sabado domingo weekend feriado",
);
/** Words that want, whatever else the clause asks. */
const DESIRES = words(
  "call ligue liga liguem llame llamen llamame quero queria gostaria preciso precisava want wanna need needed quiero quisiera necesito prefiro prefer prefiero passa passe transfere transfira chama chame chamem passem coloca coloque get put connect transfer pasame paseme comuniqueme demand exijo exigo",
);
function asksAboutService(tokens: Token[]): boolean {
  return tokens.some((t) => SCHEDULE.has(t.word)) && !tokens.some((t) => DESIRES.has(t.word));
}

const TRANSFERS = words("transfere transfira transferir transfer pasame paseme transfiereme transfierame encaminha escalate");

/** Whether someone is asked to call or serve within the next few words ("alguém pra me atender", "someone call me"). */
function serves(tokens: Token[], at: number): boolean {
  return tokens.slice(at + 1, at + 5).some((t) => SERVE.has(t.word));
}

/** What a person is judged to do, not asked for: "hablar con un agente no sirve de nada", "atendente não resolve". */
const USELESS = words("sirve adianta resolve resolvem ajuda ajudam help helps works funciona sabe saben know knows");
function judged(tokens: Token[], at: number): boolean {
  const next = tokens.slice(at + 1, at + 4).map((t) => t.word);
  return next.some((word, k) => NEGATORS.has(word) && USELESS.has(next[k + 1] ?? "")) || next[0] === "doesnt";
}

/** "someone" is a person to ask for only after a talk verb ("falar com alguém", "talk to someone"). */
const TALK = words(
  "falar conversar fala speak talk chat hablar comunicarme comunicar transfer transferir transfere passa pasame ligar call llamar",
);
function talksTo(tokens: Token[], from: number, to: number): boolean {
  return tokens.slice(from, to).some((t) => TALK.has(t.word));
}

/** "não quero atendimento humano": the negation sits before the request that leads to the phrase. */
function precededByNegatedRequest(tokens: Token[], index: number, negators: ReadonlySet<string>): boolean {
  for (let k = index - 1; k >= Math.max(0, index - 5); k -= 1) {
    const word = (tokens[k] as Token).word;
    if (negators.has(word)) return true;
    if (!FILLER.has(word) && !REQUESTS.has(word)) return false;
  }
  return false;
}
