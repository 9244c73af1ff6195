import { deflateSync } from "node:zlib";
import type { MetaSim } from "@papo/meta-sim";
import { expect } from "vitest";
import { eventually, type TestPapo } from "../../testing/papo.test-utils.ts";

/** The parts of the API's message object the outbound suites look at. */
export interface MessageView {
  id: string;
  conversationId: string;
  contactId: string;
  channelId: string;
  direction: "inbound" | "outbound";
  type: string;
  text: string | null;
  status: string;
  waMessageId: string | null;
  statusTimestamps: {
    sentAt: string | null;
    deliveredAt: string | null;
    readAt: string | null;
    playedAt: string | null;
    failedAt: string | null;
  };
  media?: { id: string; mimeType: string | null; filename: string | null; size: number | null; status: string; voice?: boolean };
  reactions: Array<{ emoji: string; by: "contact" | "business"; at: string }>;
  replyTo?: { waMessageId: string; messageId: string | null };
  error?: { code: string; title: string | null; details: string | null; message: string };
}

export interface ErrorView {
  error: { code: string; message: string; details?: unknown };
}

type Page<T> = { data: T[]; nextCursor: string | null };
type ConversationView = { id: string; contact: { waId: string | null } | null; windowOpen: boolean };

/**
 * A customer writes through the simulator; resolves once Papo shows the conversation and the message. `hoursAgo`
 * backdates the message (Meta's timestamp), so the 24-hour window is already closed on both sides.
 */
export async function customerWrites(
  t: TestPapo,
  { from, name = "Cliente", text = "Olá!", hoursAgo }: { from: string; name?: string; text?: string; hoursAgo?: number },
): Promise<{ conversationId: string; inbound: MessageView }> {
  const { wamid } = t.sim.sendAsCustomer({
    from,
    name,
    type: "text",
    text,
    ...(hoursAgo === undefined ? {} : { timestamp: Math.floor((Date.now() - hoursAgo * 3600_000) / 1000) }),
  });
  const conversation = await eventually(async () => {
    const { body } = await t.api<Page<ConversationView>>("GET", "/api/v1/conversations?limit=100");
    return body.data.find((c) => c.contact?.waId === from);
  }, `the conversation with ${from}`);
  const inbound = await eventually(async () => {
    const { body } = await t.api<Page<MessageView>>("GET", `/api/v1/conversations/${conversation.id}/messages?limit=100`);
    return body.data.find((m) => m.waMessageId === wamid);
  }, `the message ${wamid} from ${from}`);
  return { conversationId: conversation.id, inbound };
}

export const sendMessage = (t: TestPapo, conversationId: string, body: unknown, headers?: Record<string, string>) =>
  t.api<MessageView & ErrorView>("POST", `/api/v1/conversations/${conversationId}/messages`, body, headers);

export const getMessage = async (t: TestPapo, id: string): Promise<MessageView> =>
  (await t.api<MessageView>("GET", `/api/v1/messages/${id}`)).body;

export const listMessages = async (t: TestPapo, conversationId: string): Promise<MessageView[]> =>
  (await t.api<Page<MessageView>>("GET", `/api/v1/conversations/${conversationId}/messages?limit=100`)).body.data;

/** Polls the message until it reaches `status`; fails early, with the message, if it ends anywhere else. */
export async function waitForStatus(t: TestPapo, id: string, status: string): Promise<MessageView> {
  return eventually(async () => {
    const message = await getMessage(t, id);
    if (message.status === status) return message;
    if (message.status === "failed" || message.status === "played" || (message.status === "read" && status !== "played"))
      throw new Error(`message ended ${message.status}: ${JSON.stringify(message.error ?? null)}`);
    return undefined;
  }, `message ${id} to be ${status}`);
}

/** Asserts the message went sent → delivered → read (and played, for voice notes), each step timed, in order. */
export function expectReadTimeline(message: MessageView): void {
  const { sentAt, deliveredAt, readAt } = message.statusTimestamps;
  expect(sentAt).not.toBeNull();
  expect(deliveredAt).not.toBeNull();
  expect(readAt).not.toBeNull();
  expect(Date.parse(sentAt ?? "")).toBeLessThanOrEqual(Date.parse(deliveredAt ?? ""));
  expect(Date.parse(deliveredAt ?? "")).toBeLessThanOrEqual(Date.parse(readAt ?? ""));
  expect(message.statusTimestamps.failedAt).toBeNull();
  expect(message.error).toBeUndefined();
}

/** The one message the simulator accepted for `waId` with this wamid. */
export function wireBody(sim: MetaSim, waId: string, wamid: string | null): Record<string, unknown> {
  const sent = sim.sentTo(waId).filter((m) => m.wamid === wamid);
  expect(sent).toHaveLength(1);
  return sent[0]?.body ?? {};
}

/**
 * Counts the send calls that reach the simulator for `to`, including refused ones (`sentTo` only lists accepted
 * messages): a fault scenario that delays by 0 ms matches every send to `to` and counts down. Add it after the
 * scenarios that should fail, so those match first; they count as calls too (see `calls`).
 */
export function countSendCalls(sim: MetaSim, to: string): () => number {
  const budget = 10_000;
  sim.addFaults([{ on: "send", delayMs: 0, times: budget, to }]);
  return () => budget - (sim.faults().find((f) => f.on === "send" && f.to === to && f.delayMs === 0 && f.code === undefined)?.times ?? 0);
}

type UploadAnswer = { id: string; mimeType: string; filename: string | null; size: number; sha256: string } & ErrorView;

/** Uploads a file through `POST /api/v1/media` (multipart), as a CRM would. */
export async function uploadMedia(
  t: TestPapo,
  { data, mimeType, filename }: { data: Uint8Array; mimeType: string; filename: string },
): Promise<{ status: number; body: UploadAnswer }> {
  const form = new FormData();
  form.append("file", new Blob([data], { type: mimeType }), filename);
  const response = await fetch(`${t.papo.url}/api/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${t.token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as UploadAnswer };
}

// Small but real files.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const pngChunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
};

/** A valid `width`×`height` RGB PNG of one colour. */
export function pngBytes(width = 2, height = 2, rgb: [number, number, number] = [0x25, 0xd3, 0x66]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(pixels)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A 1×1 lossless WebP (a sticker). */
export const webpBytes = (): Buffer => Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");

/** An MP4 `ftyp` box: enough for type checks, not a playable video. */
export const mp4Bytes = (): Buffer =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from("ftypisom", "ascii"),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from("isommp41", "ascii"),
  ]);

/** A minimal one-page PDF. */
export const pdfBytes = (): Buffer =>
  Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    "latin1",
  );

/** An Ogg page header: what a voice note's file starts with. */
export const oggBytes = (): Buffer =>
  Buffer.concat([Buffer.from("OggS", "ascii"), Buffer.from([0, 2]), Buffer.alloc(22), Buffer.from("OpusHead", "ascii")]);
