import { describe, expect, it } from "vitest";
import { isoToZoned, zonedToIso } from "./time-zone.ts";

describe("wall-clock times in a time zone", () => {
  it("when a time is typed in São Paulo, it is the instant three hours later in UTC", () => {
    expect(zonedToIso("2026-12-24T09:30", "America/Sao_Paulo")).toBe("2026-12-24T12:30:00.000Z");
  });

  it("when the zone observes daylight saving, each side of the change gets its own offset", () => {
    expect(zonedToIso("2026-01-15T09:00", "America/New_York")).toBe("2026-01-15T14:00:00.000Z");
    expect(zonedToIso("2026-07-15T09:00", "America/New_York")).toBe("2026-07-15T13:00:00.000Z");
  });

  it("when converted back, the same wall-clock time comes out", () => {
    expect(isoToZoned("2026-07-15T13:00:00.000Z", "America/New_York")).toBe("2026-07-15T09:00");
  });

  it("when the text is not a date and time, there is no instant", () => {
    expect(zonedToIso("amanhã", "UTC")).toBeNull();
  });
});
