import { describe, expect, it } from "vitest";
import { buildScheduled } from "../testing/scheduling-fakes.ts";
import { type ScheduleFormValues, scheduleBody, sendAtOf, validateSchedule, valuesOf, windowClosedAt } from "./schedule-form.ts";

const SP = "America/Sao_Paulo";
const NOW = Date.UTC(2026, 11, 1, 15, 0);
const base: ScheduleFormValues = { mode: "at", date: "2026-12-02", time: "09:00", hours: "24", text: "Oi", note: "" };

describe("schedule form", () => {
  it("when the time is local, the instant is read in the workspace's zone; a follow-up counts from now", () => {
    expect(new Date(sendAtOf(base, { now: NOW, timeZone: SP }) ?? 0).toISOString()).toBe("2026-12-02T12:00:00.000Z");
    expect(sendAtOf({ ...base, mode: "no_reply", hours: "1,5" }, { now: NOW, timeZone: SP })).toBe(NOW + 90 * 60_000);
  });

  it("when free text would go after the window's end, or the end is unknown, the window is closed at send time", () => {
    const at = Date.UTC(2026, 11, 2, 12);
    expect(windowClosedAt(at, "2026-12-02T11:59:00.000Z", false)).toBe(true);
    expect(windowClosedAt(at, "2026-12-02T12:01:00.000Z", false)).toBe(false);
    expect(windowClosedAt(at, null, false)).toBe(true);
    expect(windowClosedAt(at, null, true)).toBe(false);
  });

  it("when values are out of bounds, each field says why", () => {
    const context = { now: NOW, timeZone: SP, fixedMessage: false };
    expect(validateSchedule({ ...base, mode: "no_reply", hours: "0.1", text: " " }, context)).toEqual({
      hours: "hours-range",
      text: "required",
    });
    expect(validateSchedule({ ...base, date: "2026-12-01", time: "12:00" }, context)).toEqual({ time: "past" });
    expect(validateSchedule({ ...base, mode: "reminder", note: "x".repeat(1001) }, context)).toEqual({ note: "too-long" });
    expect(validateSchedule({ ...base, text: "" }, { ...context, fixedMessage: true })).toEqual({});
  });

  it("when a template was chosen, it goes instead of the text", () => {
    const template = { type: "template" as const, name: "retorno", language: "pt_BR" };
    expect(scheduleBody(base, template)).toEqual({
      kind: "message",
      message: template,
      condition: "always",
      sendAtLocal: "2026-12-02T09:00",
    });
  });

  it("when a follow-up is edited, the hours left are offered", () => {
    const item = buildScheduled({ condition: "no_reply", sendAt: new Date(NOW + 5 * 3_600_000).toISOString() });
    expect(valuesOf(item, "2026-12-01T17:00", NOW)).toMatchObject({ mode: "no_reply", hours: "5", text: "Seu pedido saiu." });
  });
});
