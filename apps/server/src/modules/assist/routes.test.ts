import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../db/raw.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { addArticle, agentReplies, customerSays, postForEvents, readEventStream } from "./assist.test-utils.ts";

type ErrorBody = { error: { code: string; message: string; details?: { issues?: Array<{ field: string }> } } };
type Suggestions = {
  suggestions: Array<{
    text: string;
    source: { kind: string; id?: string };
    citations: Array<{ kind: string; id: string; title: string }>;
  }>;
  language: string;
  engine: string;
};
type Proposals = { proposals: Array<{ title: string; body: string; examples: string[]; count: number; language: string | null }> };

const ALL_FEATURES = {
  suggestions: true,
  sentiment: true,
  summary: true,
  rewrite: true,
  translation: true,
  transcription: true,
  bot: true,
};

/** Agent assist on the built-in engine (no AI provider): what works without a model, and what says it cannot. */
describe.each(DATABASE_KINDS)("agent assist, built-in engine (%s)", (kind) => {
  const run = it.skipIf(!isAvailable(kind));
  let t: TestPapo;
  let workspaceId: string;
  let outsider: { id: string; token: string };
  let articleId: string;
  const delivery = { conversationId: "", messageId: "", contactId: "" };

  const setFeatures = (features: Partial<typeof ALL_FEATURES>) =>
    t.api("PUT", "/api/v1/workspace/ai", {
      provider: null,
      features: { ...ALL_FEATURES, ...features },
      maskPersonalData: true,
      monthlyTokenBudget: null,
    });

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    workspaceId = (await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me")).body.workspaceId;
    // An agent of the workspace who is neither a member of the sandbox number nor assigned: nothing of it is in scope.
    outsider = await t.addUser({ workspaceId, email: "fora@papo.test", role: "agent", name: "Agente de fora" });
    articleId = await addArticle(t, workspaceId, {
      title: "Prazo de entrega",
      body: "Entregamos em até 5 dias úteis após a confirmação do pagamento. O código de rastreio chega por e-mail.",
      phrasings: ["quando chega meu pedido", "cadê minha encomenda", "prazo de entrega"],
      tags: ["entrega"],
    });
    await addArticle(t, workspaceId, {
      title: "Trocas e devoluções",
      body: "Você pode trocar o produto em até 30 dias, com a nota fiscal.",
      phrasings: ["quero trocar", "como devolvo"],
    });
    Object.assign(delivery, await customerSays(t, "5511970000001", "Olá! Quando chega meu pedido? Já faz uma semana que comprei."));
  }, 120_000);
  afterAll(async () => t?.close());

  run(
    "when suggestions are asked as JSON, the built-in engine answers in the customer's language citing the matching article",
    async () => {
      // No body at all: every field has its default.
      const response = await t.api<Suggestions>("POST", `/api/v1/conversations/${delivery.conversationId}/suggestions`);

      expect(response.status).toBe(200);
      expect(response.body.engine).toBe("builtin");
      expect(response.body.language).toBe("pt");
      expect(response.body.suggestions.length).toBeGreaterThan(0);
      expect(response.body.suggestions.length).toBeLessThanOrEqual(3);
      const cited = response.body.suggestions.flatMap((s) => s.citations.map((c) => c.id));
      expect(cited).toContain(articleId);
      expect(response.body.suggestions.map((s) => s.text).join(" ")).toContain("5 dias úteis");
    },
  );

  run("when `max` is 1, at most one suggestion comes; 0 or 4 is refused naming body.max", async () => {
    const one = await t.api<Suggestions>("POST", `/api/v1/conversations/${delivery.conversationId}/suggestions`, { max: 1 });
    expect(one.status).toBe(200);
    expect(one.body.suggestions.length).toBeLessThanOrEqual(1);
    for (const max of [0, 4]) {
      const refused = await t.api<ErrorBody>("POST", `/api/v1/conversations/${delivery.conversationId}/suggestions`, { max });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^body\.max/);
    }
  });

  run("when suggestions are asked as an event stream, the built-in engine sends only `done`, with the app's security headers", async () => {
    const response = await postForEvents(t, `/api/v1/conversations/${delivery.conversationId}/suggestions`, { max: 2 });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    // The hijacked answer keeps what helmet adds to every answer.
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    const events = await readEventStream(response);
    expect(events.map((e) => e.event)).toEqual(["done"]);
    const done = events[0]?.data as Suggestions;
    expect(done.engine).toBe("builtin");
    expect(done.suggestions.flatMap((s) => s.citations.map((c) => c.id))).toContain(articleId);
  });

  run("when an agent asks about a conversation out of their scope, every assist route answers 404 as if it did not exist", async () => {
    const base = `/api/v1/conversations/${delivery.conversationId}`;
    for (const [method, path] of [
      ["POST", `${base}/suggestions`],
      ["POST", `${base}/summary`],
      ["GET", `/api/v1/messages/${delivery.messageId}/translation?to=en`],
    ] as const) {
      const response = await t.apiAs<ErrorBody>(outsider.token, method, path, method === "POST" ? {} : undefined);
      expect(response.status, path).toBe(404);
    }
    const stream = await postForEvents(t, `${base}/suggestions`, {}, outsider.token);
    expect(stream.status).toBe(404);
    expect(((await stream.json()) as ErrorBody).error.code).toBe("conversations.not_found");
  });

  run("when a summary is asked, the built-in engine summarises the conversation in the agent's language", async () => {
    await agentReplies(t, delivery.conversationId, "Oi! Vou verificar o rastreio do seu pedido agora mesmo.");
    const response = await t.api<{ summary: { text: string; points: string[] }; engine: string }>(
      "POST",
      `/api/v1/conversations/${delivery.conversationId}/summary`,
      { language: "pt" },
    );

    expect(response.status).toBe(200);
    expect(response.body.engine).toBe("builtin");
    expect(response.body.summary.text.length).toBeGreaterThan(0);
    expect(response.body.summary.points.join(" ")).toMatch(/pedido/i);
  });

  run("when `fix` is asked on a draft, the built-in engine rewrites it; `friendly` needs a provider (422)", async () => {
    const fixed = await t.api<{ text: string; engine: string }>("POST", "/api/v1/copilot/rewrite", {
      text: "oi  tudo bem?  vc pode me mandar o comprovante",
      style: "fix",
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.engine).toBe("builtin");
    expect(fixed.body.text).not.toBe("oi  tudo bem?  vc pode me mandar o comprovante");
    expect(fixed.body.text).not.toContain("  ");

    const friendly = await t.api<ErrorBody>("POST", "/api/v1/copilot/rewrite", { text: "Envie o comprovante.", style: "friendly" });
    expect(friendly.status).toBe(422);
    expect(friendly.body.error).toMatchObject({ code: "copilot.capability_unavailable", message: "configure an AI provider" });
  });

  run("when a draft or a message is to be translated without a provider, the answer is 422 copilot.capability_unavailable", async () => {
    const draft = await t.api<ErrorBody>("POST", "/api/v1/copilot/translate", { text: "Seu pedido chega amanhã.", to: "en", from: "pt" });
    expect(draft.status).toBe(422);
    expect(draft.body.error.code).toBe("copilot.capability_unavailable");
    const message = await t.api<ErrorBody>("GET", `/api/v1/messages/${delivery.messageId}/translation?to=en`);
    expect(message.status).toBe(422);
    expect(message.body.error.code).toBe("copilot.capability_unavailable");
    // Already in the target language: nothing to translate, so no provider is needed.
    const same = await t.api<{ text: string; from: string; engine: string }>("POST", "/api/v1/copilot/translate", {
      text: "Seu pedido chega amanhã.",
      to: "pt",
      from: "pt",
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ text: "Seu pedido chega amanhã.", from: "pt", engine: "builtin" });
  });

  run("when a draft is empty, too long or the style/language is unknown, the answer is 400 naming the field", async () => {
    const cases: Array<[string, unknown, string]> = [
      ["/api/v1/copilot/rewrite", { text: "   ", style: "fix" }, "body.text"],
      ["/api/v1/copilot/rewrite", { text: "a".repeat(4097), style: "fix" }, "body.text"],
      ["/api/v1/copilot/rewrite", { text: "oi", style: "poetic" }, "body.style"],
      ["/api/v1/copilot/translate", { text: "oi", to: "fr" }, "body.to"],
      ["/api/v1/copilot/translate", { to: "en" }, "body.text"],
    ];
    for (const [path, body, field] of cases) {
      const response = await t.api<ErrorBody>("POST", path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe("request.invalid");
      expect(response.body.error.details?.issues?.map((i) => i.field)).toContain(field);
    }
    const badQuery = await t.api<ErrorBody>("GET", `/api/v1/messages/${delivery.messageId}/translation?to=de`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/^querystring\.to/);
  });

  run("when a message has no text, or its content was erased, translating it is refused before any engine runs", async () => {
    t.sim.sendAsCustomer({ from: "5511970000009", name: "Sem texto", type: "image", image: { mimeType: "image/png" } });
    const photo = await eventually(async () => {
      const rows = await queryRows<{ id: string }>(
        t.papo.deps.database.db,
        sql`select id from messages where workspace_id = ${workspaceId} and type = 'image' and direction = 'inbound'`,
      );
      return rows[0]?.id;
    }, "the customer's photo");
    const without = await t.api<ErrorBody>("GET", `/api/v1/messages/${photo}/translation?to=en`);
    expect(without.status).toBe(422);
    expect(without.body.error.code).toBe("assist.message_without_text");

    const erased = await customerSays(t, "5511970000010", "Por favor apaguem meus dados");
    const erasure = await t.api("POST", `/api/v1/contacts/${erased.contactId}/erase`, { confirm: "APAGAR" });
    expect(erasure.status).toBe(200);
    const gone = await t.api<ErrorBody>("GET", `/api/v1/messages/${erased.messageId}/translation?to=en`);
    expect(gone.status).toBe(409);
    expect(gone.body.error.code).toBe("assist.message_erased");
  });

  run(
    "when customers keep asking the same question, canned responses are proposed from the agents' replies; agents may not ask",
    async () => {
      const answer = "Nosso horário de atendimento é de segunda a sexta, das 8h às 18h.";
      for (const [i, question] of [
        "Qual o horário de atendimento de vocês?",
        "Qual é o horário de atendimento?",
        "Oi, qual o horário de atendimento da loja?",
      ].entries()) {
        const asked = await customerSays(t, `551197100000${i}`, question);
        await agentReplies(t, asked.conversationId, answer);
      }

      const response = await t.api<Proposals>("GET", "/api/v1/canned-responses/proposals");
      expect(response.status).toBe(200);
      const proposal = response.body.proposals.find((p) => p.body === answer);
      expect(proposal, JSON.stringify(response.body)).toBeDefined();
      expect(proposal?.count).toBeGreaterThanOrEqual(3);
      expect(proposal?.examples.length).toBeGreaterThan(0);

      // An agent granted canned_responses.manage but limited to their own conversations gets no customer's words from
      // conversations out of their scope (the examples quote customers).
      const editor = await t.addUser({ workspaceId, email: `editora-${Date.now()}@papo.test`, role: "agent" });
      expect((await t.api("PATCH", `/api/v1/users/${editor.id}`, { permissions: ["canned_responses.manage"] })).status).toBe(200);
      const scoped = await t.apiAs<Proposals>(editor.token, "GET", "/api/v1/canned-responses/proposals");
      expect(scoped.status).toBe(200);
      expect(scoped.body.proposals.find((p) => p.body === answer)).toBeUndefined();
      expect(JSON.stringify(scoped.body)).not.toContain("horário de atendimento da loja");

      // Once a canned response says it, it is no longer proposed.
      const created = await t.api("POST", "/api/v1/canned-responses", { shortcut: "horario", title: "Horário", body: answer });
      expect(created.status).toBe(201);
      const after = await t.api<Proposals>("GET", "/api/v1/canned-responses/proposals");
      expect(after.body.proposals.find((p) => p.body === answer)).toBeUndefined();

      const agent = await t.apiAs<ErrorBody>(outsider.token, "GET", "/api/v1/canned-responses/proposals");
      expect(agent.status).toBe(403);
    },
  );

  run("when one user calls a paid route too often, they get 429 request.rate_limited while others are unaffected", async () => {
    const draft = { text: "obrigado pelo contato", style: "fix" };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await t.apiAs(outsider.token, "POST", "/api/v1/copilot/rewrite", draft)).status);

    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await t.apiAs<ErrorBody>(outsider.token, "POST", "/api/v1/copilot/rewrite", draft);
    expect(limited.body.error.code).toBe("request.rate_limited");
    expect((await t.api("POST", "/api/v1/copilot/rewrite", draft)).status).toBe(200);
  });

  run("when a feature is switched off, its routes answer 409 copilot.feature_disabled naming it", async () => {
    try {
      expect((await setFeatures({ suggestions: false, summary: false, rewrite: false, translation: false })).status).toBe(200);
      const base = `/api/v1/conversations/${delivery.conversationId}`;
      for (const [method, path, body, feature] of [
        ["POST", `${base}/suggestions`, {}, "suggestions"],
        ["POST", `${base}/summary`, {}, "summary"],
        ["POST", "/api/v1/copilot/rewrite", { text: "oi", style: "fix" }, "rewrite"],
        ["POST", "/api/v1/copilot/translate", { text: "oi", to: "en" }, "translation"],
        ["GET", `/api/v1/messages/${delivery.messageId}/translation?to=en`, undefined, "translation"],
        ["GET", "/api/v1/canned-responses/proposals", undefined, "suggestions"],
      ] as const) {
        const response = await t.api<ErrorBody & { error: { details?: { feature?: string } } }>(method, path, body);
        expect(response.status, path).toBe(409);
        expect(response.body.error.code).toBe("copilot.feature_disabled");
        expect(response.body.error.details?.feature).toBe(feature);
      }
      const stream = await postForEvents(t, `${base}/suggestions`, {});
      expect(stream.status).toBe(409);
    } finally {
      await setFeatures({});
    }
  });
});
