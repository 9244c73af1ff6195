import { type ReactNode, useState } from "react";
import type { Conversation } from "../../../lib/api-types.ts";
import { type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import type { CopilotStatus } from "../api/types.ts";
import type { ComposerDraft } from "../components/draft.ts";

/** Test helpers of the copilot feature: its status route, a controllable SSE body, a stand-in for the composer. */

export function buildCopilotStatus(overrides: Partial<CopilotStatus> = {}): CopilotStatus {
  return {
    providerConfigured: true,
    capabilities: ["language", "sentiment", "suggestions", "summary", "rewrite", "translation", "transcription"],
    features: { suggestions: true, sentiment: true, summary: true, rewrite: true, translation: true, transcription: true, bot: true },
    maskPersonalData: false,
    ...overrides,
  };
}

export function statusRoute(status: CopilotStatus = buildCopilotStatus()): FakeRoute {
  return { path: "/api/v1/copilot/status", respond: () => json(status) };
}

/** A `text/event-stream` answer whose events the test writes one at a time. */
export function controlledEventStream() {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    response: () => new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } }),
    send(event: string, data: unknown) {
      controller?.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    close() {
      controller?.close();
    },
  };
}

/**
 * Stands in for the composer: keeps the draft in a labelled text box ("Draft") and records what would be sent, so a
 * test sees whether a copilot part only edits the draft or asks to send.
 */
export function DraftHarness({
  conversation,
  onSend = () => {},
  children,
}: {
  conversation: Conversation;
  onSend?: (text: string) => void;
  children: (draft: ComposerDraft) => ReactNode;
}) {
  const [draft, setDraft] = useState("");
  return (
    <>
      {children({ conversation, draft, setDraft, sendText: onSend, sending: false, focus: () => {} })}
      <textarea aria-label="Draft" value={draft} onChange={(event) => setDraft(event.target.value)} />
    </>
  );
}
