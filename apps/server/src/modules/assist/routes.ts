import { detectLanguage, type Outcome, proposeCannedResponses } from "@papo/copilot";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { ServiceContext } from "../../context.ts";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { AppError, type ErrorBody, notFound } from "../../http/errors.ts";
import { errorResponse } from "../../http/pagination.ts";
import { canSeeConversation } from "../access/scope.ts";
import { createCannedResponsesRepo } from "../canned-responses/repo.ts";
import { toLastMessageDto } from "../conversations/last-message.ts";
import { type CopilotFeature, copilotErrorToAppError, copilotFor } from "../copilot/copilot-for.ts";
import { loadTurns } from "../copilot/turns.ts";
import { knowledgeIndexFor, loadPastReplies } from "../knowledge-base/index-cache.ts";
import { hitsInScope, pastRepliesInScope } from "../knowledge-base/past-reply-scope.ts";
import { retrieveHits } from "../knowledge-base/retrieve.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import { openEventStream } from "./event-stream.ts";
import { agentLanguage, customerLanguage, latestCustomerTurns, textLanguage } from "./languages.ts";
import {
  conversationParams,
  messageTranslationQuery,
  messageTranslationResponse,
  proposalsResponse,
  rewriteBody,
  rewriteResponse,
  suggestionsBody,
  suggestionsResponse,
  summaryBody,
  summaryResponse,
  translateBody,
  translateResponse,
} from "./schemas.ts";
import { createTranslationsRepo } from "./translations-repo.ts";

/** The conversation's last turns a suggestion is written from (the engines see no more than this). */
const SUGGESTION_TURNS = 30;
/** A summary reads further back: it is asked for on long conversations. */
const SUMMARY_TURNS = 80;
const MAX_SUGGESTIONS = 3;
/** Knowledge-base, canned-response and past-reply hits a suggestion is grounded on. */
const GROUNDING_HITS = 5;

/**
 * Per user and route, per minute: these calls can cost the workspace provider tokens, so a stuck client or a script
 * cannot spend its budget in a burst. Generous for a person clicking.
 */
/**
 * Counted after authentication and validation (preHandler): only requests that would reach an engine — and could cost
 * money — use up the caller's allowance; a malformed or unauthorised one is refused for what it is.
 */
const perUserPerMinute = (max: number) => ({
  rateLimit: {
    max,
    timeWindow: "1 minute",
    hook: "preHandler" as const,
    keyGenerator: (request: FastifyRequest) => (request.auth?.actor.type === "user" ? `user:${request.auth.actor.userId}` : request.ip),
  },
});

const fallbackOf = <T>(outcome: Outcome<T>) => (outcome.fallback ? { fallback: outcome.fallback } : {});

/**
 * Fastify hands a POST without any body to the validator as `null`, the same value as a JSON `null` body. A request
 * with no content type had no body: it stands for `{}`, while a JSON `null` stays invalid like on every other route.
 */
async function absentBodyAsEmpty(request: FastifyRequest): Promise<void> {
  if (request.body == null && request.headers["content-type"] === undefined) request.body = {};
}

const wantsEventStream = (accept: string | undefined): boolean => Boolean(accept?.toLowerCase().includes("text/event-stream"));

