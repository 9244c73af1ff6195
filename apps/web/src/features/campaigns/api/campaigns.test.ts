import { describe, expect, it } from "vitest";
import { buildReport } from "../testing/fixtures.ts";
import { reportFileName, reportPollMs } from "./campaigns.ts";

const counts = buildReport().counts;
const NOW = Date.parse("2026-11-20T13:00:00.000Z");

describe("report polling", () => {
  it("when messages are still queued or sending, polls every few seconds", () => {
    expect(reportPollMs("completed", buildReport({ counts: { ...counts, queued: 1, sending: 0 } }), NOW)).toBe(3_000);
  });

  it("when a campaign completed recently with deliveries outstanding, keeps polling for receipts", () => {
    const report = buildReport({ counts: { ...counts, queued: 0, sending: 0, pending: 0 }, completedAt: "2026-11-20T12:30:00.000Z" });
    expect(reportPollMs("completed", report, NOW)).toBe(10_000);
    expect(reportPollMs("completed", report, NOW + 2 * 3_600_000)).toBe(false);
  });

  it("when everything is delivered and the campaign is over, stops", () => {
    const done = { ...counts, queued: 0, sending: 0, pending: 0, sent: 7, delivered: 7 };
    expect(reportPollMs("completed", buildReport({ counts: done, completedAt: "2026-11-20T12:59:00.000Z" }), NOW)).toBe(false);
  });
});

describe("report file name", () => {
  it("is the campaign's name without accents or symbols", () => {
    expect(reportFileName("Relâmpago de Novembro!")).toBe("campanha-relampago-de-novembro.csv");
    expect(reportFileName("***")).toBe("campanha-relatorio.csv");
  });
});
