import { describe, expect, it } from "vitest";
import type { BusinessHours } from "../../db/schema/bot-settings.ts";
import { isValidTimeZone, isWithinBusinessHours } from "./business-hours.ts";

const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const weekdays = (start: string, end: string, timezone = "America/Sao_Paulo"): BusinessHours => {
  const range = [{ start, end }];
  return { timezone, days: { ...closed, mon: range, tue: range, wed: range, thu: range, fri: range } };
};

describe("business hours", () => {
  it("are read on the wall clock of their time zone, not the server's", () => {
    const hours = weekdays("09:00", "18:00");
    // Monday 2026-11-30 12:00 UTC is 09:00 in São Paulo (UTC-3): just opened.
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T12:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T11:59:00Z"))).toBe(false);
    // 18:00 local is closed (the end is exclusive), 17:59 still open.
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T20:59:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T21:00:00Z"))).toBe(false);
    // The same instant in Lisbon (UTC+0 in winter) is 12:00: open there.
    expect(isWithinBusinessHours(weekdays("09:00", "18:00", "Europe/Lisbon"), new Date("2026-11-30T11:59:00Z"))).toBe(true);
  });

  it("take the weekday in the time zone (Saturday 01:00 UTC is still Friday in São Paulo)", () => {
    const hours = weekdays("20:00", "23:00");
    expect(isWithinBusinessHours(hours, new Date("2026-12-05T01:00:00Z"))).toBe(true);
    // Sunday 01:00 UTC is Saturday 22:00 local: closed on Saturdays.
    expect(isWithinBusinessHours(hours, new Date("2026-12-06T01:00:00Z"))).toBe(false);
  });

  it("follow daylight saving time through the zone's rules", () => {
    const hours = weekdays("09:00", "17:00", "America/New_York");
    // Monday 2026-07-06: New York is UTC-4, so 13:00 UTC is 09:00.
    expect(isWithinBusinessHours(hours, new Date("2026-07-06T13:00:00Z"))).toBe(true);
    // Monday 2026-11-30: New York is UTC-5, so 13:00 UTC is 08:00 (closed) and 14:00 UTC is 09:00.
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T13:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T14:00:00Z"))).toBe(true);
  });

  it("run overnight when the end is not after the start, into the next day", () => {
    const hours: BusinessHours = { timezone: "UTC", days: { ...closed, fri: [{ start: "22:00", end: "06:00" }] } };
    expect(isWithinBusinessHours(hours, new Date("2026-12-04T21:59:00Z"))).toBe(false); // Friday 21:59
    expect(isWithinBusinessHours(hours, new Date("2026-12-04T23:30:00Z"))).toBe(true); // Friday 23:30
    expect(isWithinBusinessHours(hours, new Date("2026-12-05T05:59:00Z"))).toBe(true); // Saturday 05:59, from Friday
    expect(isWithinBusinessHours(hours, new Date("2026-12-05T06:00:00Z"))).toBe(false); // Saturday 06:00
    // Thursday night has no range: Friday early morning is closed.
    expect(isWithinBusinessHours(hours, new Date("2026-12-04T03:00:00Z"))).toBe(false);
  });

  it("wrap the week: Sunday's overnight range reaches Monday morning", () => {
    const hours: BusinessHours = { timezone: "UTC", days: { ...closed, sun: [{ start: "20:00", end: "02:00" }] } };
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T01:00:00Z"))).toBe(true); // Monday 01:00
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T02:00:00Z"))).toBe(false);
  });

  it("take 24:00 as midnight and several ranges a day (a lunch break)", () => {
    const hours: BusinessHours = {
      timezone: "UTC",
      days: {
        ...closed,
        mon: [
          { start: "08:00", end: "12:00" },
          { start: "13:00", end: "24:00" },
        ],
      },
    };
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T12:30:00Z"))).toBe(false);
    expect(isWithinBusinessHours(hours, new Date("2026-11-30T23:59:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, new Date("2026-12-01T00:00:00Z"))).toBe(false); // Tuesday
  });

  it("are always open when not configured, and never when every day is empty", () => {
    expect(isWithinBusinessHours(null, new Date())).toBe(true);
    expect(isWithinBusinessHours({ timezone: "UTC", days: closed }, new Date("2026-11-30T12:00:00Z"))).toBe(false);
  });

  it("accept only time zones the runtime knows", () => {
    expect(isValidTimeZone("America/Sao_Paulo")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