/** Aborted when the caller hangs up before the answer is written: the copilot call stops instead of finishing for no one. */
function abortOnHangUp(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * Agent assist: reply suggestions (streamed when a provider writes them), summaries, draft rewrite and translation,
 * message translation and canned-response proposals. Nothing here sends anything to the customer: every result goes
 * back to the agent, who edits and sends it themselves.
 */
export async function assistRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const tags = ["copilot"];

  // Out of the caller's scope is answered like a conversation that does not exist (as modules/conversations does).
  const requireConversation = async (ctx: ServiceContext, id: string) => {
    if (!(await canSeeConversation(db, ctx, id))) throw notFound("conversations", id);
  };
  const enabledCopilot = async (workspaceId: string, feature: CopilotFeature) => {
    const workspace = await copilotFor(deps, workspaceId);
    workspace.assertEnabled(feature);
    return workspace.copilot;
  };
  const mapped = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw copilotErrorToAppError(error);
    }
  };
  /** An error as the stream's `error` event carries it: the API's error body, nothing internal. */
  const errorEvent = (request: FastifyRequest, error: unknown): ErrorBody => {
    const appError = copilotErrorToAppError(error);
    if (appError instanceof AppError) return { error: { code: appError.code, message: appError.message } };
    request.log.error({ err: error }, "reply suggestions failed");
    return { error: { code: "internal.error", message: "Internal error" } };
  };

  r.post(
    "/api/v1/conversations/:id/suggestions",
    {
      config: perUserPerMinute(30),
      preValidation: absentBodyAsEmpty,
      schema: {
        tags,
        summary:
          "Up to 3 reply suggestions for the conversation, grounded on the knowledge base, canned responses and past replies, in the customer's language. With `Accept: text/event-stream`: Server-Sent Events `delta` ({ index, text }, provider only) then `done` (the JSON answer) or `error` ({ error })",
        params: conversationParams,
        body: suggestionsBody,
        response: { 200: suggestionsResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      const conversationId = request.params.id;
      await requireConversation(ctx, conversationId);
      const copilot = await enabledCopilot(ws, "suggestions");
      // Only this conversation's turns go to the engines: nothing of another conversation can be asked out of them.
      const turns = await loadTurns(deps, ws, conversationId, { limit: SUGGESTION_TURNS });
      const language = customerLanguage(turns);
      const question = latestCustomerTurns(turns)
        .map((turn) => turn.text)
        .join("\n");
      // Searched wider than needed: past replies out of the caller's scope are dropped after.
      const found = await retrieveHits(await knowledgeIndexFor(deps, ws), copilot, question, { language, limit: GROUNDING_HITS * 2 });
      const hits = (await hitsInScope(db, ctx, found)).slice(0, GROUNDING_HITS);
      const max = request.body?.max ?? MAX_SUGGESTIONS;

      if (!wantsEventStream(request.headers.accept)) {
        const signal = abortOnHangUp(reply);
        const outcome = await mapped(() => copilot.suggestReplies({ turns, hits, language, max, signal }));
        return { suggestions: outcome.value, language, engine: outcome.engine, ...fallbackOf(outcome) };
      }

      const stream = openEventStream(reply);
      try {
        const outcome = await copilot.suggestReplies({
          turns,
          hits,
          language,
          max,
          signal: stream.signal,
          onDelta: (delta) => stream.send("delta", delta),
        });
        stream.send("done", { suggestions: outcome.value, language, engine: outcome.engine, ...fallbackOf(outcome) });
      } catch (error) {
        if (!stream.signal.aborted) stream.send("error", errorEvent(request, error));
      } finally {
        stream.end();
      }
      return reply;
    },
  );

  r.post(
    "/api/v1/conversations/:id/summary",
    {
      config: perUserPerMinute(20),
      preValidation: absentBodyAsEmpty,
      schema: {
        tags,
        summary:
          "A summary of the conversation (text and points) in the agent's language (`language`, else the console's Accept-Language, else Portuguese)",
        params: conversationParams,
        body: summaryBody,
        response: { 200: summaryResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      await requireConversation(ctx, request.params.id);
      const copilot = await enabledCopilot(ws, "summary");
      const turns = await loadTurns(deps, ws, request.params.id, { limit: SUMMARY_TURNS });
      const language = request.body?.language ?? agentLanguage(request.headers["accept-language"]);
      const outcome = await mapped(() => copilot.summarize(turns, language));
      return { summary: outcome.value, engine: outcome.engine, ...fallbackOf(outcome) };
    },
  );

  r.post(
    "/api/v1/copilot/rewrite",
    {
      config: perUserPerMinute(30),
      schema: {
        tags,
        summary:
          "Rewrites an agent's draft: `formal`, `friendly`, `shorter` (need an AI provider) or `fix` (spelling and grammar; built in too). Never sent: the agent reviews it",
        body: rewriteBody,
        response: { 200: rewriteResponse, 400: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const { text, style } = request.body;
      const copilot = await enabledCopilot(authOf(request).workspaceId, "rewrite");
      const outcome = await mapped(() => copilot.rewrite(text, style, textLanguage(text, request.body.language)));
      return { text: outcome.value, engine: outcome.engine, ...fallbackOf(outcome) };
    },
  );

  r.post(
    "/api/v1/copilot/translate",
    {
      config: perUserPerMinute(30),
      schema: {
        tags,
        summary:
          "Translates a draft into the customer's language before the agent sends it (needs an AI provider; a text already in `to` comes back as is)",
        body: translateBody,
        response: { 200: translateResponse, 400: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const { text, to } = request.body;
      const copilot = await enabledCopilot(authOf(request).workspaceId, "translation");
      const from = request.body.from ?? detectLanguage(text).language;
      // Nothing to translate: no provider call, and it works without one.
      if (from === to) return { text, from, to, engine: "builtin" as const };
      const outcome = await mapped(() => copilot.translate(text, to, from));
      return { text: outcome.value, from, to, engine: outcome.engine };
    },
  );

  r.get(
    "/api/v1/messages/:id/translation",
    {
      config: perUserPerMinute(60),
      schema: {
        tags,
        summary:
          "The message's text translated into `to` (the agent's language), stored encrypted and reused (`cached: true`) by every later request",
        params: conversationParams,
        querystring: messageTranslationQuery,
        response: { 200: messageTranslationResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      const messageId = request.params.id;
      const to = request.query.to ?? agentLanguage(request.headers["accept-language"]);
      const message = await createMessagesRepo({ db, cipher: deps.cipher }).get(ws, messageId);
      if (!message || !(await canSeeConversation(db, ctx, message.conversationId))) throw notFound("messages", messageId);
      const copilot = await enabledCopilot(ws, "translation");
      if (message.contentErasedAt)
        throw new AppError({
          code: "assist.message_erased",
          status: 409,
          message: "The message's content was erased: nothing to translate",
        });
      // The message's own words: inbound rows keep a readable summary in `text` ("[foto]"), not something to translate.
      const text = toLastMessageDto(message).text?.trim();
      if (!text) throw new AppError({ code: "assist.message_without_text", status: 422, message: "The message has no text to translate" });

      const translations = createTranslationsRepo({ db, cipher: deps.cipher });
      const stored = await translations.find(ws, messageId, to);
      if (stored) return { text: stored.text, from: stored.sourceLanguage, to, engine: stored.engine, cached: true };
      const from = detectLanguage(text).language;
      if (from === to) return { text, from, to, engine: "builtin" as const, cached: false };
      const outcome = await mapped(() => copilot.translate(text, to, from));
      const saved = await translations.save(ws, {
        messageId,
        language: to,
        sourceLanguage: from,
        text: outcome.value,
        engine: outcome.engine,
      });
      return { text: saved.text, from: saved.sourceLanguage, to, engine: saved.engine, cached: false };
    },
  );

  r.get(
    "/api/v1/canned-responses/proposals",
    {
      config: perUserPerMinute(10),
      schema: {
        tags,
        summary:
          "New canned responses proposed from the questions customers ask most and the replies agents gave them (ones an existing canned response already covers are left out)",
        response: { 200: proposalsResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const ctx = authOf(request);
      const ws = ctx.workspaceId;
      await enabledCopilot(ws, "suggestions");
      const [allPairs, canned] = await Promise.all([
        loadPastReplies(deps, ws),
        createCannedResponsesRepo({ db, cipher: deps.cipher }).list(ws),
      ]);
      // The proposals quote customers' questions: only those of conversations the caller may read.
      const pairs = await pastRepliesInScope(db, ctx, allPairs);
      return { proposals: proposeCannedResponses(pairs, { existing: canned.map((c) => c.body) }) };
    },
  );
}
