import { describe, expect, it } from "vitest";
import { formatOffset, instantToLocal, isValidTimeZone, localToInstant, offsetMinutes, quickPicks } from "./time-zone.ts";

const SP = "America/Sao_Paulo";
const NY = "America/New_York";
// Tuesday 1 December 2026, 12:00 in São Paulo.
const NOON_SP = Date.UTC(2026, 11, 1, 15, 0);

describe("time zones", () => {
  it("when a local time is read in a zone, it becomes the instant that zone means, and back", () => {
    expect(new Date(localToInstant("2026-12-01T09:00", SP) ?? 0).toISOString()).toBe("2026-12-01T12:00:00.000Z");
    expect(instantToLocal(Date.UTC(2026, 11, 1, 12, 0), SP)).toBe("2026-12-01T09:00");
    expect(new Date(localToInstant("2026-07-01T09:00", NY) ?? 0).toISOString()).toBe("2026-07-01T13:00:00.000Z");
    expect(new Date(localToInstant("2026-01-15T09:00", NY) ?? 0).toISOString()).toBe("2026-01-15T14:00:00.000Z");
  });

  it("when a local time falls in a daylight-saving gap or overlap, it resolves the same way every time", () => {
    // 02:30 does not exist on 8 March 2026 in New York: it lands after the jump, at 03:30 EDT.
    expect(instantToLocal(localToInstant("2026-03-08T02:30", NY) ?? 0, NY)).toBe("2026-03-08T03:30");
    // 01:30 happens twice on 1 November 2026: the first one (EDT) is taken.
    expect(new Date(localToInstant("2026-11-01T01:30", NY) ?? 0).toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("when the text is not a valid time, there is no instant", () => {
    expect(localToInstant("2026-02-30T09:00", SP)).toBeNull();
    expect(localToInstant("2026-12-01 09:00", SP)).toBeNull();
    expect(localToInstant("", SP)).toBeNull();
  });

  it("when the offset is shown, it reads as UTC±hh:mm", () => {
    expect(offsetMinutes(NOON_SP, SP)).toBe(-180);
    expect(formatOffset(-180)).toBe("UTC−03:00");
    expect(formatOffset(330)).toBe("UTC+05:30");
    expect(formatOffset(0)).toBe("UTC");
    expect(isValidTimeZone(SP)).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });

  it("when a quick pick is chosen, it is in an hour (rounded up to 5 min), tomorrow at 9 or next Monday at 9", () => {
    expect(quickPicks.inOneHour(NOON_SP + 2 * 60_000, SP)).toBe("2026-12-01T13:05");
    expect(quickPicks.tomorrowAt(NOON_SP, SP)).toBe("2026-12-02T09:00");
    expect(quickPicks.nextMondayAt(NOON_SP, SP)).toBe("2026-12-07T09:00");
    // On a Monday, "Monday" is a week ahead; late on the 31st, "tomorrow" crosses the year.
    expect(quickPicks.nextMondayAt(Date.UTC(2026, 11, 7, 15), SP)).toBe("2026-12-14T09:00");
    expect(quickPicks.tomorrowAt(Date.UTC(2027, 0, 1, 1), SP)).toBe("2027-01-01T09:00");
  });
});
