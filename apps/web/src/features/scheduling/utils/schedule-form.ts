import type { SendMessageBody } from "../../../lib/api-types.ts";
import { localToInstant } from "../../../lib/time-zone.ts";
import type { ScheduleBody, ScheduledMessage } from "../api/types.ts";

/** What the dialog schedules: a message at a time, a follow-up if the customer stays silent, or a reminder to oneself. */
export type ScheduleMode = "at" | "no_reply" | "reminder";

export interface ScheduleFormValues {
  mode: ScheduleMode;
  /** `YYYY-MM-DD` and `HH:mm`, in the workspace's time zone. */
  date: string;
  time: string;
  /** Follow-up delay in hours, as typed. */
  hours: string;
  /** The message's text (when it is not a template). */
  text: string;
  note: string;
}

export type ScheduleField = "date" | "time" | "hours" | "text" | "note";
export type ScheduleErrors = Partial<Record<ScheduleField, "required" | "past" | "hours-range" | "too-long">>;

/** The server's bounds (modules/scheduling). */
export const MIN_HOURS = 0.25;
export const MAX_HOURS = 720;
export const NOTE_MAX_LENGTH = 1000;
/** The server wants at least 30 s of notice; a minute leaves room for the time it takes to press the button. */
const MIN_NOTICE_MS = 60_000;

export const localOf = (values: Pick<ScheduleFormValues, "date" | "time">) => `${values.date}T${values.time}`;

export function splitLocal(local: string): { date: string; time: string } {
  const [date = "", time = ""] = local.split("T");
  return { date, time: time.slice(0, 5) };
}

/** When it would go, as an instant; null while the date or time is incomplete. */
export function sendAtOf(values: ScheduleFormValues, { now, timeZone }: { now: number; timeZone: string }): number | null {
  if (values.mode === "no_reply") {
    const hours = Number(values.hours.replace(",", "."));
    return Number.isFinite(hours) && hours > 0 ? now + hours * 3_600_000 : null;
  }
  return localToInstant(localOf(values), timeZone);
}

export function validateSchedule(
  values: ScheduleFormValues,
  {
    now,
    timeZone,
    fixedMessage,
  }: { now: number; timeZone: string /** A template or file is sent: no text to type. */; fixedMessage: boolean },
): ScheduleErrors {
  const errors: ScheduleErrors = {};
  if (values.mode === "no_reply") {
    const hours = Number(values.hours.replace(",", "."));
    if (values.hours.trim() === "") errors.hours = "required";
    else if (!Number.isFinite(hours) || hours < MIN_HOURS || hours > MAX_HOURS) errors.hours = "hours-range";
  } else {
    if (!values.date) errors.date = "required";
    if (!values.time) errors.time = "required";
    const at = sendAtOf(values, { now, timeZone });
    if (values.date && values.time && (at === null || at < now + MIN_NOTICE_MS)) errors.time = "past";
  }
  if (values.mode === "reminder") {
    if (!values.note.trim()) errors.note = "required";
    else if (values.note.length > NOTE_MAX_LENGTH) errors.note = "too-long";
  } else if (!fixedMessage && !values.text.trim()) errors.text = "required";
  return errors;
}

/**
 * Whether free text would meet a closed 24-hour window at its time (the server refuses it then): a template is always
 * allowed; an unknown expiry counts as closed.
 */
export function windowClosedAt(sendAt: number | null, windowExpiresAt: string | null, template: boolean): boolean {
  if (template || sendAt === null) return false;
  return windowExpiresAt === null || new Date(windowExpiresAt).getTime() <= sendAt;
}

/** The API body for the form: a template, when one was chosen, goes instead of the text. */
export function scheduleBody(values: ScheduleFormValues, template: SendMessageBody | null): ScheduleBody {
  if (values.mode === "reminder") return { kind: "reminder", note: values.note.trim(), sendAtLocal: localOf(values) };
  const message: SendMessageBody = template ?? { type: "text", body: values.text.trim() };
  if (values.mode === "no_reply")
    return { kind: "message", message, condition: "no_reply", afterHours: Number(values.hours.replace(",", ".")) };
  return { kind: "message", message, condition: "always", sendAtLocal: localOf(values) };
}

/** An edit sends the same fields except the kind, which never changes. */
export function updateBody(values: ScheduleFormValues, template: SendMessageBody | null): Omit<ScheduleBody, "kind"> {
  const { kind: _kind, ...rest } = scheduleBody(values, template);
  return rest;
}

/**
 * The form filled from an existing item (to edit it), its time read as `local`. A follow-up's "in N hours" counts
 * from now, so it shows the hours left (to the quarter hour).
 */
export function valuesOf(item: ScheduledMessage, local: string, now: number): ScheduleFormValues {
  const { date, time } = splitLocal(local);
  const text = item.message?.type === "text" ? item.message.body : "";
  if (item.kind === "reminder") return { mode: "reminder", date, time, hours: "24", text: "", note: item.note ?? "" };
  const left = Math.max(MIN_HOURS, Math.round(((new Date(item.sendAt).getTime() - now) / 3_600_000) * 4) / 4);
  return { mode: item.condition === "no_reply" ? "no_reply" : "at", date, time, hours: String(left), text, note: "" };
}
