import { describe, expect, it } from "vitest";
import { type CsvReports, plainNumber, reportCsv, reportCsvFilename } from "./csv.ts";

const range = {
  from: "2026-03-01",
  to: "2026-03-02",
  timeZone: "America/Sao_Paulo",
  granularity: "day" as const,
  start: "2026-03-01T03:00:00.000Z",
  end: "2026-03-03T03:00:00.000Z",
  businessHours: false,
};
const stat = (count: number, median: number | null) => ({ count, median, p90: median, average: median });
const performance = {
  conversationsHandled: 3,
  conversationsResolved: 2,
  messagesSent: 7,
  firstResponse: stat(2, 90),
  reply: stat(0, null),
  resolution: stat(1, 3600),
  openNow: 1,
  onlineSeconds: 1800.5,
  csatAverage: null,
};

describe("report CSV", () => {
  it("exports the volume series with a header row, CRLF line ends, plain numbers and empty cells for null", () => {
    const volume: CsvReports["volume"] = {
      range,
      totals: { conversationsOpened: 3, conversationsResolved: 1, messagesIn: null, messagesOut: null },
      series: [
        {
          bucket: "2026-03-01",
          start: "2026-03-01T03:00:00.000Z",
          conversationsOpened: 2,
          conversationsResolved: 1,
          messagesIn: 5,
          messagesOut: 4,
        },
        {
          bucket: "2026-03-02",
          start: "2026-03-02T03:00:00.000Z",
          conversationsOpened: 1,
          conversationsResolved: 0,
          messagesIn: null,
          messagesOut: null,
        },
      ],
      messagesByType: null,
      messagesOutBySender: null,
      byChannel: [],
    };
    expect(reportCsv("volume", volume)).toBe(
      "bucket,start,conversationsOpened,conversationsResolved,messagesIn,messagesOut\r\n" +
        "2026-03-01,2026-03-01T03:00:00.000Z,2,1,5,4\r\n" +
        "2026-03-02,2026-03-02T03:00:00.000Z,1,0,,\r\n",
    );
  });

  it("defuses an agent name a spreadsheet would run as a formula, and quotes one with a comma", () => {
    const agents: CsvReports["agents"] = {
      range,
      percentiles: "approximate",
      agents: [
        { userId: "0b8f9c1e-4a51-4a8e-9a77-1f2d3c4b5a69", name: '=HYPERLINK("http://x")', role: "agent", active: true, ...performance },
        { userId: "5e0b1c7a-2d3f-4e8a-b1c9-0a1b2c3d4e5f", name: "Silva, Ana", role: "supervisor", active: false, ...performance },
      ],
    };
    const lines = reportCsv("agents", agents).split("\r\n");
    expect(lines[0]).toBe(
      "userId,name,role,active,conversationsHandled,conversationsResolved,messagesSent," +
        "firstResponseCount,firstResponseMedianSeconds,firstResponseP90Seconds,firstResponseAverageSeconds," +
        "replyCount,replyMedianSeconds,replyP90Seconds,replyAverageSeconds," +
        "resolutionCount,resolutionMedianSeconds,resolutionP90Seconds,resolutionAverageSeconds,openNow,onlineSeconds,csatAverage,percentiles",
    );
    expect(lines[1]).toBe(
      `0b8f9c1e-4a51-4a8e-9a77-1f2d3c4b5a69,"'=HYPERLINK(""http://x"")",agent,true,3,2,7,2,90,90,90,0,,,,1,3600,3600,3600,1,1800.5,,approximate`,
    );
    expect(lines[2]).toBe(
      '5e0b1c7a-2d3f-4e8a-b1c9-0a1b2c3d4e5f,"Silva, Ana",supervisor,false,3,2,7,2,90,90,90,0,,,,1,3600,3600,3600,1,1800.5,,approximate',
    );
    expect(lines[3]).toBe("");
  });

  it("exports the speed series as count, median, p90 and average seconds per kind", () => {
    const speed: CsvReports["speed"] = {
      range,
      percentiles: "exact",
      firstResponse: stat(1, 60),
      reply: stat(0, null),
      resolution: stat(0, null),
      series: [
        {
          bucket: "2026-03-01",
          start: "2026-03-01T03:00:00.000Z",
          firstResponse: stat(1, 60),
          reply: stat(0, null),
          resolution: stat(0, null),
        },
      ],
    };
    expect(reportCsv("speed", speed).split("\r\n")[1]).toBe("2026-03-01,2026-03-01T03:00:00.000Z,1,60,60,60,0,,,,0,,,,exact");
  });

  it("exports quality's trend, or its distribution when a tag filter leaves no trend", () => {
    const quality: CsvReports["quality"] = {
      range,
      sentiment: {
        distribution: [
          { label: "negative", conversations: 1 },
          { label: "positive", conversations: 4 },
        ],
        trend: [{ bucket: "2026-03-01", start: "2026-03-01T03:00:00.000Z", averageScore: -0.25, negative: 1, neutral: 0, positive: 1 }],
      },
      csat: { responses: 0, average: null, satisfiedRate: null, distribution: [] },
      negativeUnanswered: 0,
    };
    // A negative number is a number, not text that could be a formula: it is not defused.
    expect(reportCsv("quality", quality)).toBe(
      "bucket,start,averageScore,negative,neutral,positive\r\n2026-03-01,2026-03-01T03:00:00.000Z,-0.25,1,0,1\r\n",
    );
    expect(reportCsv("quality", { ...quality, sentiment: { ...quality.sentiment, trend: null } })).toBe(
      "label,conversations\r\nnegative,1\r\npositive,4\r\n",
    );
  });

  it("exports cost in US dollars without exponent notation, and the overview's agents online", () => {
    const cost: CsvReports["cost"] = {
      range,
      currency: "USD",
      totals: { billable: 2, estimatedCost: 0.1250001 },
      series: [{ bucket: "2026-03-01", start: "2026-03-01T03:00:00.000Z", billable: 2, estimatedCost: 0.0000001 }],
      byCategory: [],
      byCountry: [],
      byCampaign: [],
    };
    expect(reportCsv("cost", cost)).toBe("bucket,start,billable,estimatedCostUsd\r\n2026-03-01,2026-03-01T03:00:00.000Z,2,0.0000001\r\n");
    expect(plainNumber(0.0625)).toBe("0.0625");
    expect(plainNumber(1.5e-5)).toBe("0.000015");
    expect(plainNumber(1e21)).toBe("1000000000000000000000");

    const overview: CsvReports["overview"] = {
      at: "2026-03-02T15:00:00.000Z",
      open: 1,
      pending: 0,
      unassigned: 0,
      waiting: 0,
      waitingLongest: null,
      needsAttention: 0,
      botActive: 0,
      agentsOnline: [{ userId: "0b8f9c1e-4a51-4a8e-9a77-1f2d3c4b5a69", name: "@ana", since: "2026-03-02T12:00:00.000Z", openAssigned: 2 }],
    };
    expect(reportCsv("overview", overview)).toBe(
      "userId,name,since,openAssigned\r\n0b8f9c1e-4a51-4a8e-9a77-1f2d3c4b5a69,'@ana,2026-03-02T12:00:00.000Z,2\r\n",
    );
  });

  it("names the download after the report and its days", () => {
    expect(reportCsvFilename("delivery", range)).toBe("papo-delivery-2026-03-01-2026-03-02.csv");
    expect(reportCsvFilename("overview", { at: "2026-03-02T15:00:00.000Z" })).toBe("papo-overview-2026-03-02.csv");
  });
});
