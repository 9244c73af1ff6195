import type { SendMessageBody } from "../../../lib/api-types.ts";

/** Scheduled messages and reminders as the API answers them (modules/scheduling). */
export type ScheduledKind = "message" | "reminder";
export type ScheduledCondition = "always" | "no_reply";
export type ScheduledStatus = "scheduled" | "processing" | "sent" | "done" | "skipped" | "failed" | "cancelled";

export interface ScheduledMessage {
  id: string;
  conversationId: string;
  kind: ScheduledKind;
  condition: ScheduledCondition;
  /** `text`, `template`, … or `reminder`. */
  messageType: string;
  /** The send body, as for `POST /conversations/:id/messages`; null for reminders (and after an erasure). */
  message: SendMessageBody | null;
  note: string | null;
  sendAt: string;
  /** `YYYY-MM-DDTHH:mm` in `timeZone` (the workspace's). */
  sendAtLocal: string;
  timeZone: string;
  status: ScheduledStatus;
  messageId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  windowOpenAtSendTime: boolean;
}

export interface SchedulingWarning {
  code: string;
  message: string;
  details?: { windowExpiresAt?: string | null; use?: string } | null;
}

export interface ScheduleResult {
  scheduled: ScheduledMessage;
  warnings: SchedulingWarning[];
}

/** When it goes: exactly one of these. */
export type ScheduleWhen = { sendAtLocal: string } | { afterHours: number } | { sendAt: string };

/** `POST /conversations/:id/scheduled-messages` and `PATCH /scheduled-messages/:id`. */
export type ScheduleBody = {
  kind?: ScheduledKind;
  message?: SendMessageBody;
  note?: string;
  condition?: ScheduledCondition;
} & ScheduleWhen;

const id = (value: string) => encodeURIComponent(value);

export const schedulingPaths = {
  conversation: (conversationId: string) => `/api/v1/conversations/${id(conversationId)}/scheduled-messages`,
  item: (scheduledId: string) => `/api/v1/scheduled-messages/${id(scheduledId)}`,
} as const;

export const schedulingKeys = {
  all: ["scheduled-messages"] as const,
  conversation: (conversationId: string) => ["scheduled-messages", { conversationId }] as const,
};

/** Still waiting for its time: can be edited or cancelled. */
export const isPending = (item: Pick<ScheduledMessage, "status">) => item.status === "scheduled" || item.status === "processing";
