import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BusinessHours } from "../../db/schema/bot-settings.ts";
import { businessSecondsBetween } from "./business-time.ts";

const weekdays = (start: string, end: string) => [{ start, end }];
const office: BusinessHours = {
  timezone: "America/Sao_Paulo",
  days: {
    mon: weekdays("09:00", "18:00"),
    tue: weekdays("09:00", "18:00"),
    wed: weekdays("09:00", "18:00"),
    thu: weekdays("09:00", "18:00"),
    fri: weekdays("09:00", "18:00"),
    sat: [],
    sun: [],
  },
};
const nightShift: BusinessHours = {
  timezone: "Europe/Berlin",
  days: { mon: [], tue: [], wed: [], thu: [], fri: [{ start: "22:00", end: "06:00" }], sat: [{ start: "10:00", end: "24:00" }], sun: [] },
};
const closed: BusinessHours = { timezone: "Asia/Tokyo", days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };

const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));
const hoursArb = fc.constantFrom<BusinessHours | null>(office, nightShift, null);

describe("businessSecondsBetween", () => {
  it("counts a wait across a night in São Paulo as the working time on both days", () => {
    // Tue 17:00 → Wed 10:30 local (UTC−3): 1 h on Tuesday + 1.5 h on Wednesday.
    const seconds = businessSecondsBetween(office, new Date("2026-11-24T20:00:00Z"), new Date("2026-11-25T13:30:00Z"));
    expect(seconds).toBe(2.5 * 3600);
  });

  it("skips a whole weekend in São Paulo", () => {
    // Fri 17:30 → Mon 09:15 local: 30 min Friday + 15 min Monday.
    const seconds = businessSecondsBetween(office, new Date("2026-11-27T20:30:00Z"), new Date("2026-11-30T12:15:00Z"));
    expect(seconds).toBe(45 * 60);
  });

  it("counts an overnight range from its day into the next, and a 24:00 end up to midnight", () => {
    // Fri 2026-11-27 21:00 → Sun 2026-11-29 02:00 Berlin (UTC+1): Fri 22:00–Sat 06:00 (8 h) + Sat 10:00–24:00 (14 h).
    const seconds = businessSecondsBetween(nightShift, new Date("2026-11-27T20:00:00Z"), new Date("2026-11-29T01:00:00Z"));
    expect(seconds).toBe(22 * 3600);
  });

  it("gives the hours a daylight-saving night really had", () => {
    // Berlin went back one hour on 2026-10-25 (Sunday): Sat 24-hour range 00:00–00:00 of the 24th is 24 h, and the
    // Friday night shift before the change 8 h; a shift over the change (none here on Sunday) would differ.
    const allDay: BusinessHours = { timezone: "Europe/Berlin", days: { ...closed.days, sun: [{ start: "00:00", end: "24:00" }] } };
    const sunday = businessSecondsBetween(allDay, new Date("2026-10-24T00:00:00Z"), new Date("2026-10-27T00:00:00Z"));
    expect(sunday).toBe(25 * 3600);
  });

  it("equals calendar seconds without business hours", () => {
    expect(businessSecondsBetween(null, new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:01:30.500Z"))).toBe(90.5);
  });

  it("is never more than calendar time nor negative", () => {
    fc.assert(
      fc.property(hoursArb, instant, fc.integer({ min: 0, max: 20 * 86_400_000 }), (hours, from, length) => {
        const to = new Date(from.getTime() + length);
        const seconds = businessSecondsBetween(hours, from, to);
        return seconds >= 0 && seconds <= length / 1000;
      }),
      { numRuns: 200 },
    );
  });

  it("is additive over any split point", () => {
    fc.assert(
      fc.property(
        hoursArb,
        instant,
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        (hours, from, a, b) => {
          const middle = new Date(from.getTime() + a);
          const to = new Date(middle.getTime() + b);
          const whole = businessSecondsBetween(hours, from, to);
          const parts = businessSecondsBetween(hours, from, middle) + businessSecondsBetween(hours, middle, to);
          return Math.abs(whole - parts) < 1e-6;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is zero when the business is always closed", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 * 86_400_000 }), (from, length) => {
        return businessSecondsBetween(closed, from, new Date(from.getTime() + length)) === 0;
      }),
      { numRuns: 100 },
    );
  });
});
