import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instantToLocal, localToInstant, parseLocal } from "./local-time.ts";

const ZONES = ["America/Sao_Paulo", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "UTC"];

const zone = fc.constantFrom(...ZONES);
// Whole minutes between 2000 and 2040: what people schedule.
const minuteInstant = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 })
  .map((m) => new Date(m * 60_000));
const localTime = fc
  .record({
    year: fc.integer({ min: 2000, max: 2039 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ year, month, day, hour, minute }) => {
    const p = (n: number) => String(n).padStart(2, "0");
    return `${year}-${p(month)}-${p(day)}T${p(hour)}:${p(minute)}`;
  });

describe("local wall-clock times", () => {
  it("when a time is given in a zone, it is the instant the zone's clocks show it", () => {
    expect(localToInstant("2026-12-01T09:00", "America/Sao_Paulo").toISOString()).toBe("2026-12-01T12:00:00.000Z");
    expect(localToInstant("2026-07-01T09:00", "Europe/London").toISOString()).toBe("2026-07-01T08:00:00.000Z");
    expect(localToInstant("2026-01-15T09:30", "Asia/Kolkata").toISOString()).toBe("2026-01-15T04:00:00.000Z");
    expect(instantToLocal(new Date("2026-12-01T12:00:00Z"), "America/Sao_Paulo")).toBe("2026-12-01T09:00");
  });

  it("when the clocks jump forward, a time in the gap moves forward by the gap", () => {
    // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT.
    expect(localToInstant("2026-03-08T02:30", "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(instantToLocal(localToInstant("2026-03-08T02:30", "America/New_York"), "America/New_York")).toBe("2026-03-08T03:30");
  });

  it("when the clocks turn back, a time that happens twice is its first occurrence", () => {
    // New York, 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:30 happens at 05:30Z and again at 06:30Z.
    expect(localToInstant("2026-11-01T01:30", "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
    // London, 2026-10-25: 02:00 BST becomes 01:00 GMT.
    expect(localToInstant("2026-10-25T01:30", "Europe/London").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("when a date or zone is not real, it is refused", () => {
    expect(parseLocal("2026-02-30T10:00")).toBeUndefined();
    expect(parseLocal("2026-02-10T24:00")).toBeUndefined();
    expect(parseLocal("2026-02-10 10:00")).toBeUndefined();
    expect(() => localToInstant("2026-02-30T10:00", "UTC")).toThrow(RangeError);
    expect(() => localToInstant("2026-02-10T10:00", "Mars/Olympus")).toThrow(RangeError);
  });

  it("when any instant is shown in a zone and read back, it is that instant or an earlier one with the same clock", () => {
    fc.assert(
      fc.property(minuteInstant, zone, (at, timeZone) => {
        const local = instantToLocal(at, timeZone);
        const back = localToInstant(local, timeZone);
        expect(instantToLocal(back, timeZone)).toBe(local);
        expect(back.getTime()).toBeLessThanOrEqual(at.getTime());
        // Only a repeated hour (clocks turned back) gives an earlier instant, at most one offset change earlier.
        expect(at.getTime() - back.getTime()).toBeLessThanOrEqual(3600_000);
      }),
      { numRuns: 500 },
    );
  });

  it("when any local time is read in a zone, the zone shows it then, or shortly after when it falls in a gap", () => {
    fc.assert(
      fc.property(localTime, zone, (local, timeZone) => {
        const at = localToInstant(local, timeZone);
        const shown = instantToLocal(at, timeZone);
        if (shown !== local) {
          // A gap: no instant shows `local`, and the answer is after it by less than an hour.
          expect(shown > local).toBe(true);
          const shift = localToInstant(shown, timeZone).getTime() - localToInstant(local, timeZone).getTime();
          expect(shift).toBe(0);
          expect(Date.parse(`${shown}Z`) - Date.parse(`${local}Z`)).toBeLessThanOrEqual(3600_000);
        }
      }),
      { numRuns: 500 },
    );
  });
});
