import { type InboundRecord, inboundFrom, type OutboundRecord, outboundTo, type SimState } from "../state.ts";

const iso = (ms: number): string => new Date(ms).toISOString();

/** One business message as the control API shows it: the wire body and everything Meta reported since. */
export interface SentMessageView {
  wamid: string;
  phoneNumberId: string;
  to: string;
  waId?: string;
  userId?: string;
  type: string;
  body: Record<string, unknown>;
  acceptedAt: string;
  /** The most advanced status so far (`failed` wins), or `accepted` before the first webhook. */
  status: string;
  statuses: { status: string; timestamp: string; errors?: unknown[] }[];
}

/** One customer message as the control API shows it. */
export interface ReceivedMessageView {
  wamid: string;
  phoneNumberId: string;
  type: string;
  timestamp: string;
  message: Record<string, unknown>;
  /** The business marked it read (blue ticks), possibly with a typing indicator. */
  read: boolean;
}

const RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, played: 4, failed: 5 };

/** Renders an outbound record for `GET /_sim/customers/:waId/messages` and `sim.sentTo`. */
export function sentMessageView(record: OutboundRecord): SentMessageView {
  const latest = [...record.statuses].sort((a, b) => (RANK[b.status] ?? 0) - (RANK[a.status] ?? 0))[0];
  return {
    wamid: record.wamid,
    phoneNumberId: record.phoneNumberId,
    to: record.input,
    ...(record.waId === undefined ? {} : { waId: record.waId }),
    ...(record.userId === undefined ? {} : { userId: record.userId }),
    type: record.type,
    body: record.body,
    acceptedAt: iso(record.acceptedAtMs),
    status: latest?.status ?? "accepted",
    statuses: record.statuses.map((s) => ({ status: s.status, timestamp: iso(s.atMs), ...(s.errors ? { errors: s.errors } : {}) })),
  };
}

function receivedView(state: SimState, record: InboundRecord): ReceivedMessageView {
  return {
    wamid: record.wamid,
    phoneNumberId: record.phoneNumberId,
    type: record.type,
    timestamp: iso(record.atMs),
    message: record.message,
    read: state.reads.some((r) => r.messageId === record.wamid),
  };
}

/** Everything exchanged with one customer (by wa_id or BSUID). */
export function customerView(
  state: SimState,
  customer: string,
): { customer: string; messages: SentMessageView[]; received: ReceivedMessageView[] } {
  return {
    customer,
    messages: outboundTo(state, customer).map(sentMessageView),
    received: inboundFrom(state, customer).map((r) => receivedView(state, r)),
  };
}
